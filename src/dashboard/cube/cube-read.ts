import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { DashboardFilters } from '../view-model.ts';
import { readCubeState } from './cube-maintenance.ts';
import { cubePeriodKey } from './cube-period.ts';

/** Counts read from the cube: measure → breakdown → key (null: unknown value, '' for the total) → count. */
export type CubeCounts = Map<string, Map<string, Map<string | null, number>>>;

export interface CubeQuery {
  period: string;
  law: string;
  ageGroup: string;
}

/**
 * The cube cells a filter state reads, or null when the cube cannot answer it: a filter the cube has no
 * cells for (those named in `unsupported` that are set), a period that is not a standard period, or no cube.
 */
export async function cubeQuery(
  tx: Tx,
  mc: string,
  filters: DashboardFilters,
  unsupported: readonly (keyof DashboardFilters)[],
): Promise<CubeQuery | null> {
  if (unsupported.some((name) => filters[name] !== undefined)) return null;
  const state = await readCubeState(tx, mc);
  const period = state && cubePeriodKey(filters.from, filters.to, state);
  if (!period) return null;
  return { period, law: filters.law ?? '*', ageGroup: filters.ageGroup ?? '*' };
}

/** The cells of `measures` for one filter state, every breakdown. */
export async function readCube(
  tx: Tx,
  mc: string,
  query: CubeQuery,
  measures: readonly string[],
): Promise<CubeCounts> {
  const { rows } = await sql<{ measure: string; breakdown: string; key: string; persons: number }>`
    SELECT measure, breakdown, key, persons FROM dash_cube
    WHERE municipality_code = ${mc} AND measure IN (${sql.join(measures)})
      AND period = ${query.period} AND law_code = ${query.law} AND age_group = ${query.ageGroup}`.execute(tx);
  const counts: CubeCounts = new Map();
  for (const r of rows) {
    const byBreakdown = counts.get(r.measure) ?? new Map<string, Map<string | null, number>>();
    counts.set(r.measure, byBreakdown);
    const byKey = byBreakdown.get(r.breakdown) ?? new Map<string | null, number>();
    byBreakdown.set(r.breakdown, byKey);
    byKey.set(r.breakdown === 'total' ? '' : r.key === '' ? null : r.key, r.persons);
  }
  return counts;
}

/** One breakdown of one measure (empty when the cube has no persons there). */
export function cells(counts: CubeCounts, measure: string, breakdown: string): Map<string | null, number> {
  return counts.get(measure)?.get(breakdown) ?? new Map();
}

/** The total of a measure (0 when nobody is counted). */
export function cubeTotal(counts: CubeCounts, measure: string): number {
  return cells(counts, measure, 'total').get('') ?? 0;
}
