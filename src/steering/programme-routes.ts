import { requiredVersion, setEtag, versionConflict } from '../platform/http/etag.ts';
import { invalid, notFound, problem, type InvalidParam } from '../platform/http/problem.ts';
import type { Tx } from '../platform/db/database.ts';
import type { GripApp } from '../platform/http/types.ts';
import {
  getProgramme,
  interventionRows,
  interventionView,
  listProgrammes,
  NEXT_STATUSES,
  programmeView,
  goalView,
  themeView,
  versionColumn,
  type InterventionStatus,
} from './programmes-repository.ts';
import {
  GoalCreateSchema,
  GoalSchema,
  InterventionCreateSchema,
  InterventionParams,
  InterventionSchema,
  InterventionUpdateSchema,
  NoQuery,
  ProgrammeCreateSchema,
  ProgrammeDetailSchema,
  ProgrammeParams,
  ProgrammeSchema,
  ThemeCreateSchema,
  ThemeSchema,
} from './steering-schemas.ts';
import { themeLinkProblems } from './structure-maintenance-routes.ts';
import { z } from 'zod';

/**
 * Programme structure (docs/api/steering.md): programmes, societal goals (with IST and SOLL), themes and the
 * interventions of the implementation plan with owner, period, budget and status. Finishing an
 * intervention asks for the achieved result, stopping it (or not starting it) for the reason.
 */

const TAGS = ['Sturing'];
const PROGRAMME = { nl: 'Dit programma', en: 'This programme' };
const INTERVENTION = { nl: 'Deze interventie', en: 'This intervention' };
const BASE = '/api/v1/steering';

const param = (name: string, code: string, nl: string, en: string): InvalidParam => ({
  name,
  code,
  reason: { nl, en },
});

async function requireProgramme(tx: Tx, mc: string, programmeId: string) {
  const row = await tx
    .selectFrom('programme')
    .select(['id', 'first_year', 'last_year'])
    .where('municipality_code', '=', mc)
    .where('id', '=', programmeId)
    .executeTakeFirst();
  if (!row) throw notFound(PROGRAMME);
  return row;
}

interface InterventionState {
  themeId: string;
  startsOn: string | null;
  endsOn: string | null;
  status: InterventionStatus;
  achievedResult: string | null;
  statusReason: string | null;
}

/** The rules an intervention must meet whatever changed: period order and what a status asks for. */
export function interventionProblems(state: InterventionState): InvalidParam[] {
  const problems: InvalidParam[] = [];
  if (state.startsOn && state.endsOn && state.endsOn < state.startsOn)
    problems.push(
      param(
        'endsOn',
        'ends-before-start',
        `De einddatum (${state.endsOn}) ligt voor de begindatum (${state.startsOn}).`,
        `The end date (${state.endsOn}) lies before the start date (${state.startsOn}).`,
      ),
    );
  if (state.status === 'afgerond' && !state.achievedResult?.trim())
    problems.push(
      param(
        'achievedResult',
        'required',
        'Beschrijf het behaalde resultaat als u de interventie afrondt.',
        'Describe the achieved result when you finish the intervention.',
      ),
    );
  if ((state.status === 'gestopt' || state.status === 'niet-gestart') && !state.statusReason?.trim())
    problems.push(
      param(
        'statusReason',
        'required',
        state.status === 'gestopt'
          ? 'Geef de reden waarom de interventie is gestopt.'
          : 'Geef de reden waarom de interventie niet is gestart.',
        state.status === 'gestopt'
          ? 'Give the reason why the intervention was stopped.'
          : 'Give the reason why the intervention was not started.',
      ),
    );
  return problems;
}

export async function themeOfProgramme(tx: Tx, mc: string, programmeId: string, themeId: string) {
  const theme = await tx
    .selectFrom('theme')
    .select('id')
    .where('municipality_code', '=', mc)
    .where('programme_id', '=', programmeId)
    .where('id', '=', themeId)
    .executeTakeFirst();
  if (!theme)
    throw invalid([
      param(
        'themeId',
        'unknown',
        'Dit thema hoort niet bij het programma.',
        'This theme is not part of the programme.',
      ),
    ]);
}

