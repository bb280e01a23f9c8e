import type { Tx } from '../platform/db/database.ts';

/** Programmes, societal goals, themes and interventions (the implementation plan) in the database. */

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
}) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    firstYear: r.first_year,
    lastYear: r.last_year,
    description: r.description,
  };
}

export async function getProgramme(tx: Tx, mc: string, id: string) {
  const row = await tx
    .selectFrom('programme')
    .select(['id', 'code', 'name', 'first_year', 'last_year', 'description'])
    .where('municipality_code', '=', mc)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const goals = await tx
    .selectFrom('societal_goal')
    .select(['id', 'code', 'name', 'current_situation', 'desired_situation'])
    .where('municipality_code', '=', mc)
    .where('programme_id', '=', id)
    .orderBy('code')
    .execute();
  const themes = await tx
    .selectFrom('theme')
    .select(['id', 'code', 'name', 'societal_goal_id', 'bbv_taakveld_code'])
    .where('municipality_code', '=', mc)
    .where('programme_id', '=', id)
    .execute();
  themes.sort((a, b) => a.code.localeCompare(b.code, 'nl', { numeric: true }));
  const interventions = await interventionRows(tx, mc, { programmeId: id });
  return {
    ...programmeView(row),
    goals: goals.map((g) => ({
      id: g.id,
      code: g.code,
      name: g.name,
      currentSituation: g.current_situation,
      desiredSituation: g.desired_situation,
    })),
    themes: themes.map((t) => ({
      id: t.id,
      code: t.code,
      name: t.name,
      societalGoalId: t.societal_goal_id,
      taakveld: t.bbv_taakveld_code,
    })),
    interventions: interventions.map(interventionView),
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
