import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { ChangeSet } from '../view-model.ts';
import { inScope, type PersonScope } from '../volumes/summary-sql.ts';
import {
  monthsOfFact,
  periodsOfFact,
  throughMonthsOfFact,
  type CubePeriodState,
  type PeriodSet,
} from './cube-period.ts';

/**
 * What the count cube counts. A measure yields, for the persons (or its units) in scope (null: everyone), its cells: rows
 * (period, law_code, age_group, breakdown, key, persons) with '*' for "all laws" and "all age groups". The
 * counts must add up over persons (each person counted at most once per cell), which is what lets the
 * maintenance subtract and add the changed persons.
 */
export interface CubeMeasure {
  code: string;
  /**
   * When the measure counts other units than persons (households): the units a refresh of these persons
   * must recount, found before the summaries change; `cells` then gets those units as its scope.
   */
  units?(tx: Tx, mc: string, persons: readonly string[], changes: ChangeSet): Promise<string[]>;
  /** Whether the cells carry a `cents` column (grouped measures do, 0 unless they sum money). */
  cents?: boolean;
  cells(mc: string, scope: PersonScope, state: CubePeriodState, only: PeriodSet): RawBuilder<unknown>;
}

/** Which cells a grouped measure has besides the standard periods, and whether it sums money. */
export interface GroupedOptions {
  /** Breakdowns counted per standard period (default: all). */
  standard?: readonly string[];
  /** Breakdowns also counted per month (M… periods); the total always is when this is given. */
  monthly?: readonly string[];
  /** Breakdowns also counted from January up to each month (T… periods); likewise. */
  throughMonth?: readonly string[];
  /** Sum the facts' `amount` into `cents`: along with the persons, or only (persons stay 0). */
  amounts?: 'with-persons' | 'only';
  /** Count fact rows (each row a distinct thing, e.g. a decision) instead of distinct units. */
  rows?: boolean;
}

/**
 * A measure over facts of one person-grain summary: one row per fact with the person (to refresh per
 * person), the unit counted distinctly, the year and its month mask (bits 1..12), the law and age group
 * the cube filters on, what the breakdowns are made of (`breakdowns`: code → SQL over alias `f`) and, for
 * money, the `amount`. Each grouping set is a filter (none, law, age group, both) with at most one breakdown;
 * the inner aggregate keeps one row per counted unit and cell (or counts the rows, with `rows`), the outer
 * one counts (and sums) them.
 */
export function groupedMeasure(
  code: string,
  facts: (mc: string, scope: PersonScope) => RawBuilder<unknown>,
  breakdowns: Record<string, string>,
  options: GroupedOptions = {},
): CubeMeasure {
  const codes = Object.keys(breakdowns);
  const select = codes.map((c, i) => `, (${breakdowns[c]!})::text AS b${i}`).join('');
  const cents = options.amounts ? 'sum(amount)' : '0';
  const persons = options.amounts === 'only' ? '0' : 'sum(n)::int';
  const unit = options.rows ? '' : 'unit, ';
  const n = options.rows ? 'count(*)' : '1';
  const cellsOf = (source: string, counted: readonly string[]) => {
    const used = counted.map((c) => ({ c, column: `b${codes.indexOf(c)}` }));
    const filters = [[], ['law_code'], ['age_group'], ['law_code', 'age_group']];
    const sets = filters.flatMap((f) => [f, ...used.map((u) => [...f, u.column])]);
    const groupingSets = sets.map((set) => `(${set.join(', ')})`).join(', ');
    const breakdownCase = used.length
      ? `CASE ${used.map((u) => `WHEN g_${u.column} = 0 THEN '${u.c}'`).join(' ')} ELSE 'total' END`
      : `'total'`;
    const keyCase = used.length
      ? `coalesce(CASE ${used.map((u) => `WHEN g_${u.column} = 0 THEN ${u.column}`).join(' ')} END, '')`
      : `''`;
    const groupings = used.map((u) => `, GROUPING(${u.column}) AS g_${u.column}, ${u.column}`).join('');
    return `
      SELECT period, CASE WHEN gl = 1 THEN '*' ELSE coalesce(law_code, '') END AS law_code,
        CASE WHEN ga = 1 THEN '*' ELSE coalesce(age_group, '') END AS age_group,
        ${breakdownCase} AS breakdown, ${keyCase} AS key, ${persons} AS persons, sum(cents)::bigint AS cents
      FROM (
        SELECT period, GROUPING(law_code) AS gl, GROUPING(age_group) AS ga, law_code, age_group${groupings},
          ${n} AS n, ${cents} AS cents
        FROM ${source} GROUP BY period, ${unit}GROUPING SETS (${groupingSets})) p
      GROUP BY 1, 2, 3, 4, 5`;
  };
  const extra = [
    { name: 'rm', of: monthsOfFact, breakdowns: options.monthly },
    { name: 'rt', of: throughMonthsOfFact, breakdowns: options.throughMonth },
  ].filter((e) => e.breakdowns !== undefined);
  return {
    code,
    cents: true,
    cells: (mc, scope, state, only) => {
      const parts = only === 'all' ? extra : [];
      const ctes = parts.map(
        (e) =>
          sql`, ${sql.raw(e.name)} AS (SELECT f.*${sql.raw(select)}, pm.period FROM f
            CROSS JOIN LATERAL ${e.of(state, sql`f.year`, sql`f.months`, only)} pm)`,
      );
      const unions = parts.map((e) => sql.raw(`UNION ALL ${cellsOf(e.name, e.breakdowns!)}`));
      return sql`
        WITH f AS (${facts(mc, scope)}),
        r AS (SELECT f.*${sql.raw(select)}, pr.period FROM f
          CROSS JOIN LATERAL ${periodsOfFact(state, sql`f.year`, sql`f.months`, only)} pr)
        ${sql.join(ctes, sql``)}
        ${sql.raw(cellsOf('r', options.standard ?? codes))}
        ${sql.join(unions, sql` `)}`;
    },
  };
}

