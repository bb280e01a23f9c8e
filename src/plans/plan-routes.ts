import type { Deps, GripApp } from '../platform/http/types.ts';

/** Every route of the plan itself (docs/api/plans.md): the plan, versions, scores, evaluations, break the glass. */
export function registerPlanRoutes(_app: GripApp, _deps: Deps): void {}
