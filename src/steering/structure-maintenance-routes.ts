import { sql } from 'kysely';
import { requiredVersion, setEtag, versionConflict } from '../platform/http/etag.ts';
import { invalid, notFound, problem, type Bilingual, type InvalidParam } from '../platform/http/problem.ts';
import type { Tx } from '../platform/db/database.ts';
import type { GripApp } from '../platform/http/types.ts';
import { interventionRows } from './programmes-repository.ts';
import { goalView, nextVersion, programmeView, themeView, versionColumn } from './programmes-repository.ts';
import {
  GoalParams,
  GoalSchema,
  GoalUpdateSchema,
  InterventionParams,
  NoContent,
  ProgrammeParams,
  ProgrammeSchema,
  ProgrammeUpdateSchema,
  ThemeParams,
  ThemeSchema,
  ThemeUpdateSchema,
} from './steering-schemas.ts';

/**
 * Changing and deleting the programme structure (docs/api/steering.md): programmes, societal goals, themes
 * and interventions. Every change and delete sends the version the user saw (If-Match: 428 without, 412
 * when someone else changed it first). A delete refuses (409) while something still hangs under the item and
 * names what to remove first: nothing is ever deleted along with it.
 */

const TAGS = ['Sturing'];
const BASE = '/api/v1/steering';
const PROGRAMME = { nl: 'Dit programma', en: 'This programme' };
const GOAL = { nl: 'Dit doel', en: 'This goal' };
const THEME = { nl: 'Dit thema', en: 'This theme' };
const INTERVENTION = { nl: 'Deze interventie', en: 'This intervention' };

const param = (name: string, code: string, nl: string, en: string): InvalidParam => ({
  name,
  code,
  reason: { nl, en },
});

/** What still hangs under an item, counted; the words are singular and plural in both languages. */
interface Dependent {
  count: number;
  nl: [string, string];
  en: [string, string];
}

/** 409 naming what to remove (or move) first, e.g. "2 thema's en 1 indicator". */
function notEmpty(code: string, what: Bilingual, dependents: Dependent[]) {
  const present = dependents.filter((d) => d.count > 0);
  if (present.length === 0) return null;
  const list = (lang: 'nl' | 'en') => {
    const parts = present.map((d) => `${d.count} ${d[lang][d.count === 1 ? 0 : 1]}`);
    const last = parts.pop()!;
    return parts.length > 0 ? `${parts.join(', ')} ${lang === 'nl' ? 'en' : 'and'} ${last}` : last;
  };
  return problem(409, code, {
    nl: `${what.nl} kan niet worden verwijderd: er hangen nog ${list('nl')} onder. Verwijder of verplaats die eerst.`,
    en: `${what.en} cannot be deleted: ${list('en')} still belong to it. Delete or move those first.`,
  });
}

