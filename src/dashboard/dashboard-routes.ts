import type { Deps, GripApp } from '../platform/http/types.ts';
import { registerAlertRoutes } from './alerts/alert-routes.ts';
import { registerExportRoutes } from './export/export-routes.ts';
import { registerRegionRoutes } from './region/region-routes.ts';
import { registerSettingsRoutes } from './settings-routes.ts';
import { registerViewRoutes } from './view-routes.ts';

/** Every route of the dashboard context (issue 8): views, definitions, settings, exports, region, alerts. */
export function registerDashboardRoutes(app: GripApp, deps: Deps): void {
  registerViewRoutes(app);
  registerSettingsRoutes(app);
  registerExportRoutes(app);
  registerRegionRoutes(app, deps);
  registerAlertRoutes(app);
}
