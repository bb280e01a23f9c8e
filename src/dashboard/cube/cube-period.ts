import { sql, type RawBuilder } from 'kysely';
import { lastDay } from '../pyramid/period.ts';

/**
 * The standard periods of the count cube. With the data period running from `first` to `last` (months,
 * 'YYYY-MM'):
 * - `Y2025`: a whole calendar year, from the year of `first` to the year of `last`;
 * - `A2026`: January up to the month of `last`, for the year of `last` and the year before (the default
 *   period of every view and the same months a year earlier);
 * - `ALL`: `first` up to `last` (the whole period);
 * - `B2016`: `first` up to December of its year, when `first` is not January (the first bucket of a
 *   series over the whole period);
 * - `M2025-03`: one month of a year of the data period, for the measures that count per month.
 * A filter period that is none of these is counted from the person grain.
 */
export interface CubePeriodState {
  first: string;
  last: string;
}

/**
 * The standard period a filter period is, or null. Month periods only with `months` (for measures that have
 * month cells).
 */
export function cubePeriodKey(
  from: string,
  to: string,
  state: CubePeriodState,
  options: { months?: boolean } = {},
): string | null {
  if (from === state.first && to === state.last) return 'ALL';
  const year = Number(from.slice(0, 4));
  if (from === state.first && to === `${year}-12` && from !== `${year}-01`) return `B${year}`;
  if (options.months && from === to) return cubeHasYear(state, year) ? `M${from}` : null;
  if (from !== `${year}-01` || to.slice(0, 4) !== String(year)) return null;
  if (to === `${year}-12`) return cubeHasYear(state, year) ? `Y${year}` : null;
  const lastYear = Number(state.last.slice(0, 4));
  const lastMonth = state.last.slice(5, 7);
  if (to.slice(5, 7) === lastMonth && (year === lastYear || year === lastYear - 1)) return `A${year}`;
  return null;
}

/** Bits 1..12 of a month mask: January..December. */
const YEAR_BITS = 0b1_1111_1111_1110;

/** Months 1..month as bits 1..month. */
const upTo = (month: number) => (1 << (month + 1)) - 2;

/** Which periods a build makes: all, or only those that depend on the months of the data period (ALL, A…, B…). */
export type PeriodSet = 'all' | 'state-bound';

/** Whether a move of the data period from `before` to `after` changes the calendar years of the cube. */
export function yearsChanged(before: CubePeriodState, after: CubePeriodState): boolean {
  return (
    before.first.slice(0, 4) !== after.first.slice(0, 4) || before.last.slice(0, 4) !== after.last.slice(0, 4)
  );
}

/**
 * SQL (a set-returning subquery for a lateral join) with the standard periods a fact of `year` with the
 * month mask `months` (bits 1..12 = January..December; other bits ignored) falls in; `state-bound`: only
 * the periods that depend on the data period (ALL, A… and B…).
 */
export function periodsOfFact(
  state: CubePeriodState,
  year: RawBuilder<number>,
  months: RawBuilder<number>,
  only: PeriodSet = 'all',
): RawBuilder<{ period: string }> {
  const [firstYear, firstMonth] = state.first.split('-').map(Number) as [number, number];
  const [lastYear, lastMonth] = state.last.split('-').map(Number) as [number, number];
  const lit = (n: number) => sql.lit(n);
  const allMask = sql`(CASE WHEN ${year} < ${lit(firstYear)} THEN 0 WHEN ${year} = ${lit(firstYear)}
      THEN ${lit(YEAR_BITS & ~upTo(firstMonth - 1))} ELSE ${lit(YEAR_BITS)} END)
    & (CASE WHEN ${year} > ${lit(lastYear)} THEN 0 WHEN ${year} = ${lit(lastYear)} THEN ${lit(upTo(lastMonth))}
      ELSE ${lit(YEAR_BITS)} END)`;
  const yearToDate =
    lastMonth < 12
      ? sql`UNION ALL SELECT 'A' || ${year} WHERE ${year} IN (${lit(lastYear)}, ${lit(lastYear - 1)})
          AND ${months} & ${lit(upTo(lastMonth))} <> 0`
      : sql``;
  const firstYearPart =
    firstMonth > 1
      ? sql`UNION ALL SELECT 'B' || ${year} WHERE ${year} = ${lit(firstYear)}
          AND ${months} & ${lit(YEAR_BITS & ~upTo(firstMonth - 1))} <> 0`
      : sql``;
  const years =
    only === 'all'
      ? sql`UNION ALL SELECT 'Y' || ${year} WHERE ${months} & ${lit(YEAR_BITS)} <> 0
          AND ${year} BETWEEN ${lit(firstYear)} AND ${lit(lastYear)}`
      : sql``;
  return sql<{ period: string }>`(
    SELECT 'ALL' AS period WHERE ${months} & ${allMask} <> 0
    ${years}
    ${yearToDate}
    ${firstYearPart})`;
}

