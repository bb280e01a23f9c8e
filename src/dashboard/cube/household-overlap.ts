import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import { uuidArray } from '../pyramid/fact-scope.ts';
import { LAW_CODES, type LawCode } from '../view-model.ts';
import { inScope } from '../volumes/summary-sql.ts';
import type { CubeMeasure } from './cube-measures.ts';
import { periodsOfFact } from './cube-period.ts';

/** The bit of each law in a combination of laws (the overlap view's key). */
export const LAW_BIT: Record<LawCode, number> = { wmo: 1, jeugdwet: 2, participatiewet: 4, schuldhulp: 8 };

/** SQL: the combination of laws (bits) of the rows aggregated, from their `column` of law codes. */
export const lawBits = (column: string) =>
  sql<number>`bit_or(CASE ${sql.ref(column)} ${sql.join(
    LAW_CODES.map((law) => sql`WHEN ${sql.lit(law)} THEN ${sql.lit(LAW_BIT[law])}`),
    sql` `,
  )} ELSE 0 END)`;

/**
 * Overlap: households with support (dash_mix_support), counted per standard period once each, as the overlap
 * view counts them. A household is in the cell of a law (an age group) when any of its support in the period
 * is under that law (for a member of that age group); its breakdowns are over all its support in the period:
 * - `laws`: the combination of laws as bits (wmo 1, jeugdwet 2, participatiewet 4, schuldhulp 8);
 * - `wijk`: the lowest wijk code among its support (the view's map key);
 * - `multi`, `lawsMulti`, `wijkMulti`: the same for households with at least two distinct services.
 * The unit is the household, so a refresh recounts whole households: `units` turns the changed persons into
 * every household their support was or will be counted under (taken before the summaries change).
 */
export const HOUSEHOLD_OVERLAP: CubeMeasure = {
  code: 'household-overlap',
  units: async (tx: Tx, mc: string, persons: readonly string[]) => {
    const ids = uuidArray([...persons]);
    const { rows } = await sql<{ household_id: string }>`
      SELECT household_id FROM dash_mix_support
      WHERE municipality_code = ${mc} AND person_id = ANY(${ids}) AND household_id IS NOT NULL
      UNION SELECT household_id FROM household_member WHERE municipality_code = ${mc} AND person_id = ANY(${ids})
      UNION SELECT household_id FROM help_question
      WHERE municipality_code = ${mc} AND person_id = ANY(${ids}) AND household_id IS NOT NULL`.execute(tx);
    return rows.map((r) => r.household_id);
  },
  cells: (mc, scope, state, only) => sql`
    WITH f AS (
      SELECT household_id, year::int AS year, months << 1 AS months, law_code, age_group, service_id, wijk_code
      FROM dash_mix_support
      WHERE municipality_code = ${mc} AND household_id IS NOT NULL AND ${inScope('household_id', scope)}),
    hh AS (
      SELECT pr.period, f.household_id,
        ${lawBits('f.law_code')} AS laws,
        count(DISTINCT f.service_id) >= 2 AS multi, min(f.wijk_code) AS wijk,
        array_agg(DISTINCT f.law_code) AS law_codes, array_agg(DISTINCT f.age_group) AS age_groups
      FROM f CROSS JOIN LATERAL ${periodsOfFact(state, sql`f.year`, sql`f.months`, only)} pr
      GROUP BY pr.period, f.household_id),
    cells AS (
      SELECT hh.period, l.law_code, a.age_group, e.breakdown, e.key
      FROM hh
      CROSS JOIN LATERAL (SELECT '*' AS law_code UNION ALL SELECT unnest(hh.law_codes)) l
      CROSS JOIN LATERAL (SELECT '*' AS age_group UNION ALL SELECT unnest(hh.age_groups)) a
      CROSS JOIN LATERAL (VALUES ('total', '', true), ('laws', hh.laws::text, true),
        ('wijk', coalesce(hh.wijk, ''), true), ('multi', '', hh.multi), ('lawsMulti', hh.laws::text, hh.multi),
        ('wijkMulti', coalesce(hh.wijk, ''), hh.multi)) AS e(breakdown, key, counted)
      WHERE e.counted)
    SELECT period, law_code, age_group, breakdown, key, count(*)::int AS persons
    FROM cells GROUP BY 1, 2, 3, 4, 5`,
};
