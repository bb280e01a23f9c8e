import { z } from 'zod';
import { invalid, notFound, problem, type InvalidParam } from '../platform/http/problem.ts';
import type { GripApp } from '../platform/http/types.ts';
import {
  AanvraagSchema,
  MeldingSchema,
  SuspensionCreateSchema,
  SuspensionEndSchema,
} from './intake-schemas.ts';
import { localDate } from './local-date.ts';
import { getMelding, getMeldingRow, refreshClocks, suspensionsOf } from './meldingen-repository.ts';

/**
 * Meldingen and their legal clocks: the aanvraag (Wmo: starts the 2-week decision clock) and suspensions
 * of the clock. Every change recomputes the due dates (legal-clocks.ts). A melding has no version column:
 * each change is a state transition guarded by the melding's status, under a row lock.
 */

const TAGS = ['Intake'];
const MELDING = { nl: 'Deze melding', en: 'This melding' };
const SUSPENSION = { nl: 'Deze opschorting', en: 'This suspension' };
const MeldingParams = z.strictObject({ meldingId: z.uuid() });
const SuspensionParams = z.strictObject({ meldingId: z.uuid(), suspensionId: z.uuid() });

const closed = () =>
  problem(409, 'melding-closed', {
    nl: 'Over deze melding is besloten of zij is ingetrokken; de termijn loopt niet meer.',
    en: 'This melding has been decided or withdrawn; its clock no longer runs.',
  });

const dateError = (name: string, code: string, nl: string, en: string): InvalidParam => ({
  name,
  code,
  reason: { nl, en },
});

