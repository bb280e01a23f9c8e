import type { Deps, GripApp } from '../platform/http/types.ts';
import { registerDocumentRoutes } from './documents-routes.ts';
import { registerMessageRoutes } from './messages-routes.ts';
import { registerNotificationRoutes } from './notifications-routes.ts';
import { registerPlanPdfRoutes } from './plan-pdf-routes.ts';
import { registerPortalPlanRoutes } from './portal-plan-routes.ts';
import { registerTimelineRoutes } from './timeline-routes.ts';

/** Every route of the plan's exchange (docs/api/plans.md): messages, documents, notifications, timeline, PDF, portal. */
export function registerPlanExchangeRoutes(app: GripApp, _deps: Deps): void {
  registerMessageRoutes(app);
  registerDocumentRoutes(app);
  registerNotificationRoutes(app);
  registerTimelineRoutes(app);
  registerPlanPdfRoutes(app);
  registerPortalPlanRoutes(app);
}
