import type { ActionRule } from './actions.ts';

/**
 * Actions of the plan's exchange (docs/api/plans.md): messages, documents, notifications, the timeline,
 * the PDF, and the resident's plan in the portal.
 */
export const PLAN_EXCHANGE_ACTIONS = {} as const satisfies Record<string, ActionRule>;