export function registerMeldingRoutes(app: GripApp): void {
  app.post(
    '/api/v1/meldingen/:meldingId/aanvraag',
    {
      config: { action: 'melding.aanvraag' },
      schema: {
        tags: TAGS,
        summary: 'Record the aanvraag (Wmo: starts the 2-week decision clock)',
        params: MeldingParams,
        body: AanvraagSchema,
        response: { 200: MeldingSchema },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      const { meldingId } = request.params;
      const { aanvraagDate } = request.body;
      return request.tenant(async (tx) => {
        const row = await getMeldingRow(tx, municipalityCode, meldingId, true);
        if (!row) throw notFound(MELDING);
        request.recordSubjects('person', [row.person_id]);
        if (row.status === 'besloten' || row.status === 'ingetrokken') throw closed();
        if (row.status === 'aanvraag') {
          throw problem(409, 'aanvraag-exists', {
            nl: `De aanvraag is al vastgelegd (${row.aanvraag_on}).`,
            en: `The aanvraag has been recorded already (${row.aanvraag_on}).`,
          });
        }
        const today = localDate();
        if (aanvraagDate < row.melded_on || aanvraagDate > today) {
          throw invalid([
            dateError(
              'aanvraagDate',
              'out-of-range',
              `De aanvraag ligt tussen de melding (${row.melded_on}) en vandaag.`,
              `The aanvraag lies between the melding (${row.melded_on}) and today.`,
            ),
          ]);
        }
        await tx
          .updateTable('melding')
          .set({ aanvraag_on: aanvraagDate, status: 'aanvraag' })
          .where('municipality_code', '=', municipalityCode)
          .where('id', '=', meldingId)
          .execute();
        await refreshClocks(tx, municipalityCode, meldingId);
        return (await getMelding(tx, municipalityCode, meldingId))!;
      });
    },
  );

  app.post(
    '/api/v1/meldingen/:meldingId/suspensions',
    {
      config: { action: 'melding.suspend' },
      schema: {
        tags: TAGS,
        summary: 'Stop the legal clock from a day on (until the suspension is ended)',
        params: MeldingParams,
        body: SuspensionCreateSchema,
        response: { 201: MeldingSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const { meldingId } = request.params;
      const { fromDate, reason } = request.body;
      const melding = await request.tenant(async (tx) => {
        const row = await getMeldingRow(tx, municipalityCode, meldingId, true);
        if (!row) throw notFound(MELDING);
        request.recordSubjects('person', [row.person_id]);
        if (row.status === 'besloten' || row.status === 'ingetrokken') throw closed();
        const suspensions = (await suspensionsOf(tx, municipalityCode, [meldingId])).get(meldingId) ?? [];
        if (suspensions.some((s) => s.untilDate === null)) {
          throw problem(409, 'suspension-open', {
            nl: 'De termijn staat al stil. Beëindig eerst de lopende opschorting.',
            en: 'The clock is already stopped. End the current suspension first.',
          });
        }
        const today = localDate();
        if (fromDate < row.melded_on || fromDate > today) {
          throw invalid([
            dateError(
              'fromDate',
              'out-of-range',
              `De opschorting begint tussen de melding (${row.melded_on}) en vandaag.`,
              `The suspension starts between the melding (${row.melded_on}) and today.`,
            ),
          ]);
        }
        const lastEnd = suspensions.reduce<string | null>(
          (max, s) => (s.untilDate && (!max || s.untilDate > max) ? s.untilDate : max),
          null,
        );
        if (lastEnd && fromDate <= lastEnd) {
          throw invalid([
            dateError(
              'fromDate',
              'overlaps',
              `Deze opschorting overlapt een eerdere (tot en met ${lastEnd}).`,
              `This suspension overlaps an earlier one (up to ${lastEnd}).`,
            ),
          ]);
        }
        await tx
          .insertInto('legal_clock_suspension')
          .values({
            municipality_code: municipalityCode,
            melding_id: meldingId,
            suspended_from: fromDate,
            reason,
          })
          .execute();
        await refreshClocks(tx, municipalityCode, meldingId);
        return (await getMelding(tx, municipalityCode, meldingId))!;
      });
      return reply.code(201).send(melding);
    },
  );

  app.post(
    '/api/v1/meldingen/:meldingId/suspensions/:suspensionId/end',
    {
      config: { action: 'melding.resume' },
      schema: {
        tags: TAGS,
        summary: 'End a suspension: untilDate is the last day the clock stood still',
        params: SuspensionParams,
        body: SuspensionEndSchema,
        response: { 200: MeldingSchema },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      const { meldingId, suspensionId } = request.params;
      const { untilDate } = request.body;
      return request.tenant(async (tx) => {
        const row = await getMeldingRow(tx, municipalityCode, meldingId, true);
        if (!row) throw notFound(MELDING);
        request.recordSubjects('person', [row.person_id]);
        const suspension = await tx
          .selectFrom('legal_clock_suspension')
          .where('municipality_code', '=', municipalityCode)
          .where('melding_id', '=', meldingId)
          .where('id', '=', suspensionId)
          .select(['id', 'suspended_from', 'suspended_until'])
          .executeTakeFirst();
        if (!suspension) throw notFound(SUSPENSION);
        if (suspension.suspended_until !== null) {
          throw problem(409, 'suspension-ended', {
            nl: `Deze opschorting is al beëindigd (${suspension.suspended_until}).`,
            en: `This suspension has ended already (${suspension.suspended_until}).`,
          });
        }
        const today = localDate();
        if (untilDate < suspension.suspended_from || untilDate > today) {
          throw invalid([
            dateError(
              'untilDate',
              'out-of-range',
              `De laatste dag ligt tussen het begin (${suspension.suspended_from}) en vandaag.`,
              `The last day lies between the start (${suspension.suspended_from}) and today.`,
            ),
          ]);
        }
        await tx
          .updateTable('legal_clock_suspension')
          .set({ suspended_until: untilDate })
          .where('municipality_code', '=', municipalityCode)
          .where('id', '=', suspensionId)
          .execute();
        await refreshClocks(tx, municipalityCode, meldingId);
        return (await getMelding(tx, municipalityCode, meldingId))!;
      });
    },
  );
}
