import { localDate } from '../intake/local-date.ts';
import type { GripApp } from '../platform/http/types.ts';
import { planSubjects } from './plan-access.ts';
import { WorklistSchema } from './plan-schemas.ts';
import { personName } from './plan-view.ts';
import { myPlanIds, planListFacts } from './plans-repository.ts';
import { addMonths, EIGHTEEN_HORIZON_MONTHS, eighteenTransitions } from './transitions.ts';

/**
 * The plan worklist of a professional: across the open plans they direct or are involved in, the
 * evaluations due within 14 days or overdue, and the 18-jaar-overgang (transitions.ts).
 */

export const EVALUATION_DUE_DAYS = 14;

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export function registerPlanWorklistRoutes(app: GripApp): void {
  app.get(
    '/api/v1/plan-worklist',
    {
      config: { action: 'plan-worklist.read' },
      schema: {
        tags: ['Plans'],
        summary: 'My plans: evaluations due or overdue, and participants turning 18 with youth care',
        response: { 200: WorklistSchema },
      },
    },
    async (request) => {
      const { municipalityCode, userId } = request.grip.actor!;
      const today = localDate();
      return request.tenant(async (tx) => {
        const evaluations = await tx
          .selectFrom('plan_evaluation as e')
          .innerJoin('household_plan as p', (j) =>
            j.onRef('p.municipality_code', '=', 'e.municipality_code').onRef('p.id', '=', 'e.plan_id'),
          )
          .select(['e.id', 'e.plan_id', 'p.household_id', 'e.planned_on'])
          .where('e.municipality_code', '=', municipalityCode)
          .where('e.plan_id', 'in', myPlanIds(tx, municipalityCode, userId, today))
          .where('e.kind', '=', 'evaluatie')
          .where('e.held_on', 'is', null)
          .where('e.planned_on', '<=', addDays(today, EVALUATION_DUE_DAYS))
          .orderBy('e.planned_on')
          .orderBy('e.id')
          .execute();

        // Participants of my plans born so that they turn 18 within the horizon (a day either side for
        // 29 February), with their Jeugdwet allocations; the pure function decides.
        const earliest = `${String(Number(today.slice(0, 4)) - 18).padStart(4, '0')}${today.slice(4)}`;
        const horizon = addMonths(today, EIGHTEEN_HORIZON_MONTHS);
        const latest = `${String(Number(horizon.slice(0, 4)) - 18).padStart(4, '0')}${horizon.slice(4)}`;
        const people = await tx
          .selectFrom('plan_participant as pp')
          .innerJoin('person as x', (j) =>
            j.onRef('x.municipality_code', '=', 'pp.municipality_code').onRef('x.id', '=', 'pp.person_id'),
          )
          .select([
            'pp.plan_id',
            'x.id',
            'x.given_names',
            'x.family_name_prefix',
            'x.family_name',
            'x.birth_date',
          ])
          .where('pp.municipality_code', '=', municipalityCode)
          .where('pp.plan_id', 'in', myPlanIds(tx, municipalityCode, userId, today))
          .where('x.birth_date', '>=', addDays(earliest, -1))
          .where('x.birth_date', '<=', addDays(latest, 1))
          .execute();
        const allocations =
          people.length === 0
            ? []
            : await tx
                .selectFrom('toewijzing as t')
                .innerJoin('service as s', (j) =>
                  j
                    .onRef('s.municipality_code', '=', 't.municipality_code')
                    .onRef('s.id', '=', 't.service_id'),
                )
                .select([
                  't.id',
                  't.person_id',
                  't.law_code',
                  't.status',
                  't.start_date',
                  't.end_date',
                  's.code',
                  's.name',
                ])
                .where('t.municipality_code', '=', municipalityCode)
                .where('t.person_id', 'in', [...new Set(people.map((p) => p.id))])
                .where('t.law_code', '=', 'jeugdwet')
                .orderBy('t.start_date')
                .execute();
        const eighteen = people.flatMap((p) =>
          eighteenTransitions(
            [
              {
                personId: p.id,
                name: personName(p),
                birthDate: p.birth_date,
                allocations: allocations
                  .filter((t) => t.person_id === p.id)
                  .map((t) => ({
                    id: t.id,
                    lawCode: t.law_code,
                    status: t.status,
                    startDate: t.start_date,
                    endDate: t.end_date,
                    serviceCode: t.code,
                    serviceName: t.name,
                  })),
              },
            ],
            today,
          ).map((found) => ({
            planId: p.plan_id,
            personId: found.personId,
            name: found.name,
            eighteenOn: found.eighteenOn,
            toewijzingen: found.toewijzingen.map((t) => ({
              id: t.id,
              serviceCode: t.serviceCode,
              serviceName: t.serviceName,
              startDate: t.startDate,
              endDate: t.endDate,
            })),
          })),
        );
        eighteen.sort(
          (a, b) => a.eighteenOn.localeCompare(b.eighteenOn) || a.personId.localeCompare(b.personId),
        );

        const planIds = [
          ...new Set([...evaluations.map((e) => e.plan_id), ...eighteen.map((e) => e.planId)]),
        ];
        const { names } = await planListFacts(tx, municipalityCode, planIds);
        const subjects = await Promise.all(planIds.map((id) => planSubjects(tx, municipalityCode, id)));
        request.recordSubjects('person', subjects.flat());
        return {
          evaluations: evaluations.map((e) => ({
            planId: e.plan_id,
            householdId: e.household_id,
            evaluationId: e.id,
            plannedOn: e.planned_on,
            overdue: e.planned_on < today,
            participants: names.get(e.plan_id) ?? [],
          })),
          eighteen,
        };
      });
    },
  );
}