const clientFacts = (maatwerkOnly: boolean) => (mc: string, scope: PersonScope) => sql`
  SELECT person_id, person_id AS unit, year::int AS year, months, law_code, age_group, service_kind,
    service_id, provider_id, wijk_code
  FROM dash_client_year
  WHERE municipality_code = ${mc} AND ${inScope('person_id', scope)}
    ${maatwerkOnly ? sql`AND service_kind = 'maatwerk'` : sql``}`;

const CLIENT_BREAKDOWNS = {
  law: 'f.law_code',
  kind: 'f.service_kind',
  service: "f.service_id::text || ':' || f.service_kind",
  provider: 'f.provider_id::text',
  wijk: 'f.wijk_code',
  ageGroup: 'f.age_group',
};

/** Volumes: unique clients (all support, and maatwerk only) from dash_client_year. */
export const CLIENTS = groupedMeasure('clients', clientFacts(false), CLIENT_BREAKDOWNS);
export const MAATWERK_CLIENTS = groupedMeasure('clients-maatwerk', clientFacts(true), CLIENT_BREAKDOWNS);

/**
 * Pyramid and Wijk-DNA: persons with support (algemeen and maatwerk) from dash_mix_support (bit 0 = January);
 * per layer also per month, for the pyramid's series.
 */
export const SUPPORT = groupedMeasure(
  'support',
  (mc, scope) => sql`
    SELECT person_id, person_id AS unit, year::int AS year, months << 1 AS months, law_code, age_group, layer,
      wijk_code, buurt_code
    FROM dash_mix_support WHERE municipality_code = ${mc} AND ${inScope('person_id', scope)}`,
  {
    layer: 'f.layer',
    wijk: 'f.wijk_code',
    buurt: 'f.buurt_code',
    wijkLayer: "coalesce(f.wijk_code, '') || ':' || f.layer",
  },
  { monthly: ['layer'] },
);

const intakeFacts = (problemsOnly: boolean) => (mc: string, scope: PersonScope) => sql`
  SELECT person_id, person_id AS unit, extract(year FROM assessed_on)::int AS year,
    1 << extract(month FROM assessed_on)::int AS months, law_code, age_group, life_domain_code
  FROM dash_mix_domain_score
  WHERE municipality_code = ${mc} AND measurement = 'intake' AND ${inScope('person_id', scope)}
    ${problemsOnly ? sql`AND score <= 2` : sql``}`;

/** Wijk-DNA: persons with an intake, and persons with problems (score 1–2) per life domain at intake. */
export const INTAKE = groupedMeasure('intake', intakeFacts(false), {});
export const INTAKE_PROBLEMS = groupedMeasure('intake-problems', intakeFacts(true), {
  lifeDomain: 'f.life_domain_code',
});