export function registerProgrammeRoutes(app: GripApp): void {
  app.get(
    `${BASE}/programmes`,
    {
      config: { action: 'programme.list' },
      schema: {
        tags: TAGS,
        summary: 'Programmes of the municipal budget',
        querystring: NoQuery,
        response: { 200: z.object({ items: z.array(ProgrammeSchema) }) },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      return { items: await request.tenant((tx) => listProgrammes(tx, municipalityCode)) };
    },
  );

  app.post(
    `${BASE}/programmes`,
    {
      config: { action: 'programme.create' },
      schema: {
        tags: TAGS,
        summary: 'Add a programme (code unique in the municipality)',
        body: ProgrammeCreateSchema,
        response: { 201: ProgrammeSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const body = request.body;
      if (body.lastYear < body.firstYear)
        throw invalid([
          param(
            'lastYear',
            'before-first-year',
            'Het laatste jaar ligt voor het eerste jaar.',
            'The last year lies before the first year.',
          ),
        ]);
      const row = await request.tenant(async (tx) => {
        const exists = await tx
          .selectFrom('programme')
          .select('id')
          .where('municipality_code', '=', municipalityCode)
          .where('code', '=', body.code)
          .executeTakeFirst();
        if (exists)
          throw problem(409, 'programme-exists', {
            nl: `Er is al een programma met code ${body.code}.`,
            en: `There is already a programme with code ${body.code}.`,
          });
        return tx
          .insertInto('programme')
          .values({
            municipality_code: municipalityCode,
            code: body.code,
            name: body.name,
            first_year: body.firstYear,
            last_year: body.lastYear,
            description: body.description ?? '',
          })
          .returning(['id', 'code', 'name', 'first_year', 'last_year', 'description'])
          .returning(versionColumn)
          .executeTakeFirstOrThrow();
      });
      setEtag(reply, row.version);
      return reply.code(201).send(programmeView(row));
    },
  );

  app.get(
    `${BASE}/programmes/:programmeId`,
    {
      config: { action: 'programme.read' },
      schema: {
        tags: TAGS,
        summary: 'One programme with its societal goals, themes and interventions (ETag: its version)',
        params: ProgrammeParams,
        response: { 200: ProgrammeDetailSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const programme = await request.tenant((tx) =>
        getProgramme(tx, municipalityCode, request.params.programmeId),
      );
      if (!programme) throw notFound(PROGRAMME);
      setEtag(reply, programme.version);
      return programme;
    },
  );

  app.post(
    `${BASE}/programmes/:programmeId/goals`,
    {
      config: { action: 'societal-goal.create' },
      schema: {
        tags: TAGS,
        summary: 'Add a societal goal with its IST (where we stood) and SOLL (where we go)',
        params: ProgrammeParams,
        body: GoalCreateSchema,
        response: { 201: GoalSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const body = request.body;
      const row = await request.tenant(async (tx) => {
        await requireProgramme(tx, municipalityCode, request.params.programmeId);
        return tx
          .insertInto('societal_goal')
          .values({
            municipality_code: municipalityCode,
            programme_id: request.params.programmeId,
            code: body.code,
            name: body.name,
            current_situation: body.currentSituation ?? '',
            desired_situation: body.desiredSituation ?? '',
          })
          .returning(['id', 'code', 'name', 'current_situation', 'desired_situation'])
          .returning(versionColumn)
          .executeTakeFirstOrThrow();
      });
      setEtag(reply, row.version);
      return reply.code(201).send(goalView(row));
    },
  );

  app.post(
    `${BASE}/programmes/:programmeId/themes`,
    {
      config: { action: 'theme.create' },
      schema: {
        tags: TAGS,
        summary: 'Add a theme (opgave, taak), optionally under a societal goal and with a BBV taakveld',
        params: ProgrammeParams,
        body: ThemeCreateSchema,
        response: { 201: ThemeSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const { programmeId } = request.params;
      const body = request.body;
      const row = await request.tenant(async (tx) => {
        await requireProgramme(tx, municipalityCode, programmeId);
        const problems = await themeLinkProblems(tx, municipalityCode, programmeId, body);
        if (problems.length > 0) throw invalid(problems);
        return tx
          .insertInto('theme')
          .values({
            municipality_code: municipalityCode,
            programme_id: programmeId,
            societal_goal_id: body.societalGoalId ?? null,
            code: body.code,
            name: body.name,
            bbv_taakveld_code: body.taakveld ?? null,
          })
          .returning(['id', 'code', 'name', 'societal_goal_id', 'bbv_taakveld_code'])
          .returning(versionColumn)
          .executeTakeFirstOrThrow();
      });
      setEtag(reply, row.version);
      return reply.code(201).send(themeView(row));
    },
  );

  app.post(
    `${BASE}/programmes/:programmeId/interventions`,
    {
      config: { action: 'intervention.create' },
      schema: {
        tags: TAGS,
        summary: 'Add an intervention to the implementation plan (ETag: its version)',
        params: ProgrammeParams,
        body: InterventionCreateSchema,
        response: { 201: InterventionSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const { programmeId } = request.params;
      const body = request.body;
      const status = body.status ?? 'gepland';
      const problems = interventionProblems({
        themeId: body.themeId,
        startsOn: body.startsOn ?? null,
        endsOn: body.endsOn ?? null,
        status,
        achievedResult: body.achievedResult ?? null,
        statusReason: body.statusReason ?? null,
      });
      if (problems.length > 0) throw invalid(problems);
      const view = await request.tenant(async (tx) => {
        await requireProgramme(tx, municipalityCode, programmeId);
        await themeOfProgramme(tx, municipalityCode, programmeId, body.themeId);
        const created = await tx
          .insertInto('intervention')
          .values({
            municipality_code: municipalityCode,
            theme_id: body.themeId,
            name: body.name,
            owner: body.owner,
            starts_on: body.startsOn ?? null,
            ends_on: body.endsOn ?? null,
            budget_cents: body.budgetCents ?? null,
            status,
            expected_result: body.expectedResult ?? '',
            achieved_result: body.achievedResult ?? null,
            status_reason: body.statusReason ?? null,
            evaluation: body.evaluation ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const [row] = await interventionRows(tx, municipalityCode, { id: created.id });
        return interventionView(row!);
      });
      setEtag(reply, view.version);
      return reply.code(201).send(view);
    },
  );

  app.get(
    `${BASE}/interventions/:interventionId`,
    {
      config: { action: 'programme.read' },
      schema: {
        tags: TAGS,
        operationId: 'interventionRead',
        summary: 'One intervention (ETag: its version)',
        params: InterventionParams,
        response: { 200: InterventionSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const rows = await request.tenant((tx) =>
        interventionRows(tx, municipalityCode, { id: request.params.interventionId }),
      );
      if (!rows[0]) throw notFound(INTERVENTION);
      const view = interventionView(rows[0]);
      setEtag(reply, view.version);
      return view;
    },
  );

  app.patch(
    `${BASE}/interventions/:interventionId`,
    {
      config: { action: 'intervention.update' },
      schema: {
        tags: TAGS,
        summary: 'Change an intervention or its status (If-Match: its version)',
        description:
          'Status steps: gepland → gestart or niet-gestart; gestart → afgerond or gestopt; the last three are ' +
          'final (409). afgerond needs achievedResult, gestopt and niet-gestart need statusReason (400).',
        params: InterventionParams,
        body: InterventionUpdateSchema,
        response: { 200: InterventionSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const { interventionId } = request.params;
      const body = request.body;
      const version = requiredVersion(request);
      const view = await request.tenant(async (tx) => {
        const [row] = await interventionRows(tx, municipalityCode, { id: interventionId, lock: true });
        if (!row) throw notFound(INTERVENTION);
        if (row.version !== version) throw versionConflict(row.version);
        const current = interventionView(row);
        const status = body.status ?? current.status;
        if (status !== current.status && !NEXT_STATUSES[current.status].includes(status)) {
          throw problem(409, 'status-transition', {
            nl: `Een interventie met status ${current.status} kan niet naar ${status}.`,
            en: `An intervention with status ${current.status} cannot move to ${status}.`,
          });
        }
        const next = {
          themeId: body.themeId ?? current.themeId,
          startsOn: body.startsOn === undefined ? current.startsOn : body.startsOn,
          endsOn: body.endsOn === undefined ? current.endsOn : body.endsOn,
          status,
          achievedResult: body.achievedResult === undefined ? current.achievedResult : body.achievedResult,
          statusReason: body.statusReason === undefined ? current.statusReason : body.statusReason,
        };
        const problems = interventionProblems(next);
        if (problems.length > 0) throw invalid(problems);
        if (next.themeId !== current.themeId)
          await themeOfProgramme(tx, municipalityCode, row.programme_id, next.themeId);
        await tx
          .updateTable('intervention')
          .set({
            theme_id: next.themeId,
            name: body.name ?? current.name,
            owner: body.owner ?? current.owner,
            starts_on: next.startsOn,
            ends_on: next.endsOn,
            budget_cents: body.budgetCents === undefined ? current.budgetCents : body.budgetCents,
            status,
            expected_result: body.expectedResult ?? current.expectedResult,
            achieved_result: next.achievedResult,
            status_reason: next.statusReason,
            evaluation: body.evaluation === undefined ? current.evaluation : body.evaluation,
            version: row.version + 1,
          })
          .where('municipality_code', '=', municipalityCode)
          .where('id', '=', interventionId)
          .execute();
        const [updated] = await interventionRows(tx, municipalityCode, { id: interventionId });
        return interventionView(updated!);
      });
      setEtag(reply, view.version);
      return view;
    },
  );
}
