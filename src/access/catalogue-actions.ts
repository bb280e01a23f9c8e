import type { ActionRule } from './actions.ts';

/** Actions of the catalogue, providers, contracts, quality checks, incidents and fraud suspicions (issue 6, points 1–2). Shared purposes and grounds are in ./purposes.ts. */
export const CATALOGUE_ACTIONS = {} as const satisfies Record<string, ActionRule>;
