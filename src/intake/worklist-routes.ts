import { z } from 'zod';
import { invalid } from '../platform/http/problem.ts';
import type { GripApp } from '../platform/http/types.ts';
import { nullableDate } from '../platform/http/schema-types.ts';
import { localDate } from './local-date.ts';
import { suspensionsOf, toMelding } from './meldingen-repository.ts';
import { URGENT_REASONS } from './triage.ts';

/**
 * The worklist of a team: its open help questions and open meldingen, each melding with the due date of
 * its running clock (onderzoek or beslissing) and its state: op-tijd, bijna (due within 7 days) or te-laat.
 * A question with an open melding appears once, as the melding. Sorted by due date (items without a legal
 * due date last, oldest first). The team defaults to the caller's team.
 */

const TAGS = ['Intake'];

const QuerySchema = z.strictObject({
  teamId: z.uuid().optional().describe("Default: the caller's team"),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

const ItemSchema = z
  .object({
    kind: z.enum(['hulpvraag', 'melding']),
    helpQuestionId: z.uuid(),
    reference: z.string(),
    receivedAt: z.iso.datetime({ offset: true }),
    questionTypes: z.array(z.string()),
    personId: z.uuid().nullable(),
    personName: z.string().nullable(),
    meldingId: z.uuid().nullable(),
    lawCode: z.string().nullable(),
    meldingStatus: z.enum(['onderzoek', 'aanvraag']).nullable(),
    dueDate: nullableDate().describe(
      'Due date of the running legal clock; null for a question without melding',
    ),
    clock: z.enum(['onderzoek', 'beslissing']).nullable(),
    state: z.enum(['op-tijd', 'bijna', 'te-laat']).nullable(),
    daysLeft: z.number().int().nullable(),
    suspended: z.boolean().describe('The clock stands still now'),
    urgentReason: z
      .enum(URGENT_REASONS)
      .nullable()
      .describe('Set when triage found the question urgent (a flag)'),
    homeVisitDate: nullableDate(),
  })
  .meta({ id: 'WorklistItem' });

const WorklistSchema = z
  .object({
    teamId: z.uuid(),
    teamName: z.string(),
    totals: z.object({
      items: z.number().int(),
      opTijd: z.number().int(),
      bijna: z.number().int(),
      teLaat: z.number().int(),
      urgent: z.number().int(),
    }),
    items: z.array(ItemSchema),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'Worklist' });

type Item = z.infer<typeof ItemSchema>;

const DAY_MS = 86_400_000;
const daysLeft = (today: string, due: string) => Math.round((Date.parse(due) - Date.parse(today)) / DAY_MS);

export function registerWorklistRoutes(app: GripApp): void {
  app.get(
    '/api/v1/worklist',
    {
      config: { action: 'worklist.read' },
      schema: {
        tags: TAGS,
        summary: "A team's open questions and meldingen with due date, clock and state, by due date",
        querystring: QuerySchema,
        response: { 200: WorklistSchema },
      },
    },
    async (request) => {
      const { municipalityCode, roles } = request.grip.actor!;
      const { page, pageSize } = request.query;
      const teamId = request.query.teamId ?? roles.find((r) => r.teamId !== null)?.teamId ?? null;
      if (!teamId) {
        throw invalid([
          {
            name: 'query.teamId',
            code: 'required',
            reason: {
              nl: 'U hoort bij geen team; kies het team waarvan u de werkvoorraad wilt zien.',
              en: 'You are not in a team; choose the team whose worklist you want to see.',
            },
          },
        ]);
      }
      return request.tenant(async (tx) => {
        const team = await tx
          .selectFrom('team')
          .where('municipality_code', '=', municipalityCode)
          .where('id', '=', teamId)
          .select(['id', 'name'])
          .executeTakeFirst();
        if (!team) {
          throw invalid([
            {
              name: 'query.teamId',
              code: 'unknown-team',
              reason: {
                nl: 'Dit team bestaat niet in deze gemeente.',
                en: 'This team does not exist in this municipality.',
              },
            },
          ]);
        }
        const today = localDate();
        const questions = await tx
          .selectFrom('help_question as hq')
          .leftJoin('person as p', (j) =>
            j.onRef('p.municipality_code', '=', 'hq.municipality_code').onRef('p.id', '=', 'hq.person_id'),
          )
          .leftJoin('triage as t', (j) =>
            j
              .onRef('t.municipality_code', '=', 'hq.municipality_code')
              .onRef('t.help_question_id', '=', 'hq.id'),
          )
          .where('hq.municipality_code', '=', municipalityCode)
          .where('hq.team_id', '=', team.id)
          .where('hq.status', '=', 'open')
          .select([
            'hq.id',
            'hq.reference',
            'hq.received_at',
            'hq.question_types',
            'hq.person_id',
            'p.given_names',
            'p.family_name_prefix',
            'p.family_name',
            't.urgent_reason',
            't.home_visit_planned_on',
          ])
          .execute();
        const meldingen = await tx
          .selectFrom('melding as m')
          .innerJoin('help_question as hq', (j) =>
            j
              .onRef('hq.municipality_code', '=', 'm.municipality_code')
              .onRef('hq.id', '=', 'm.help_question_id'),
          )
          .where('m.municipality_code', '=', municipalityCode)
          .where('m.status', 'in', ['onderzoek', 'aanvraag'])
          .where('hq.team_id', '=', team.id)
          .where('hq.status', '=', 'open')
          .selectAll('m')
          .execute();
        const suspensions = await suspensionsOf(
          tx,
          municipalityCode,
          meldingen.map((m) => m.id),
        );
        const meldingenOf = new Map<string, typeof meldingen>();
        for (const m of meldingen)
          meldingenOf.set(m.help_question_id, [...(meldingenOf.get(m.help_question_id) ?? []), m]);

        const items: Item[] = [];
        for (const q of questions) {
          const base = {
            helpQuestionId: q.id,
            reference: q.reference,
            receivedAt: q.received_at.toISOString(),
            questionTypes: q.question_types,
            personId: q.person_id,
            personName: q.family_name
              ? [q.given_names, q.family_name_prefix, q.family_name].filter(Boolean).join(' ')
              : null,
            urgentReason: q.urgent_reason,
            homeVisitDate: q.home_visit_planned_on,
          };
          const open = meldingenOf.get(q.id) ?? [];
          if (open.length === 0) {
            items.push({
              ...base,
              kind: 'hulpvraag',
              meldingId: null,
              lawCode: null,
              meldingStatus: null,
              dueDate: null,
              clock: null,
              state: null,
              daysLeft: null,
              suspended: false,
            });
          }
          for (const row of open) {
            const list = suspensions.get(row.id) ?? [];
            const m = toMelding(row, list, today);
            items.push({
              ...base,
              kind: 'melding',
              meldingId: m.id,
              lawCode: m.lawCode,
              meldingStatus: row.status as 'onderzoek' | 'aanvraag',
              dueDate: m.dueDate,
              clock: m.clock,
              state: m.state,
              daysLeft: m.dueDate ? daysLeft(today, m.dueDate) : null,
              suspended: list.some((s) => s.untilDate === null && s.fromDate <= today),
            });
          }
        }
        items.sort(
          (a, b) =>
            (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31') ||
            a.receivedAt.localeCompare(b.receivedAt) ||
            a.helpQuestionId.localeCompare(b.helpQuestionId),
        );
        const shown = items.slice((page - 1) * pageSize, page * pageSize);
        request.recordSubjects(
          'person',
          shown.flatMap((i) => (i.personId ? [i.personId] : [])),
        );
        return {
          teamId: team.id,
          teamName: team.name,
          totals: {
            items: items.length,
            opTijd: items.filter((i) => i.state === 'op-tijd').length,
            bijna: items.filter((i) => i.state === 'bijna').length,
            teLaat: items.filter((i) => i.state === 'te-laat').length,
            urgent: items.filter((i) => i.urgentReason !== null).length,
          },
          items: shown,
          page,
          pageSize,
        };
      });
    },
  );
}
