import type { Deps, GripApp } from '../platform/http/types.ts';

/** Every route of beschikkingen, toewijzingen, delivery, declarations and costs (issue 6, points 3–6). */
export function registerDecisionRoutes(_app: GripApp, _deps: Deps): void {}
