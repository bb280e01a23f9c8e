import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import { readDataPeriod } from '../data-period.ts';
import { affectedPersons } from '../pyramid/fact-scope.ts';
import type { ChangeSet } from '../view-model.ts';
import type { PersonScope } from '../volumes/summary-sql.ts';
import type { CubeMeasure } from './cube-measures.ts';
import { CUBE_MEASURES } from './cube-registry.ts';
import { yearsChanged, type CubePeriodState, type PeriodSet } from './cube-period.ts';

/**
 * Keeps dash_cube current. A refresh (refresh.ts applyChanges) calls `beforeSummaries` before the summary
 * maintainers rebuild the changed persons and `afterSummaries` after: the first subtracts what those persons
 * counted for in the cube, the second adds what they count for now. Distinct persons can be summed across
 * persons, so the cube then equals a rebuild. When the data period moved to a new month, the periods that
 * depend on it (A…, ALL) are rebuilt; when it moved to a new year, and on a full refresh, everything is.
 */

export async function readCubeState(tx: Tx, mc: string): Promise<CubePeriodState | null> {
  const { rows } = await sql<CubePeriodState>`
    SELECT first_month AS first, last_month AS last FROM dash_cube_state WHERE municipality_code = ${mc}`.execute(
    tx,
  );
  return rows[0] ?? null;
}

/**
 * Persons whose facts a refresh may change: a superset of what every person-grain maintainer rebuilds
 * (the changed persons, the members of changed households, the persons of their help questions and of the
 * support rows pointing at them), as the mix maintainers find them. Null for a full refresh.
 */
const cubeScope = (tx: Tx, mc: string, changes: ChangeSet): Promise<PersonScope> =>
  affectedPersons(tx, mc, changes, 'dash_mix_support');

/** Adds (sign 1) or subtracts (sign -1) the cells of the persons in scope for one measure. */
async function applyMeasure(
  tx: Tx,
  mc: string,
  measure: CubeMeasure,
  state: CubePeriodState,
  scope: PersonScope,
  sign: 1 | -1,
  only: PeriodSet = 'all',
): Promise<void> {
  const cents = measure.cents ? sql`${sql.lit(sign)} * cents` : sql`0`;
  await sql`
    INSERT INTO dash_cube AS c (municipality_code, measure, period, law_code, age_group, breakdown, key, persons, cents)
    SELECT ${mc}, ${measure.code}, period, law_code, age_group, breakdown, key, ${sql.lit(sign)} * persons, ${cents}
    FROM (${measure.cells(mc, scope, state, only)}) AS cells
    ON CONFLICT (municipality_code, measure, period, law_code, age_group, breakdown, key)
    DO UPDATE SET persons = c.persons + EXCLUDED.persons, cents = c.cents + EXCLUDED.cents`.execute(tx);
}

/** Cells that counted nobody and sum nothing (left by a subtraction, or a sum of 0) are not kept. */
const deleteEmpty = (tx: Tx, mc: string) =>
  sql`DELETE FROM dash_cube WHERE municipality_code = ${mc} AND persons = 0 AND cents = 0`.execute(tx);

async function rebuild(tx: Tx, mc: string, state: CubePeriodState, only: PeriodSet): Promise<void> {
  if (only === 'all') await sql`DELETE FROM dash_cube WHERE municipality_code = ${mc}`.execute(tx);
  else
    await sql`DELETE FROM dash_cube WHERE municipality_code = ${mc} AND (period = 'ALL' OR period LIKE 'A%' OR period LIKE 'B%')`.execute(
      tx,
    );
  for (const measure of CUBE_MEASURES) await applyMeasure(tx, mc, measure, state, null, 1, only);
  await deleteEmpty(tx, mc);
  await sql`
    INSERT INTO dash_cube_state (municipality_code, first_month, last_month, built_at)
    VALUES (${mc}, ${state.first}, ${state.last}, now())
    ON CONFLICT (municipality_code) DO UPDATE SET first_month = EXCLUDED.first_month,
      last_month = EXCLUDED.last_month, built_at = now()`.execute(tx);
}

/** What `beforeSummaries` found, for `afterSummaries`: the changed persons and each measure's scope. */
export interface CubeStep {
  state: CubePeriodState | null;
  scope: PersonScope;
  scopes: Map<string, PersonScope>;
}

export async function beforeSummaries(tx: Tx, mc: string, changes: ChangeSet): Promise<CubeStep> {
  const state = await readCubeState(tx, mc);
  const scope = await cubeScope(tx, mc, changes);
  const scopes = new Map<string, PersonScope>();
  if (state && scope !== null && scope.length > 0) {
    for (const measure of CUBE_MEASURES) {
      const units = measure.units ? await measure.units(tx, mc, scope, changes) : scope;
      scopes.set(measure.code, units);
      if (units.length > 0) await applyMeasure(tx, mc, measure, state, units, -1);
    }
  }
  return { state, scope, scopes };
}

export async function afterSummaries(tx: Tx, mc: string, step: CubeStep): Promise<void> {
  const period = await readDataPeriod(tx, mc);
  if (!period.first || !period.last) {
    await sql`DELETE FROM dash_cube WHERE municipality_code = ${mc}`.execute(tx);
    await sql`DELETE FROM dash_cube_state WHERE municipality_code = ${mc}`.execute(tx);
    return;
  }
  const current = { first: period.first, last: period.last };
  if (!step.state || step.scope === null) return rebuild(tx, mc, current, 'all');
  if (step.scope.length > 0) {
    for (const measure of CUBE_MEASURES) {
      const units = step.scopes.get(measure.code) ?? step.scope;
      if (units.length > 0) await applyMeasure(tx, mc, measure, step.state, units, 1);
    }
    await deleteEmpty(tx, mc);
  }
  if (yearsChanged(step.state, current)) await rebuild(tx, mc, current, 'all');
  else if (step.state.first !== current.first || step.state.last !== current.last) {
    await rebuild(tx, mc, current, 'state-bound');
  }
}
