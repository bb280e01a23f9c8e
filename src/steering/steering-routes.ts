import type { Deps, GripApp } from '../platform/http/types.ts';
import { registerBudgetRoutes } from './budget-routes.ts';
import { registerIndicatorMaintenanceRoutes } from './indicator-maintenance-routes.ts';
import { registerIndicatorImportRoutes } from './indicator-import.ts';
import { registerIndicatorRoutes } from './indicator-routes.ts';
import { registerProgrammeRoutes } from './programme-routes.ts';
import { registerRealisationFromCostsRoutes } from './realisation-from-costs.ts';
import { registerStructureMaintenanceRoutes } from './structure-maintenance-routes.ts';

/** Every route of the steering context (issue 7): programme structure, indicators, budgets. */
export function registerSteeringRoutes(app: GripApp, _deps: Deps): void {
  registerProgrammeRoutes(app);
  registerStructureMaintenanceRoutes(app);
  registerIndicatorRoutes(app);
  registerIndicatorMaintenanceRoutes(app);
  registerBudgetRoutes(app);
  registerIndicatorImportRoutes(app);
  registerRealisationFromCostsRoutes(app);
}
