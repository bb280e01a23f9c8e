import type { ActionRule } from './actions.ts';

/** Actions of the iWmo/iJw 3.2 messages: 301 export, 305/307/323 import (issue 6, point 7). Shared purposes and grounds are in ./purposes.ts. */
export const ISTANDAARD_ACTIONS = {} as const satisfies Record<string, ActionRule>;
