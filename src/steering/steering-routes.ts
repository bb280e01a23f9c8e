import type { Deps, GripApp } from '../platform/http/types.ts';

/** Every route of the steering context (issue 7): programme structure, indicators, budgets. */
export function registerSteeringRoutes(_app: GripApp, _deps: Deps): void {}
