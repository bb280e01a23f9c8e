import { registerContractRoutes } from '../providers/contract-routes.ts';
import { registerFraudRoutes } from '../providers/fraud-routes.ts';
import { registerProviderRoutes } from '../providers/provider-routes.ts';
import type { Deps, GripApp } from '../platform/http/types.ts';
import { registerAlgemeneVoorzieningenSearchRoutes } from './algemene-voorzieningen-search.ts';
import { registerServiceRoutes } from './service-routes.ts';

/** Every route of the catalogue, providers and contracts (issue 6, points 1–2; docs/api/services.md). */
export function registerCatalogueRoutes(app: GripApp, deps: Deps): void {
  registerServiceRoutes(app);
  registerAlgemeneVoorzieningenSearchRoutes(app, deps);
  registerProviderRoutes(app);
  registerContractRoutes(app);
  registerFraudRoutes(app);
}
