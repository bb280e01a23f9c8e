import type { GripApp } from '../platform/http/types.ts';
import { NoQuery, PlanParams, TimelineSchema } from './exchange-schemas.ts';
import { professionalPlan } from './messages-routes.ts';
import { householdTimeline } from './timeline-repository.ts';

/** The household's timeline (docs/api/plans.md). */
export function registerTimelineRoutes(app: GripApp): void {
  app.get(
    '/api/v1/plans/:planId/timeline',
    {
      config: { action: 'plan-timeline.read' },
      schema: {
        tags: ['Plannen'],
        summary:
          "Every event of the plan's household in order: help questions, intakes, triage, meldingen, beschikkingen, toewijzingen, plan versions and agreements, evaluations, signals, messages, documents",
        params: PlanParams,
        querystring: NoQuery,
        response: { 200: TimelineSchema },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      return request.tenant(async (tx) => {
        const access = await professionalPlan(request, tx, request.params.planId);
        return { items: await householdTimeline(tx, municipalityCode, access.householdId) };
      });
    },
  );
}
