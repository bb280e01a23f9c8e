import type { ActionRule } from './actions.ts';

/** Actions of beschikkingen, toewijzingen, care delivery, declarations and costs (issue 6, points 3–6). Shared purposes and grounds are in ./purposes.ts. */
export const DECISION_ACTIONS = {} as const satisfies Record<string, ActionRule>;
