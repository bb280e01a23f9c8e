import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';

/** Programmes, societal goals, themes and interventions (the implementation plan) in the database. */

/** The version column of programme, societal_goal, theme and indicator (migration 0025; typed by hand until
 * the generated Kysely types know it). */
export const versionColumn = sql<number>`version`.as('version');
/** Spread into an update's set: the next version (typed as nothing until the generated types know it). */
export const nextVersion = { version: sql<number>`version + 1` } as Record<never, never>;

export type InterventionStatus = 'gepland' | 'gestart' | 'afgerond' | 'gestopt' | 'niet-gestart';

/** Which status may follow which; the last three are final. Staying in the same status is always allowed. */
export const NEXT_STATUSES: Record<InterventionStatus, readonly InterventionStatus[]> = {
  gepland: ['gestart', 'niet-gestart'],
  gestart: ['afgerond', 'gestopt'],
  afgerond: [],
  gestopt: [],
  'niet-gestart': [],
};

export async function listProgrammes(tx: Tx, mc: string) {
  const rows = await tx
    .selectFrom('programme')
    .select(['id', 'code', 'name', 'first_year', 'last_year', 'description'])
    .select(versionColumn)
    .where('municipality_code', '=', mc)
    .orderBy('code')
    .execute();
  return rows.map(programmeView);
}

export function programmeView(r: {
  id: string;
  code: string;
  name: string;
  first_year: number;
  last_year: number;
  description: string;
  version: number;
}) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    firstYear: r.first_year,
    lastYear: r.last_year,
    description: r.description,
    version: r.version,
  };
}

export async function getProgramme(tx: Tx, mc: string, id: string) {
  const row = await tx
    .selectFrom('programme')
    .select(['id', 'code', 'name', 'first_year', 'last_year', 'description'])
    .select(versionColumn)
    .where('municipality_code', '=', mc)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const goals = await tx
    .selectFrom('societal_goal')
    .select(['id', 'code', 'name', 'current_situation', 'desired_situation'])
    .select(versionColumn)
    .where('municipality_code', '=', mc)
    .where('programme_id', '=', id)
    .orderBy('code')
    .execute();
  const themes = await tx
    .selectFrom('theme')
    .select(['id', 'code', 'name', 'societal_goal_id', 'bbv_taakveld_code'])
    .select(versionColumn)
    .where('municipality_code', '=', mc)
    .where('programme_id', '=', id)
    .execute();
  themes.sort((a, b) => a.code.localeCompare(b.code, 'nl', { numeric: true }));
  const interventions = await interventionRows(tx, mc, { programmeId: id });
  return {
    ...programmeView(row),
    goals: goals.map(goalView),
    themes: themes.map(themeView),
    interventions: interventions.map(interventionView),
  };
}

export function goalView(g: {
  id: string;
  code: string;
  name: string;
  current_situation: string;
  desired_situation: string;
  version: number;
}) {
  return {
    id: g.id,
    code: g.code,
    name: g.name,
    currentSituation: g.current_situation,
    desiredSituation: g.desired_situation,
    version: g.version,
  };
}

export function themeView(t: {
  id: string;
  code: string;
  name: string;
  societal_goal_id: string | null;
  bbv_taakveld_code: string | null;
  version: number;
}) {
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    societalGoalId: t.societal_goal_id,
    taakveld: t.bbv_taakveld_code,
    version: t.version,
  };
}

export async function interventionRows(
  tx: Tx,
  mc: string,
  filter: { programmeId?: string; id?: string; lock?: boolean },
) {
  let query = tx
    .selectFrom('intervention as i')
    .innerJoin('theme as t', (j) =>
      j.onRef('t.municipality_code', '=', 'i.municipality_code').onRef('t.id', '=', 'i.theme_id'),
    )
    .selectAll('i')
    .select('t.programme_id')
    .where('i.municipality_code', '=', mc);
  if (filter.programmeId) query = query.where('t.programme_id', '=', filter.programmeId);
  if (filter.id) query = query.where('i.id', '=', filter.id);
  if (filter.lock) query = query.forUpdate();
  return query.orderBy('t.code').orderBy('i.starts_on').orderBy('i.name').execute();
}

export type InterventionRow = Awaited<ReturnType<typeof interventionRows>>[number];

export function interventionView(r: InterventionRow) {
  return {
    id: r.id,
    themeId: r.theme_id,
    name: r.name,
    owner: r.owner,
    startsOn: r.starts_on === null ? null : String(r.starts_on),
    endsOn: r.ends_on === null ? null : String(r.ends_on),
    budgetCents: r.budget_cents === null ? null : Number(r.budget_cents),
    status: r.status as InterventionStatus,
    expectedResult: r.expected_result,
    achievedResult: r.achieved_result,
    statusReason: r.status_reason,
    evaluation: r.evaluation,
    version: r.version,
  };
}
