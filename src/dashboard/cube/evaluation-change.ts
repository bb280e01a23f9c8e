import { sql } from 'kysely';
import { inScope } from '../volumes/summary-sql.ts';
import type { CubeMeasure } from './cube-measures.ts';
import { periodsOfFact } from './cube-period.ts';

/**
 * Effects: per life domain the latest evaluation of each person in the period (within the filter cell: a
 * law, an age group) that has a baseline intake score — `evaluated` (persons), `scoreSum` and
 * `baselineSum` (sums of their scores), from which the view computes the mean scores and the change.
 * Each person adds one evaluation per domain and cell, so the cells add up over persons.
 */
export const EVALUATION_CHANGE: CubeMeasure = {
  code: 'evaluation-change',
  cells: (mc, scope, state, only) => sql`
    WITH f AS (
      SELECT person_id, id, assessed_on, extract(year FROM assessed_on)::int AS year,
        1 << extract(month FROM assessed_on)::int AS months, life_domain_code, score, baseline_score,
        law_code, age_group
      FROM dash_mix_domain_score
      WHERE municipality_code = ${mc} AND measurement = 'evaluatie' AND baseline_score IS NOT NULL
        AND ${inScope('person_id', scope)}),
    r AS (
      SELECT pr.period, CASE WHEN c.by_law THEN coalesce(f.law_code, '') ELSE '*' END AS law_key,
        CASE WHEN c.by_age THEN f.age_group ELSE '*' END AS age_key, f.person_id, f.life_domain_code,
        f.assessed_on, f.id, f.score, f.baseline_score
      FROM f CROSS JOIN LATERAL ${periodsOfFact(state, sql`f.year`, sql`f.months`, only)} pr
      CROSS JOIN (VALUES (false, false), (true, false), (false, true), (true, true)) AS c(by_law, by_age)),
    latest AS (
      SELECT DISTINCT ON (period, law_key, age_key, person_id, life_domain_code)
        period, law_key, age_key, life_domain_code, score, baseline_score
      FROM r ORDER BY period, law_key, age_key, person_id, life_domain_code, assessed_on DESC, id DESC)
    SELECT period, law_key AS law_code, age_key AS age_group, v.breakdown, life_domain_code AS key,
      sum(v.n)::int AS persons
    FROM latest
    CROSS JOIN LATERAL (VALUES ('evaluated', 1), ('scoreSum', score::int), ('baselineSum', baseline_score::int))
      AS v(breakdown, n)
    GROUP BY 1, 2, 3, 4, 5`,
};
