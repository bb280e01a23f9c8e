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
  const series = await cubeSeriesQuery(tx, mc, filters, unsupported, [filters]);
  return series && { period: series.periods[0]!, law: series.law, ageGroup: series.ageGroup };
}

/** The cells of `measures` for one filter state, every breakdown. */
export async function readCube(
  tx: Tx,
  mc: string,
  query: CubeQuery,
  measures: readonly string[],
): Promise<CubeCounts> {
  const counts = await readCubePeriods(tx, mc, query, [query.period], measures);
  return counts.get(query.period) ?? new Map();
}

/** The cells of `measures` for several periods of one law and age group: period → counts. */
export async function readCubePeriods(
  tx: Tx,
  mc: string,
  query: Omit<CubeQuery, 'period'>,
  periods: readonly string[],
  measures: readonly string[],
): Promise<Map<string, CubeCounts>> {
  const { rows } = await sql<{
    period: string;
    measure: string;
    breakdown: string;
    key: string;
    persons: number;
  }>`
    SELECT period, measure, breakdown, key, persons FROM dash_cube
    WHERE municipality_code = ${mc} AND measure IN (${sql.join(measures)})
      AND period IN (${sql.join(periods)}) AND law_code = ${query.law} AND age_group = ${query.ageGroup}`.execute(
    tx,
  );
  const result = new Map<string, CubeCounts>();
  for (const r of rows) {
    const counts = result.get(r.period) ?? (new Map() as CubeCounts);
    result.set(r.period, counts);
    const byBreakdown = counts.get(r.measure) ?? new Map<string, Map<string | null, number>>();
    counts.set(r.measure, byBreakdown);
    const byKey = byBreakdown.get(r.breakdown) ?? new Map<string | null, number>();
    byBreakdown.set(r.breakdown, byKey);
    byKey.set(r.breakdown === 'total' ? '' : r.key === '' ? null : r.key, r.persons);
  }
  return result;
}

/**
 * The cube periods of a series of buckets (each a from–to range of months) for one filter state, or null
 * when a filter or a bucket is one the cube does not answer. `months`: the measures read have month cells.
 */
export async function cubeSeriesQuery(
  tx: Tx,
  mc: string,
  filters: DashboardFilters,
  unsupported: readonly (keyof DashboardFilters)[],
  ranges: readonly { from: string; to: string }[],
  options: { months?: boolean } = {},
): Promise<{ law: string; ageGroup: string; periods: string[] } | null> {
  if (unsupported.some((name) => filters[name] !== undefined)) return null;
  const state = await readCubeState(tx, mc);
  if (!state) return null;
  const periods: string[] = [];
  for (const range of ranges) {
    const period = cubePeriodKey(range.from, range.to, state, options);
    if (!period) return null;
    periods.push(period);
  }
  return { law: filters.law ?? '*', ageGroup: filters.ageGroup ?? '*', periods };
}

/** One breakdown of one measure (empty when the cube has no persons there). */
export function cells(counts: CubeCounts, measure: string, breakdown: string): Map<string | null, number> {
  return counts.get(measure)?.get(breakdown) ?? new Map();
}

/** The total of a measure (0 when nobody is counted). */
export function cubeTotal(counts: CubeCounts, measure: string): number {
  return cells(counts, measure, 'total').get('') ?? 0;
}
