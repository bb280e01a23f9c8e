import type { ActionRule } from './actions.ts';

/** Actions of the steering progress report (issue 7, point 5): screen, PDF and XLSX. */
export const STEERING_REPORT_ACTIONS = {} as const satisfies Record<string, ActionRule>;
