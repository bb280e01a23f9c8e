import { sql } from 'kysely';
import { inScope } from '../volumes/summary-sql.ts';
import { groupedMeasure, type CubeMeasure } from './cube-measures.ts';
import { periodEnds } from './cube-period.ts';

/**
 * Legal terms in the count cube (the volumes view): decisions and meldingen are counted as rows, per law and
 * age group as the view filters them.
 */

/**
 * Decisions by the day they were taken: in total and per outcome, with a melding, with a legal term, on time,
 * and per number of days from melding to decision (the histogram the median is read from).
 */
export const LEGAL_DECISIONS = groupedMeasure(
  'legal-decisions',
  (mc, scope) => sql`
    SELECT person_id, NULL::uuid AS unit, extract(year FROM decided_on)::int AS year,
      1 << extract(month FROM decided_on)::int AS months, law_code, age_group, outcome, decided_on, melded_on,
      decision_due_on
    FROM dash_legal_decision WHERE municipality_code = ${mc} AND ${inScope('person_id', scope)}`,
  {
    outcome: 'f.outcome',
    melding: "CASE WHEN f.melded_on IS NOT NULL THEN '1' END",
    term: "CASE WHEN f.decision_due_on IS NOT NULL THEN '1' END",
    onTime: "CASE WHEN f.decided_on <= f.decision_due_on THEN '1' END",
    days: 'f.decided_on - f.melded_on',
  },
  { rows: true },
);

/** Meldingen by the day they were received. */
export const LEGAL_MELDINGEN = groupedMeasure(
  'legal-meldingen',
  (mc, scope) => sql`
    SELECT person_id, NULL::uuid AS unit, extract(year FROM melded_on)::int AS year,
      1 << extract(month FROM melded_on)::int AS months, law_code, age_group
    FROM dash_legal_melding WHERE municipality_code = ${mc} AND ${inScope('person_id', scope)}`,
  {},
  { rows: true },
);

/**
 * Meldingen still open on the last day of a standard period and past their running term then (the decision
 * term once the aanvraag is in, else the investigation term), as the volumes view counts them.
 */
export const LEGAL_OPEN_PAST_TERM: CubeMeasure = {
  code: 'legal-open-past-term',
  cells: (mc, scope, state, only) => {
    const ends = periodEnds(state, only).map((e) => sql`(${e.period}::text, ${e.day}::date)`);
    return sql`
      WITH e(period, day) AS (VALUES ${sql.join(ends)}),
      f AS (
        SELECT law_code, age_group, melded_on, aanvraag_on, investigation_due_on, decision_due_on, closed_on
        FROM dash_legal_melding WHERE municipality_code = ${mc} AND ${inScope('person_id', scope)}),
      x AS (
        SELECT e.period, f.law_code, f.age_group FROM f JOIN e ON f.melded_on <= e.day
          AND coalesce(f.closed_on, DATE '9999-12-31') > e.day
          AND CASE WHEN f.decision_due_on IS NOT NULL AND (f.aanvraag_on IS NULL OR f.aanvraag_on <= e.day)
            THEN f.decision_due_on ELSE f.investigation_due_on END < e.day)
      SELECT period, CASE WHEN GROUPING(law_code) = 1 THEN '*' ELSE law_code END AS law_code,
        CASE WHEN GROUPING(age_group) = 1 THEN '*' ELSE age_group END AS age_group,
        'total' AS breakdown, '' AS key, count(*)::int AS persons
      FROM x GROUP BY period, GROUPING SETS ((), (law_code), (age_group), (law_code, age_group))`;
  },
};
