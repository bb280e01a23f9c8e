import type { Deps, GripApp } from '../platform/http/types.ts';

/** Every route of the plan's exchange (docs/api/plans.md): messages, documents, notifications, timeline, PDF, portal. */
export function registerPlanExchangeRoutes(_app: GripApp, _deps: Deps): void {}
