import { sql } from 'kysely';
import { z } from 'zod';
import type { Tx } from '../platform/db/database.ts';
import { invalid, notFound, problem } from '../platform/http/problem.ts';
import type { GripApp } from '../platform/http/types.ts';
import { BsnSchema } from '../residents/person-schemas.ts';
import {
  BirthDateSchema,
  HelpQuestionCreateSchema,
  HelpQuestionSchema,
  HouseNumberSchema,
  PostcodeSchema,
  type PersonInput,
} from './help-question-schemas.ts';
import { IDEMPOTENCY_KEY, registerHelpQuestion } from './help-question-service.ts';
import { getHelpQuestionRow, openPlanOf, toHelpQuestion } from './help-questions-repository.ts';
import { matchHousehold, type MatchInput } from './household-matching.ts';
import {
  IntakeSchema,
  MeldingSchema,
  TriageCreateSchema,
  TriageResultSchema,
  TriageSchema,
} from './intake-schemas.ts';
import { intakeView } from './intake-routes.ts';
import { intakesOfQuestion } from './intakes-repository.ts';
import { computeClocks } from './legal-clocks.ts';
import { localDate } from './local-date.ts';
import { getMelding, meldingOfQuestion } from './meldingen-repository.ts';
import { openOrJoinHouseholdPlan } from './plan-handoff.ts';
import { decideTriage } from './triage.ts';

/** Help questions (docs/api/intake.md, "Help questions"): duplicate check, registration, list, detail, triage. */

const TAGS = ['Intake'];
const QUESTION = { nl: 'Deze hulpvraag', en: 'This help question' };
const QuestionParams = z.strictObject({ helpQuestionId: z.uuid() });

// ---------------------------------------------------------------------------------------------------
// Schemas

const MatchBodySchema = z
  .strictObject({
    bsn: BsnSchema.optional(),
    familyName: z.string().trim().min(1).max(200).optional(),
    birthDate: BirthDateSchema.optional(),
    postcode: PostcodeSchema.optional(),
    houseNumber: HouseNumberSchema.optional(),
  })
  .superRefine((value, ctx) => {
    const byDetails = ['familyName', 'birthDate', 'postcode', 'houseNumber'] as const;
    if (value.bsn !== undefined) {
      for (const key of byDetails) {
        if (value[key] !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message:
              'Zoek met het BSN of met de gegevens, niet met beide.|Search by BSN or by the details, not both.',
          });
        }
      }
      return;
    }
    for (const key of byDetails) {
      if (value[key] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message:
            'Zonder BSN zijn achternaam, geboortedatum, postcode en huisnummer nodig.|Without a BSN, family name, birth date, postcode and house number are needed.',
        });
      }
    }
  })
  .describe('{ bsn } or { familyName, birthDate, postcode, houseNumber }')
  .meta({ id: 'HouseholdMatchQuery' });

const AddressSchema = z
  .object({
    street: z.string(),
    houseNumber: z.number().int(),
    houseLetter: z.string().nullable(),
    houseNumberAddition: z.string().nullable(),
    postcode: z.string(),
    city: z.string(),
    buurtCode: z.string().nullable(),
  })
  .meta({ id: 'Address' });

const CandidateSchema = z
  .object({
    personId: z.uuid(),
    householdId: z.uuid().nullable(),
    name: z.string(),
    birthDate: z.iso.date(),
    address: AddressSchema.nullable(),
    match: z.enum(['bsn', 'likely', 'possible']),
    reason: z.object({ code: z.string(), nl: z.string(), en: z.string() }),
    openQuestions: z.number().int(),
    planId: z.uuid().nullable(),
  })
  .meta({ id: 'HouseholdCandidate' });

