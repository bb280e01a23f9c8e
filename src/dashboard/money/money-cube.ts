import type { Tx } from '../../platform/db/database.ts';
import { MONEY_CLIENTS, MONEY_COMMITMENTS, MONEY_SUMS } from '../cube/money-cells.ts';
import { readCubeState } from '../cube/cube-maintenance.ts';
import { cubeHasYear, monthPeriod, throughPeriod } from '../cube/cube-period.ts';
import { cubeQuery, readCubeCells, type CubeCell, type CubeCells } from '../cube/cube-read.ts';
import type { DashboardFilters, LawCode } from '../view-model.ts';
import { monthKeys } from './money-measures.ts';

/**
 * The money view's figures from the count cube (cube/money-cells.ts) when the filters are at most law and age
 * group: per month and year to date for any months of the cube's years, per breakdown for a standard period.
 * Each function returns null when the cube cannot answer, and the caller counts from the money summaries.
 */

const UNSUPPORTED = ['wijk', 'buurt', 'service', 'provider'] as const;

/** The law and age group of the filters when the cube covers every year of [from, to], else null. */
async function monthQuery(
  tx: Tx,
  mc: string,
  f: Pick<DashboardFilters, 'law' | 'ageGroup' | (typeof UNSUPPORTED)[number]>,
  from: string,
  to: string,
): Promise<{ law: string; ageGroup: string } | null> {
  if (UNSUPPORTED.some((name) => f[name] !== undefined)) return null;
  const state = await readCubeState(tx, mc);
  if (!state) return null;
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++)
    if (!cubeHasYear(state, year)) return null;
  return { law: f.law ?? '*', ageGroup: f.ageGroup ?? '*' };
}

const cell = (cells: CubeCells | undefined, measure: string, breakdown: string, key: string | null) =>
  cells?.get(measure)?.get(breakdown)?.get(key) ?? { persons: 0, cents: 0 };

/** Realisation per month 'YYYY-MM' in [from, to]. */
export async function realisationByMonthFromCube(
  tx: Tx,
  mc: string,
  f: DashboardFilters,
  from: string,
  to: string,
): Promise<Map<string, number> | null> {
  const query = await monthQuery(tx, mc, f, from, to);
  if (!query) return null;
  const months = monthKeys(from, to);
  const cells = await readCubeCells(tx, mc, query, months.map(monthPeriod), [MONEY_SUMS.code], ['total']);
  return new Map(months.map((m) => [m, cell(cells.get(monthPeriod(m)), MONEY_SUMS.code, 'total', '').cents]));
}

/** Clients per month 'YYYY-MM' of [from, to], and from January of its year up to that month. */
export async function monthClientsFromCube(
  tx: Tx,
  mc: string,
  f: DashboardFilters,
  from: string,
  to: string,
): Promise<Map<string, { month: number; ytd: number }> | null> {
  const query = await monthQuery(tx, mc, f, from, to);
  if (!query) return null;
  const months = monthKeys(from, to);
  const cells = await readCubeCells(
    tx,
    mc,
    query,
    months.flatMap((m) => [monthPeriod(m), throughPeriod(m)]),
    [MONEY_CLIENTS.code],
    ['total'],
  );
  const total = (period: string) => cell(cells.get(period), MONEY_CLIENTS.code, 'total', '').persons;
  return new Map(months.map((m) => [m, { month: total(monthPeriod(m)), ytd: total(throughPeriod(m)) }]));
}

/**
 * Per taakveld (null: none) the realisation per month of `year` and the clients from January through
 * `through`, under a law filter only.
 */
export async function taakveldSpendingFromCube(
  tx: Tx,
  mc: string,
  year: number,
  through: number,
  law: LawCode | undefined,
): Promise<{ realisation: Map<string | null, number[]>; clients: Map<string | null, number> } | null> {
  const query = await monthQuery(tx, mc, { law }, `${year}-01`, `${year}-12`);
  if (!query) return null;
  const months = monthKeys(`${year}-01`, `${year}-12`);
  const clientsPeriod = through > 0 ? [throughPeriod(months[Math.min(12, through) - 1]!)] : [];
  const cells = await readCubeCells(
    tx,
    mc,
    query,
    [...months.map(monthPeriod), ...clientsPeriod],
    [MONEY_SUMS.code, MONEY_CLIENTS.code],
    ['taakveld'],
  );
  const realisation = new Map<string | null, number[]>();
  months.forEach((m, i) => {
    for (const [key, c] of cells.get(monthPeriod(m))?.get(MONEY_SUMS.code)?.get('taakveld') ?? []) {
      const perMonth = realisation.get(key) ?? Array.from({ length: 12 }, () => 0);
      perMonth[i] = c.cents;
      realisation.set(key, perMonth);
    }
  });
  const clients = new Map<string | null, number>();
  for (const period of clientsPeriod)
    for (const [key, c] of cells.get(period)?.get(MONEY_CLIENTS.code)?.get('taakveld') ?? [])
      clients.set(key, c.persons);
  return { realisation, clients };
}

/** Clients with realisation from January through `through` of `year`. */
export async function yearClientsFromCube(
  tx: Tx,
  mc: string,
  f: DashboardFilters,
  year: number,
  through: number,
): Promise<number | null> {
  const query = await monthQuery(tx, mc, f, `${year}-01`, `${year}-12`);
  if (!query) return null;
  if (through <= 0) return 0;
  const period = throughPeriod(`${year}-${String(Math.min(12, through)).padStart(2, '0')}`);
  const cells = await readCubeCells(tx, mc, query, [period], [MONEY_CLIENTS.code], ['total']);
  return cell(cells.get(period), MONEY_CLIENTS.code, 'total', '').persons;
}

/** Clients and realisation per breakdown (law, service, provider, wijk, variant) for a standard period. */
export async function breakdownsFromCube(tx: Tx, mc: string, f: DashboardFilters): Promise<CubeCells | null> {
  const query = await cubeQuery(tx, mc, f, UNSUPPORTED);
  if (!query) return null;
  const cells = await readCubeCells(tx, mc, query, [query.period], [MONEY_CLIENTS.code, MONEY_SUMS.code]);
  return cells.get(query.period) ?? new Map();
}

/** Commitments per law and per law:service for a standard period. */
export async function commitmentsFromCube(
  tx: Tx,
  mc: string,
  f: DashboardFilters,
): Promise<Map<string, Map<string | null, CubeCell>> | null> {
  const query = await cubeQuery(tx, mc, f, UNSUPPORTED);
  if (!query) return null;
  const cells = await readCubeCells(tx, mc, query, [query.period], [MONEY_COMMITMENTS.code]);
  return cells.get(query.period)?.get(MONEY_COMMITMENTS.code) ?? new Map();
}
