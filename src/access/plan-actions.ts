import type { ActionRule } from './actions.ts';

/**
 * Actions of the plans context (docs/api/plans.md): the plan, its versions, scores and evaluations, break
 * the glass. The role table says which roles; src/plans/plan-access.ts says which plans. Shared purposes
 * and grounds are in ./purposes.ts.
 */
export const PLAN_ACTIONS = {} as const satisfies Record<string, ActionRule>;