const ListQuerySchema = z.strictObject({
  status: z.enum(['open', 'afgesloten']).optional(),
  teamId: z.uuid().optional(),
  from: z.iso.date().optional().describe('Received on or after this day'),
  to: z.iso.date().optional().describe('Received on or before this day'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

const ListItemSchema = HelpQuestionSchema.extend({
  personName: z.string().nullable(),
  outcome: TriageSchema.shape.outcome.nullable(),
  urgentReason: TriageSchema.shape.urgentReason,
}).meta({ id: 'HelpQuestionListItem' });

const PageSchema = z
  .object({
    items: z.array(ListItemSchema),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: 'HelpQuestionPage' });

const DetailSchema = HelpQuestionSchema.extend({
  vindplaats: z.object({ id: z.uuid(), name: z.string(), kind: z.string() }),
  person: z
    .object({
      id: z.uuid(),
      bsn: z.string().nullable().describe('NULL until the BSN is known'),
      givenNames: z.string(),
      familyNamePrefix: z.string().nullable(),
      familyName: z.string(),
      birthDate: z.iso.date(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
    })
    .nullable(),
  household: z
    .object({
      id: z.uuid(),
      address: AddressSchema,
      members: z.array(
        z.object({ personId: z.uuid(), name: z.string(), birthDate: z.iso.date(), role: z.string() }),
      ),
    })
    .nullable(),
  intake: IntakeSchema.nullable().describe("The question's intake: the professional's when there is one"),
  residentIntake: IntakeSchema.nullable().describe(
    "The resident's own online intake, when the professional's intake above is a different one",
  ),
  triage: TriageSchema.nullable(),
  melding: MeldingSchema.nullable(),
}).meta({ id: 'HelpQuestionDetail' });

// ---------------------------------------------------------------------------------------------------

async function triageOf(tx: Tx, municipalityCode: string, helpQuestionId: string) {
  const row = await tx
    .selectFrom('triage')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('help_question_id', '=', helpQuestionId)
    .executeTakeFirst();
  return row
    ? {
        helpQuestionId: row.help_question_id,
        outcome: row.outcome,
        decidedAt: row.decided_at.toISOString(),
        decidedBy: row.decided_by,
        referredServiceId: row.referred_service_id,
        urgentReason: row.urgent_reason,
        homeVisitDate: row.home_visit_planned_on,
        homeVisitHeldDate: row.home_visit_held_on,
      }
    : null;
}

async function questionDetail(tx: Tx, municipalityCode: string, id: string) {
  const row = await getHelpQuestionRow(tx, municipalityCode, id);
  if (!row) return undefined;
  const question = toHelpQuestion(row, await openPlanOf(tx, municipalityCode, row.household_id));
  const vindplaats = await tx
    .selectFrom('vindplaats')
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', row.vindplaats_id)
    .select(['id', 'name', 'kind'])
    .executeTakeFirstOrThrow();
  const person = row.person_id
    ? await tx
        .selectFrom('person')
        .where('municipality_code', '=', municipalityCode)
        .where('id', '=', row.person_id)
        .select([
          'id',
          'bsn',
          'given_names',
          'family_name_prefix',
          'family_name',
          'birth_date',
          'phone',
          'email',
        ])
        .executeTakeFirstOrThrow()
    : null;
  let household = null;
  if (row.household_id) {
    const address = await tx
      .selectFrom('household as h')
      .innerJoin('address as a', (j) =>
        j.onRef('a.municipality_code', '=', 'h.municipality_code').onRef('a.id', '=', 'h.address_id'),
      )
      .where('h.municipality_code', '=', municipalityCode)
      .where('h.id', '=', row.household_id)
      .select([
        'a.street',
        'a.house_number',
        'a.house_letter',
        'a.house_number_addition',
        'a.postcode',
        'a.city',
        'a.buurt_code',
      ])
      .executeTakeFirstOrThrow();
    const today = localDate();
    const members = await tx
      .selectFrom('household_member as hm')
      .innerJoin('person as p', (j) =>
        j.onRef('p.municipality_code', '=', 'hm.municipality_code').onRef('p.id', '=', 'hm.person_id'),
      )
      .where('hm.municipality_code', '=', municipalityCode)
      .where('hm.household_id', '=', row.household_id)
      .where((w) => w.or([w('hm.valid_until', 'is', null), w('hm.valid_until', '>=', today)]))
      .select([
        'p.id',
        'p.given_names',
        'p.family_name_prefix',
        'p.family_name',
        'p.birth_date',
        'hm.member_role',
      ])
      .orderBy('p.birth_date')
      .execute();
    household = {
      id: row.household_id,
      address: {
        street: address.street,
        houseNumber: address.house_number,
        houseLetter: address.house_letter,
        houseNumberAddition: address.house_number_addition,
        postcode: address.postcode,
        city: address.city,
        buurtCode: address.buurt_code,
      },
      members: members.map((m) => ({
        personId: m.id,
        name: [m.given_names, m.family_name_prefix, m.family_name].filter(Boolean).join(' '),
        birthDate: m.birth_date,
        role: m.member_role,
      })),
    };
  }
  const intakes = await intakesOfQuestion(tx, municipalityCode, id);
  const intake = intakes.find((i) => i.mode !== 'online') ?? intakes[0];
  const residentIntake = intakes.find((i) => i.mode === 'online' && i !== intake);
  return {
    ...question,
    vindplaats,
    person: person && {
      id: person.id,
      bsn: person.bsn,
      givenNames: person.given_names,
      familyNamePrefix: person.family_name_prefix,
      familyName: person.family_name,
      birthDate: person.birth_date,
      phone: person.phone,
      email: person.email,
    },
    household,
    intake: intake ? await intakeView(tx, municipalityCode, intake) : null,
    residentIntake: residentIntake ? await intakeView(tx, municipalityCode, residentIntake) : null,
    triage: await triageOf(tx, municipalityCode, id),
    melding: await meldingOfQuestion(tx, municipalityCode, id),
  };
}

export function registerHelpQuestionRoutes(app: GripApp): void {
  app.post(
    '/api/v1/households/_match',
    {
      config: { action: 'household.match' },
      schema: {
        tags: TAGS,
        summary:
          'Find the resident and household a question is about (POST, so the BSN never appears in a URL)',
        body: MatchBodySchema,
        response: { 200: z.object({ items: z.array(CandidateSchema) }).meta({ id: 'HouseholdMatchResult' }) },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      const items = await request.tenant(async (tx) => {
        const found = await matchHousehold(tx, municipalityCode, request.body as MatchInput);
        request.recordSubjects(
          'person',
          found.map((c) => c.personId),
        );
        return found;
      });
      return { items };
    },
  );

  app.post(
    '/api/v1/help-questions',
    {
      config: { action: 'help-question.create' },
      schema: {
        tags: TAGS,
        summary:
          'Register a help question; links to an open question of the household and reports its plan. ' +
          'An optional Idempotency-Key header makes a repeat return the first question (200).',
        body: HelpQuestionCreateSchema,
        response: { 200: HelpQuestionSchema, 201: HelpQuestionSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode, userId } = request.grip.actor!;
      const header = request.headers['idempotency-key'];
      const idempotencyKey = typeof header === 'string' && header !== '' ? header : null;
      if (idempotencyKey !== null && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
        throw invalid([
          {
            name: 'header.Idempotency-Key',
            code: 'invalid-format',
            reason: {
              nl: 'De sleutel bestaat uit 16 tot 100 letters, cijfers, - of _.',
              en: 'The key consists of 16 to 100 letters, digits, - or _.',
            },
          },
        ]);
      }
      const question = await request.tenant(async (tx) => {
        const registered = await registerHelpQuestion(
          tx,
          municipalityCode,
          // The schema's superRefine guarantees one of the two shapes.
          { ...request.body, person: request.body.person as PersonInput | null, idempotencyKey },
          { userId },
        );
        if (registered.personId) request.recordSubjects('person', [registered.personId]);
        return registered;
      });
      reply.header('Location', `/api/v1/help-questions/${question.id}`);
      return reply.code(question.replayed ? 200 : 201).send(question);
    },
  );

  app.get(
    '/api/v1/help-questions',
    {
      config: { action: 'help-question.list' },
      schema: { tags: TAGS, querystring: ListQuerySchema, response: { 200: PageSchema } },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      const q = request.query;
      if (q.from && q.to && q.from > q.to) {
        throw invalid([
          {
            name: 'query.to',
            code: 'before-from',
            reason: { nl: 'to ligt vóór from.', en: 'to lies before from.' },
          },
        ]);
      }
      const page = await request.tenant(async (tx) => {
        let base = tx
          .selectFrom('help_question as hq')
          .leftJoin('person as p', (j) =>
            j.onRef('p.municipality_code', '=', 'hq.municipality_code').onRef('p.id', '=', 'hq.person_id'),
          )
          .leftJoin('triage as t', (j) =>
            j
              .onRef('t.municipality_code', '=', 'hq.municipality_code')
              .onRef('t.help_question_id', '=', 'hq.id'),
          )
          .leftJoin('household_plan as pl', (j) =>
            j
              .onRef('pl.municipality_code', '=', 'hq.municipality_code')
              .onRef('pl.household_id', '=', 'hq.household_id')
              .on('pl.status', '<>', 'afgesloten'),
          )
          .where('hq.municipality_code', '=', municipalityCode);
        if (q.status) base = base.where('hq.status', '=', q.status);
        if (q.teamId) base = base.where('hq.team_id', '=', q.teamId);
        // Days in the Netherlands: received_at is compared in Europe/Amsterdam.
        if (q.from)
          base = base.where(
            sql<boolean>`(hq.received_at AT TIME ZONE 'Europe/Amsterdam')::date >= ${q.from}::date`,
          );
        if (q.to)
          base = base.where(
            sql<boolean>`(hq.received_at AT TIME ZONE 'Europe/Amsterdam')::date <= ${q.to}::date`,
          );
        const [rows, count] = await Promise.all([
          base
            .selectAll('hq')
            .select([
              'p.given_names',
              'p.family_name_prefix',
              'p.family_name',
              't.outcome',
              't.urgent_reason',
              'pl.id as plan_id',
            ])
            .orderBy('hq.received_at', 'desc')
            .orderBy('hq.id')
            .limit(q.pageSize)
            .offset((q.page - 1) * q.pageSize)
            .execute(),
          base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
        ]);
        request.recordSubjects(
          'person',
          rows.flatMap((r) => (r.person_id ? [r.person_id] : [])),
        );
        return {
          items: rows.map((r) => ({
            ...toHelpQuestion(r, r.plan_id),
            personName: r.family_name
              ? [r.given_names, r.family_name_prefix, r.family_name].filter(Boolean).join(' ')
              : null,
            outcome: r.outcome,
            urgentReason: r.urgent_reason,
          })),
          total: Number(count.n),
        };
      });
      return { ...page, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/api/v1/help-questions/:helpQuestionId',
    {
      config: { action: 'help-question.read' },
      schema: {
        tags: TAGS,
        params: QuestionParams,
        querystring: z.strictObject({}),
        response: { 200: DetailSchema },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      const detail = await request.tenant(async (tx) => {
        const found = await questionDetail(tx, municipalityCode, request.params.helpQuestionId);
        if (found?.household) {
          request.recordSubjects(
            'person',
            found.household.members.map((m) => m.personId),
          );
        }
        if (found?.personId) request.recordSubjects('person', [found.personId]);
        return found;
      });
      if (!detail) throw notFound(QUESTION);
      return detail;
    },
  );

  app.post(
    '/api/v1/help-questions/:helpQuestionId/triage',
    {
      config: { action: 'triage.create' },
      schema: {
        tags: TAGS,
        summary:
          'Decide the outcome: informatie-advies and verwijzing close the question; melding starts the legal clocks; urgent flags it',
        params: QuestionParams,
        body: TriageCreateSchema,
        response: { 201: TriageResultSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode, userId } = request.grip.actor!;
      const { helpQuestionId } = request.params;
      const result = await request.tenant(async (tx) => {
        const question = await tx
          .selectFrom('help_question')
          .where('municipality_code', '=', municipalityCode)
          .where('id', '=', helpQuestionId)
          .select(['id', 'status', 'person_id', 'household_id', 'reference', 'team_id'])
          .forUpdate()
          .executeTakeFirst();
        if (!question) throw notFound(QUESTION);
        if (question.person_id) request.recordSubjects('person', [question.person_id]);
        if (await triageOf(tx, municipalityCode, helpQuestionId)) {
          throw problem(409, 'already-triaged', {
            nl: 'Over deze hulpvraag is al een uitkomst vastgelegd.',
            en: 'An outcome has already been recorded for this help question.',
          });
        }
        if (question.status !== 'open') {
          throw problem(409, 'question-closed', {
            nl: 'Deze hulpvraag is afgesloten.',
            en: 'This help question is closed.',
          });
        }
        const body = request.body;
        const service = body.referredServiceId
          ? await tx
              .selectFrom('service')
              .where('municipality_code', '=', municipalityCode)
              .where('id', '=', body.referredServiceId)
              .select(['kind', 'active'])
              .executeTakeFirst()
          : undefined;
        const earlierMelding = question.person_id
          ? await tx
              .selectFrom('melding')
              .where('municipality_code', '=', municipalityCode)
              .where('person_id', '=', question.person_id)
              .select('id')
              .limit(1)
              .executeTakeFirst()
          : undefined;
        const today = localDate();
        const decision = decideTriage(body, {
          today,
          hasPerson: question.person_id !== null,
          personHadMelding: earlierMelding !== undefined,
          referredService: service,
        });
        if (!decision.effects) throw invalid(decision.errors);
        const effects = decision.effects;
        const decidedAt = new Date();
        await tx
          .insertInto('triage')
          .values({
            municipality_code: municipalityCode,
            help_question_id: helpQuestionId,
            outcome: body.outcome,
            decided_at: decidedAt,
            decided_by: userId,
            referred_service_id: effects.referredServiceId,
            urgent_reason: effects.urgentReason,
            home_visit_planned_on: effects.homeVisitPlannedOn,
          })
          .execute();
        if (effects.closesQuestion) {
          await tx
            .updateTable('help_question')
            .set({ status: 'afgesloten', closed_at: decidedAt })
            .where('municipality_code', '=', municipalityCode)
            .where('id', '=', helpQuestionId)
            .execute();
        }
        let melding = null;
        if (effects.melding) {
          const clocks = computeClocks({
            lawCode: effects.melding.lawCode,
            meldedOn: today,
            aanvraagOn: null,
            suspensions: [],
            today,
          });
          const inserted = await tx
            .insertInto('melding')
            .values({
              municipality_code: municipalityCode,
              help_question_id: helpQuestionId,
              person_id: question.person_id!,
              law_code: effects.melding.lawCode,
              melded_on: today,
              investigation_due_on: clocks.investigationDueOn,
              decision_due_on: clocks.decisionDueOn,
              status: 'onderzoek',
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          melding = (await getMelding(tx, municipalityCode, inserted.id))!;
        }
        // A melding that needs support opens the household's plan, or joins the one it has.
        const plan =
          effects.melding && question.household_id
            ? await openOrJoinHouseholdPlan(tx, municipalityCode, {
                householdId: question.household_id,
                contactPersonId: question.person_id,
                reference: question.reference,
                userId,
                teamId: question.team_id,
                today,
              })
            : null;
        return {
          triage: (await triageOf(tx, municipalityCode, helpQuestionId))!,
          questionStatus: effects.closesQuestion ? ('afgesloten' as const) : ('open' as const),
          melding,
          householdPlan: plan,
        };
      });
      return reply.code(201).send(result);
    },
  );
}