/**
 * Periods per month `mo` (1..12) of a fact's year, in a year of the data period, where `holds` (over `mo`)
 * is true: `prefix` + 'YYYY-MM'. None for a `state-bound` build.
 */
function perMonthOfFact(
  prefix: 'M' | 'T',
  state: CubePeriodState,
  year: RawBuilder<number>,
  holds: RawBuilder<boolean>,
  only: PeriodSet,
): RawBuilder<{ period: string }> {
  const firstYear = Number(state.first.slice(0, 4));
  const lastYear = Number(state.last.slice(0, 4));
  if (only !== 'all') return sql<{ period: string }>`(SELECT NULL::text AS period WHERE false)`;
  return sql<{ period: string }>`(
    SELECT ${sql.lit(prefix)} || ${year} || '-' || lpad(mo::text, 2, '0') AS period FROM generate_series(1, 12) AS mo
    WHERE ${holds} AND ${year} BETWEEN ${sql.lit(firstYear)} AND ${sql.lit(lastYear)})`;
}

/**
 * SQL (a set-returning subquery for a lateral join) with the month periods (`M2025-03`) of a fact: each month
 * of `months` (bits 1..12) in a year of the data period. None for a `state-bound` build.
 */
export const monthsOfFact = (
  state: CubePeriodState,
  year: RawBuilder<number>,
  months: RawBuilder<number>,
  only: PeriodSet,
) => perMonthOfFact('M', state, year, sql<boolean>`(${months} >> mo) & 1 = 1`, only);

/** The month period of 'YYYY-MM'. */
export const monthPeriod = (month: string) => `M${month}`;

/**
 * SQL (a set-returning subquery for a lateral join) with the year-to-month periods (`T2025-03`: January up to
 * March) of a fact: every month from its first month of `months` (bits 1..12) to December, in a year of the
 * data period. None for a `state-bound` build.
 */
export const throughMonthsOfFact = (
  state: CubePeriodState,
  year: RawBuilder<number>,
  months: RawBuilder<number>,
  only: PeriodSet,
) => perMonthOfFact('T', state, year, sql<boolean>`${months} & ((2 << mo) - 2) <> 0`, only);

/** The year-to-month period of 'YYYY-MM' (January of its year up to that month). */
export const throughPeriod = (month: string) => `T${month}`;

/** Whether `year` is a year of the data period: the years of the Y…, M… and T… cells. */
export function cubeHasYear(state: CubePeriodState, year: number): boolean {
  return year >= Number(state.first.slice(0, 4)) && year <= Number(state.last.slice(0, 4));
}

/** The last day ('YYYY-MM-DD') of each standard period a build makes, for counts at the end of a period. */
export function periodEnds(state: CubePeriodState, only: PeriodSet): { period: string; day: string }[] {
  const [firstYear, firstMonth] = state.first.split('-').map(Number) as [number, number];
  const [lastYear, lastMonth] = state.last.split('-').map(Number) as [number, number];
  const endOf = (year: number, month: number) => lastDay(`${year}-${String(month).padStart(2, '0')}`);
  const ends = [{ period: 'ALL', day: endOf(lastYear, lastMonth) }];
  if (lastMonth < 12)
    for (const y of [lastYear - 1, lastYear]) ends.push({ period: `A${y}`, day: endOf(y, lastMonth) });
  if (firstMonth > 1) ends.push({ period: `B${firstYear}`, day: endOf(firstYear, 12) });
  if (only === 'all')
    for (let y = firstYear; y <= lastYear; y++) ends.push({ period: `Y${y}`, day: endOf(y, 12) });
  return ends;
}
