import type { Deps, GripApp } from '../platform/http/types.ts';

/** Every route of the iWmo/iJw 3.2 message exchange (issue 6, point 7). */
export function registerIstandaardRoutes(_app: GripApp, _deps: Deps): void {}
