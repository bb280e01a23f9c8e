import { z } from 'zod';
import { invalid, notFound, problem } from '../platform/http/problem.ts';
import type { GripApp } from '../platform/http/types.ts';
import { localDate } from './local-date.ts';

/**
 * The home visit planned at triage (a first intake for support), recorded once it has been held:
 * `POST /api/v1/help-questions/{id}/home-visit` with `{ heldDate }`.
 */
const Params = z.strictObject({ helpQuestionId: z.uuid() });
const Body = z
  .strictObject({
    heldDate: z.iso.date().describe('Day the home visit was held, not in the future'),
  })
  .meta({ id: 'HomeVisitHeld' });
const Result = z.object({ plannedDate: z.iso.date(), heldDate: z.iso.date() }).meta({ id: 'HomeVisit' });
const QUESTION = { nl: 'Deze hulpvraag', en: 'This help question' };

export function registerHomeVisitRoutes(app: GripApp): void {
  app.post(
    '/api/v1/help-questions/:helpQuestionId/home-visit',
    {
      config: { action: 'home-visit.record' },
      schema: {
        tags: ['Intake'],
        summary: 'Record that the planned home visit was held',
        params: Params,
        body: Body,
        response: { 201: Result },
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const { heldDate } = request.body;
      const result = await request.tenant(async (tx) => {
        const row = await tx
          .selectFrom('triage as t')
          .innerJoin('help_question as q', (j) =>
            j
              .onRef('q.municipality_code', '=', 't.municipality_code')
              .onRef('q.id', '=', 't.help_question_id'),
          )
          .select(['t.home_visit_planned_on', 't.home_visit_held_on', 't.decided_at', 'q.person_id'])
          .where('t.municipality_code', '=', municipalityCode)
          .where('t.help_question_id', '=', request.params.helpQuestionId)
          .forUpdate()
          .executeTakeFirst();
        if (!row) throw notFound(QUESTION);
        if (row.person_id) request.recordSubjects('person', [row.person_id]);
        if (!row.home_visit_planned_on) {
          throw problem(409, 'no-home-visit-planned', {
            nl: 'Voor deze hulpvraag is geen huisbezoek gepland.',
            en: 'No home visit was planned for this help question.',
          });
        }
        if (row.home_visit_held_on) {
          throw problem(409, 'home-visit-recorded', {
            nl: 'Het huisbezoek is al vastgelegd.',
            en: 'The home visit has already been recorded.',
          });
        }
        const triagedOn = localDate(row.decided_at);
        if (heldDate > localDate() || heldDate < triagedOn) {
          throw invalid([
            {
              name: 'heldDate',
              code: 'out-of-range',
              reason: {
                nl: 'Het huisbezoek ligt tussen de triage en vandaag.',
                en: 'The home visit lies between the triage and today.',
              },
            },
          ]);
        }
        await tx
          .updateTable('triage')
          .set({ home_visit_held_on: heldDate })
          .where('municipality_code', '=', municipalityCode)
          .where('help_question_id', '=', request.params.helpQuestionId)
          .execute();
        return { plannedDate: row.home_visit_planned_on, heldDate };
      });
      return reply.code(201).send(result);
    },
  );
}
