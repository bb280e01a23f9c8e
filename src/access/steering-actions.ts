import type { ActionRule } from './actions.ts';

/** Actions of the steering context (issue 7): programmes, goals, themes, interventions, indicators, budgets. */
export const STEERING_ACTIONS = {} as const satisfies Record<string, ActionRule>;