async function count(tx: Tx, table: string, where: ReturnType<typeof sql>): Promise<number> {
  const result = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE ${where}`.execute(tx);
  return Number(result.rows[0]?.n ?? 0);
}

/** A goal must belong to the programme and a taakveld must be in the BBV list. */
export async function themeLinkProblems(
  tx: Tx,
  mc: string,
  programmeId: string,
  body: { societalGoalId?: string | null; taakveld?: string | null },
): Promise<InvalidParam[]> {
  const problems: InvalidParam[] = [];
  if (body.societalGoalId) {
    const goal = await tx
      .selectFrom('societal_goal')
      .select('id')
      .where('municipality_code', '=', mc)
      .where('programme_id', '=', programmeId)
      .where('id', '=', body.societalGoalId)
      .executeTakeFirst();
    if (!goal)
      problems.push(
        param(
          'societalGoalId',
          'unknown',
          'Dit doel hoort niet bij het programma.',
          'This goal is not part of the programme.',
        ),
      );
  }
  if (body.taakveld) {
    const known = await tx
      .selectFrom('bbv_taakveld')
      .select('code')
      .where('code', '=', body.taakveld)
      .executeTakeFirst();
    if (!known)
      problems.push(
        param(
          'taakveld',
          'unknown',
          `Taakveld ${body.taakveld} staat niet in de BBV-lijst.`,
          `Taakveld ${body.taakveld} is not in the BBV list.`,
        ),
      );
  }
  return problems;
}

async function lockedProgramme(tx: Tx, mc: string, id: string, version: number) {
  const row = await tx
    .selectFrom('programme')
    .select(['id', 'code', 'name', 'first_year', 'last_year', 'description'])
    .select(versionColumn)
    .where('municipality_code', '=', mc)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound(PROGRAMME);
  if (row.version !== version) throw versionConflict(row.version);
  return row;
}

async function lockedGoal(tx: Tx, mc: string, id: string, version: number) {
  const row = await tx
    .selectFrom('societal_goal')
    .select(['id', 'programme_id', 'code', 'name', 'current_situation', 'desired_situation'])
    .select(versionColumn)
    .where('municipality_code', '=', mc)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound(GOAL);
  if (row.version !== version) throw versionConflict(row.version);
  return row;
}

async function lockedTheme(tx: Tx, mc: string, id: string, version: number) {
  const row = await tx
    .selectFrom('theme')
    .select(['id', 'programme_id', 'code', 'name', 'societal_goal_id', 'bbv_taakveld_code'])
    .select(versionColumn)
    .where('municipality_code', '=', mc)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound(THEME);
  if (row.version !== version) throw versionConflict(row.version);
  return row;
}

export function registerStructureMaintenanceRoutes(app: GripApp): void {
  app.patch(
    `${BASE}/programmes/:programmeId`,
    {
      config: { action: 'programme.update' },
      schema: {
        tags: TAGS,
        summary: 'Change a programme (If-Match: its version)',
        description:
          'The years must still hold every budget line and reserve mutation of the programme (400); a code ' +
          'another programme has answers 409.',
        params: ProgrammeParams,
        body: ProgrammeUpdateSchema,
        response: { 200: ProgrammeSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: mc } = request.grip.actor!;
      const { programmeId } = request.params;
      const body = request.body;
      const version = requiredVersion(request);
      const row = await request.tenant(async (tx) => {
        const current = await lockedProgramme(tx, mc, programmeId, version);
        const next = {
          code: body.code ?? current.code,
          name: body.name ?? current.name,
          first_year: body.firstYear ?? current.first_year,
          last_year: body.lastYear ?? current.last_year,
          description: body.description ?? current.description,
        };
        const problems: InvalidParam[] = [];
        if (next.last_year < next.first_year)
          problems.push(
            param(
              'lastYear',
              'before-first-year',
              'Het laatste jaar ligt voor het eerste jaar.',
              'The last year lies before the first year.',
            ),
          );
        else {
          const outside = await sql<{ year: number }>`
            SELECT l.year FROM budget_line l
            LEFT JOIN theme t ON t.municipality_code = l.municipality_code AND t.id = l.theme_id
            WHERE l.municipality_code = ${mc} AND (l.programme_id = ${programmeId} OR t.programme_id = ${programmeId})
              AND (l.year < ${next.first_year} OR l.year > ${next.last_year})
            UNION
            SELECT r.year FROM reserve_mutation r
            WHERE r.municipality_code = ${mc} AND r.programme_id = ${programmeId}
              AND (r.year < ${next.first_year} OR r.year > ${next.last_year})
            ORDER BY 1`.execute(tx);
          if (outside.rows.length > 0) {
            const years = outside.rows.map((r) => r.year).join(', ');
            problems.push(
              param(
                outside.rows[0]!.year < next.first_year ? 'firstYear' : 'lastYear',
                'budget-outside-years',
                `Het programma heeft begrotingscijfers voor ${years}; die jaren moeten binnen de looptijd blijven.`,
                `The programme has budget figures for ${years}; those years must stay within its period.`,
              ),
            );
          }
        }
        if (problems.length > 0) throw invalid(problems);
        if (next.code !== current.code) {
          const taken = await tx
            .selectFrom('programme')
            .select('id')
            .where('municipality_code', '=', mc)
            .where('code', '=', next.code)
            .executeTakeFirst();
          if (taken)
            throw problem(409, 'programme-exists', {
              nl: `Er is al een programma met code ${next.code}.`,
              en: `There is already a programme with code ${next.code}.`,
            });
        }
        return tx
          .updateTable('programme')
          .set({ ...next, ...nextVersion })
          .where('municipality_code', '=', mc)
          .where('id', '=', programmeId)
          .returning(['id', 'code', 'name', 'first_year', 'last_year', 'description'])
          .returning(versionColumn)
          .executeTakeFirstOrThrow();
      });
      setEtag(reply, row.version);
      return programmeView(row);
    },
  );

  app.delete(
    `${BASE}/programmes/:programmeId`,
    {
      config: { action: 'programme.delete' },
      schema: {
        tags: TAGS,
        summary: 'Delete an empty programme (If-Match: its version)',
        description:
          'Refused (409) while goals, themes, budget figures or budget imports still belong to it.',
        params: ProgrammeParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const { municipalityCode: mc } = request.grip.actor!;
      const { programmeId: id } = request.params;
      const version = requiredVersion(request);
      await request.tenant(async (tx) => {
        await lockedProgramme(tx, mc, id, version);
        const refusal = notEmpty('programme-not-empty', PROGRAMME, [
          {
            count: await count(tx, 'societal_goal', sql`municipality_code = ${mc} AND programme_id = ${id}`),
            nl: ['maatschappelijk doel', 'maatschappelijke doelen'],
            en: ['societal goal', 'societal goals'],
          },
          {
            count: await count(tx, 'theme', sql`municipality_code = ${mc} AND programme_id = ${id}`),
            nl: ['thema', "thema's"],
            en: ['theme', 'themes'],
          },
          {
            count:
              (await count(tx, 'budget_line', sql`municipality_code = ${mc} AND programme_id = ${id}`)) +
              (await count(tx, 'reserve_mutation', sql`municipality_code = ${mc} AND programme_id = ${id}`)),
            nl: ['begrotingsregel', 'begrotingsregels'],
            en: ['budget line', 'budget lines'],
          },
          {
            count: await count(tx, 'budget_import', sql`municipality_code = ${mc} AND programme_id = ${id}`),
            nl: ['begrotingsimport', 'begrotingsimports'],
            en: ['budget import', 'budget imports'],
          },
        ]);
        if (refusal) throw refusal;
        await tx.deleteFrom('programme').where('municipality_code', '=', mc).where('id', '=', id).execute();
      });
      return reply.code(204).send(null);
    },
  );

  app.patch(
    `${BASE}/goals/:goalId`,
    {
      config: { action: 'societal-goal.update' },
      schema: {
        tags: TAGS,
        summary: 'Change a societal goal, its IST or SOLL (If-Match: its version)',
        params: GoalParams,
        body: GoalUpdateSchema,
        response: { 200: GoalSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: mc } = request.grip.actor!;
      const { goalId } = request.params;
      const body = request.body;
      const version = requiredVersion(request);
      const row = await request.tenant(async (tx) => {
        const current = await lockedGoal(tx, mc, goalId, version);
        const code = body.code ?? current.code;
        if (code !== current.code) {
          const taken = await tx
            .selectFrom('societal_goal')
            .select('id')
            .where('municipality_code', '=', mc)
            .where('programme_id', '=', current.programme_id)
            .where('code', '=', code)
            .executeTakeFirst();
          if (taken)
            throw problem(409, 'goal-exists', {
              nl: `Het programma heeft al een doel met code ${code}.`,
              en: `The programme already has a goal with code ${code}.`,
            });
        }
        return tx
          .updateTable('societal_goal')
          .set({
            code,
            name: body.name ?? current.name,
            current_situation: body.currentSituation ?? current.current_situation,
            desired_situation: body.desiredSituation ?? current.desired_situation,
            ...nextVersion,
          })
          .where('municipality_code', '=', mc)
          .where('id', '=', goalId)
          .returning(['id', 'code', 'name', 'current_situation', 'desired_situation'])
          .returning(versionColumn)
          .executeTakeFirstOrThrow();
      });
      setEtag(reply, row.version);
      return goalView(row);
    },
  );

  app.delete(
    `${BASE}/goals/:goalId`,
    {
      config: { action: 'societal-goal.delete' },
      schema: {
        tags: TAGS,
        summary: 'Delete a societal goal (If-Match: its version)',
        description:
          'Refused (409) while themes (with their interventions) or indicators still belong to it.',
        params: GoalParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const { municipalityCode: mc } = request.grip.actor!;
      const { goalId: id } = request.params;
      const version = requiredVersion(request);
      await request.tenant(async (tx) => {
        await lockedGoal(tx, mc, id, version);
        const refusal = notEmpty('goal-not-empty', GOAL, [
          {
            count: await count(tx, 'theme', sql`municipality_code = ${mc} AND societal_goal_id = ${id}`),
            nl: ['thema', "thema's"],
            en: ['theme', 'themes'],
          },
          {
            count: await count(
              tx,
              'intervention',
              sql`municipality_code = ${mc} AND theme_id IN (SELECT t.id FROM theme t WHERE t.municipality_code = ${mc} AND t.societal_goal_id = ${id})`,
            ),
            nl: ['interventie', 'interventies'],
            en: ['intervention', 'interventions'],
          },
          {
            count: await count(tx, 'indicator', sql`municipality_code = ${mc} AND societal_goal_id = ${id}`),
            nl: ['indicator', 'indicatoren'],
            en: ['indicator', 'indicators'],
          },
        ]);
        if (refusal) throw refusal;
        await tx
          .deleteFrom('societal_goal')
          .where('municipality_code', '=', mc)
          .where('id', '=', id)
          .execute();
      });
      return reply.code(204).send(null);
    },
  );

  app.patch(
    `${BASE}/themes/:themeId`,
    {
      config: { action: 'theme.update' },
      schema: {
        tags: TAGS,
        summary: 'Change a theme: code, name, goal or BBV taakveld (If-Match: its version)',
        params: ThemeParams,
        body: ThemeUpdateSchema,
        response: { 200: ThemeSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: mc } = request.grip.actor!;
      const { themeId } = request.params;
      const body = request.body;
      const version = requiredVersion(request);
      const row = await request.tenant(async (tx) => {
        const current = await lockedTheme(tx, mc, themeId, version);
        const next = {
          code: body.code ?? current.code,
          name: body.name ?? current.name,
          societal_goal_id:
            body.societalGoalId === undefined ? current.societal_goal_id : body.societalGoalId,
          bbv_taakveld_code: body.taakveld === undefined ? current.bbv_taakveld_code : body.taakveld,
        };
        const problems = await themeLinkProblems(tx, mc, current.programme_id, {
          societalGoalId: next.societal_goal_id,
          taakveld: next.bbv_taakveld_code,
        });
        if (problems.length > 0) throw invalid(problems);
        if (next.code !== current.code) {
          const taken = await tx
            .selectFrom('theme')
            .select('id')
            .where('municipality_code', '=', mc)
            .where('programme_id', '=', current.programme_id)
            .where('code', '=', next.code)
            .executeTakeFirst();
          if (taken)
            throw problem(409, 'theme-exists', {
              nl: `Het programma heeft al een thema met code ${next.code}.`,
              en: `The programme already has a theme with code ${next.code}.`,
            });
        }
        return tx
          .updateTable('theme')
          .set({ ...next, ...nextVersion })
          .where('municipality_code', '=', mc)
          .where('id', '=', themeId)
          .returning(['id', 'code', 'name', 'societal_goal_id', 'bbv_taakveld_code'])
          .returning(versionColumn)
          .executeTakeFirstOrThrow();
      });
      setEtag(reply, row.version);
      return themeView(row);
    },
  );

  app.delete(
    `${BASE}/themes/:themeId`,
    {
      config: { action: 'theme.delete' },
      schema: {
        tags: TAGS,
        summary: 'Delete a theme (If-Match: its version)',
        description: 'Refused (409) while interventions, indicators or budget lines still belong to it.',
        params: ThemeParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const { municipalityCode: mc } = request.grip.actor!;
      const { themeId: id } = request.params;
      const version = requiredVersion(request);
      await request.tenant(async (tx) => {
        await lockedTheme(tx, mc, id, version);
        const refusal = notEmpty('theme-not-empty', THEME, [
          {
            count: await count(tx, 'intervention', sql`municipality_code = ${mc} AND theme_id = ${id}`),
            nl: ['interventie', 'interventies'],
            en: ['intervention', 'interventions'],
          },
          {
            count: await count(tx, 'indicator', sql`municipality_code = ${mc} AND theme_id = ${id}`),
            nl: ['indicator', 'indicatoren'],
            en: ['indicator', 'indicators'],
          },
          {
            count: await count(tx, 'budget_line', sql`municipality_code = ${mc} AND theme_id = ${id}`),
            nl: ['begrotingsregel', 'begrotingsregels'],
            en: ['budget line', 'budget lines'],
          },
        ]);
        if (refusal) throw refusal;
        await tx.deleteFrom('theme').where('municipality_code', '=', mc).where('id', '=', id).execute();
      });
      return reply.code(204).send(null);
    },
  );

  app.delete(
    `${BASE}/interventions/:interventionId`,
    {
      config: { action: 'intervention.delete' },
      schema: {
        tags: TAGS,
        summary: 'Delete an intervention from the implementation plan (If-Match: its version)',
        params: InterventionParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const { municipalityCode: mc } = request.grip.actor!;
      const { interventionId: id } = request.params;
      const version = requiredVersion(request);
      await request.tenant(async (tx) => {
        const [row] = await interventionRows(tx, mc, { id, lock: true });
        if (!row) throw notFound(INTERVENTION);
        if (row.version !== version) throw versionConflict(row.version);
        await tx
          .deleteFrom('intervention')
          .where('municipality_code', '=', mc)
          .where('id', '=', id)
          .execute();
      });
      return reply.code(204).send(null);
    },
  );
}
