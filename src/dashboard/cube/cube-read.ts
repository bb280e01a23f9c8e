import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { DashboardFilters } from '../view-model.ts';
import { readCubeState } from './cube-maintenance.ts';
import { cubePeriodKey } from './cube-period.ts';

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
): Promise<CubeCells> {
  const cells = await readCubeCells(tx, mc, query, [query.period], measures);
  return cells.get(query.period) ?? new Map();
}

/** A cell: distinct persons, and eurocents for money measures. */
export interface CubeCell {
  persons: number;
  cents: number;
}
/** Cells read from the cube: measure → breakdown → key (null: unknown value, '' for the total) → cell. */
export type CubeCells = Map<string, Map<string, Map<string | null, CubeCell>>>;

/**
 * The cells of `measures` for several periods of one law (or several) and age group: period → cells, or with
 * `byLaw` law → cells; only the `breakdowns` named (default: all).
 */
export async function readCubeCells(
  tx: Tx,
  mc: string,
  query: { law: string | readonly string[]; ageGroup: string },
  periods: readonly string[],
  measures: readonly string[],
  breakdowns?: readonly string[],
  byLaw = false,
): Promise<Map<string, CubeCells>> {
  const laws = typeof query.law === 'string' ? [query.law] : [...query.law];
  const { rows } = await sql<{
    law_code: string;
    period: string;
    measure: string;
    breakdown: string;
    key: string;
    persons: number;
    cents: string;
  }>`
    SELECT law_code, period, measure, breakdown, key, persons, cents::text AS cents FROM dash_cube
    WHERE municipality_code = ${mc} AND measure = ANY(${[...measures]}::text[])
      AND period = ANY(${[...periods]}::text[]) AND law_code = ANY(${laws}::text[]) AND age_group = ${query.ageGroup}
      ${breakdowns ? sql`AND breakdown = ANY(${[...breakdowns]}::text[])` : sql``}`.execute(tx);
  const result = new Map<string, CubeCells>();
  for (const r of rows) {
    const group = byLaw ? r.law_code : r.period;
    const cells = result.get(group) ?? (new Map() as CubeCells);
    result.set(group, cells);
    const byBreakdown = cells.get(r.measure) ?? new Map<string, Map<string | null, CubeCell>>();
    cells.set(r.measure, byBreakdown);
    const byKey = byBreakdown.get(r.breakdown) ?? new Map<string | null, CubeCell>();
    byBreakdown.set(r.breakdown, byKey);
    byKey.set(r.breakdown === 'total' ? '' : r.key === '' ? null : r.key, {
      persons: r.persons,
      cents: Number(r.cents),
    });
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

/** The persons of one breakdown of one measure (empty when the cube has no persons there). */
export function cells(counts: CubeCells, measure: string, breakdown: string): Map<string | null, number> {
  const byKey = counts.get(measure)?.get(breakdown) ?? new Map<string | null, CubeCell>();
  return new Map([...byKey].map(([key, cell]) => [key, cell.persons]));
}

/** The persons of a measure in total (0 when nobody is counted). */
export function cubeTotal(counts: CubeCells, measure: string): number {
  return cells(counts, measure, 'total').get('') ?? 0;
}
