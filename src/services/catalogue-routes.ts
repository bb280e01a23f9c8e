import type { Deps, GripApp } from '../platform/http/types.ts';

/** Every route of the catalogue, providers and contracts (issue 6, points 1–2). */
export function registerCatalogueRoutes(_app: GripApp, _deps: Deps): void {}
