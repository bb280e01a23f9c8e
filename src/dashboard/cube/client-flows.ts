import { sql } from 'kysely';
import { inScope } from '../volumes/summary-sql.ts';
import type { CubeMeasure } from './cube-measures.ts';
import { monthsOfFact, periodsOfFact } from './cube-period.ts';

/**
 * Volumes per month (maatwerk, as the volumes view counts without a service filter), from dash_client_year:
 * - `active` per law: persons with support in the month (month periods M…);
 * - `inflow` / `outflow`: persons whose support starts / ends in the month (month periods);
 * - `inflowPersons` / `outflowPersons`: persons with an inflow / outflow in any month of a standard period.
 * A person's months are first combined per year within the filter cell (all laws, one law, an age group),
 * so moving from one law to another is an inflow only when the cell is that law. Every row counts one
 * person once, so the cells add up over persons.
 */
export const CLIENT_FLOWS: CubeMeasure = {
  code: 'client-flows',
  cells: (mc, scope, state, only) => sql`
    WITH f AS (
      SELECT person_id, year::int AS year, months, law_code, age_group FROM dash_client_year
      WHERE municipality_code = ${mc} AND service_kind = 'maatwerk' AND ${inScope('person_id', scope)}),
    per_law AS (
      SELECT year, person_id, law_code, GROUPING(age_group) AS ga, age_group, bit_or(months) AS m
      FROM f GROUP BY year, person_id, law_code, GROUPING SETS ((), (age_group))),
    per_cell AS (
      SELECT year, person_id, GROUPING(law_code) AS gl, GROUPING(age_group) AS ga, law_code, age_group,
        bit_or(months) & ~(bit_or(months) << 1) AS inflow, bit_or(months) & ~(bit_or(months) >> 1) AS outflow
      FROM f GROUP BY year, person_id, GROUPING SETS ((), (law_code), (age_group), (law_code, age_group))),
    cells AS (
      SELECT mp.period, CASE WHEN cell_law THEN a.law_code ELSE '*' END AS law_code,
        CASE WHEN a.ga = 1 THEN '*' ELSE a.age_group END AS age_group, 'active' AS breakdown, a.law_code AS key
      FROM per_law a CROSS JOIN (VALUES (true), (false)) AS v(cell_law)
      CROSS JOIN LATERAL ${monthsOfFact(state, sql`a.year`, sql`a.m`, only)} mp
      UNION ALL
      SELECT mp.period, CASE WHEN c.gl = 1 THEN '*' ELSE c.law_code END, CASE WHEN c.ga = 1 THEN '*' ELSE c.age_group END,
        e.breakdown, ''
      FROM per_cell c CROSS JOIN LATERAL (VALUES ('inflow', c.inflow), ('outflow', c.outflow)) AS e(breakdown, bits)
      CROSS JOIN LATERAL ${monthsOfFact(state, sql`c.year`, sql`e.bits`, only)} mp),
    persons AS (
      SELECT DISTINCT sp.period, CASE WHEN c.gl = 1 THEN '*' ELSE c.law_code END AS law_code,
        CASE WHEN c.ga = 1 THEN '*' ELSE c.age_group END AS age_group, e.breakdown, c.person_id
      FROM per_cell c
      CROSS JOIN LATERAL (VALUES ('inflowPersons', c.inflow), ('outflowPersons', c.outflow)) AS e(breakdown, bits)
      CROSS JOIN LATERAL ${periodsOfFact(state, sql`c.year`, sql`e.bits`, only)} sp)
    SELECT period, law_code, age_group, breakdown, key, count(*)::int AS persons
    FROM cells GROUP BY 1, 2, 3, 4, 5
    UNION ALL
    SELECT period, law_code, age_group, breakdown, '', count(*)::int FROM persons GROUP BY 1, 2, 3, 4`,
};
