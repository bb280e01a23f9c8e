import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { ChangeSet, SummaryMaintainer } from '../view-model.ts';
import {
  affectedPersons,
  ageGroupOnJanuaryFirst,
  homeAt,
  householdArea,
  personFilter,
} from './fact-scope.ts';

/**
 * dash_mix_support: one row per person × support record × calendar year with a bitmask of active months.
 * Support is (1) a toewijzing that is not withdrawn, (2) a granted beschikking product that has no toewijzing
 * (bijstand and the like, which no provider delivers), (3) a triage referral to an algemene voorziening
 * (a one-day contact, law wmo: algemene voorzieningen are a Wmo provision). Distinct persons and households
 * per period are then exact: group by person or household and OR the month masks.
 */
export async function refreshSupportFacts(
  tx: Tx,
  municipalityCode: string,
  changes: ChangeSet,
): Promise<void> {
  const persons = await affectedPersons(tx, municipalityCode, changes, 'dash_mix_support');
  if (persons !== null && persons.length === 0) return;
  const mc = municipalityCode;
  await sql`DELETE FROM dash_mix_support WHERE municipality_code = ${mc} AND ${personFilter('person_id', persons)}`.execute(
    tx,
  );
  // Open-ended support runs to the end of the current year.
  const openEnd = sql`make_date(extract(year FROM current_date)::int, 12, 31)`;
  const received = sql`(q.received_at AT TIME ZONE 'Europe/Amsterdam')::date`;
  // Inserted in year order, so one year's rows lie together on disk (a view reads one or a few years).
  await sql`
    WITH spans AS (
      SELECT t.person_id, s.kind AS layer, 'toewijzing' AS source, t.law_code, t.service_id, t.provider_id,
        t.start_date AS first_day, coalesce(t.end_date, ${openEnd}) AS last_day, NULL::uuid AS household_id
      FROM toewijzing t
      JOIN service s ON s.municipality_code = t.municipality_code AND s.id = t.service_id
      WHERE t.municipality_code = ${mc} AND t.status <> 'ingetrokken' AND ${personFilter('t.person_id', persons)}
      UNION ALL
      SELECT b.person_id, s.kind, 'beschikking', b.law_code, bp.service_id, NULL,
        bp.start_date, coalesce(bp.end_date, ${openEnd}), NULL
      FROM beschikking_product bp
      JOIN beschikking b ON b.municipality_code = bp.municipality_code AND b.id = bp.beschikking_id
      JOIN service s ON s.municipality_code = bp.municipality_code AND s.id = bp.service_id
      WHERE bp.municipality_code = ${mc} AND bp.outcome = 'toegekend' AND bp.start_date IS NOT NULL
        AND ${personFilter('b.person_id', persons)}
        AND NOT EXISTS (SELECT 1 FROM toewijzing t
          WHERE t.municipality_code = bp.municipality_code AND t.beschikking_product_id = bp.id)
      UNION ALL
      SELECT q.person_id, s.kind, 'verwijzing', 'wmo', tr.referred_service_id, NULL,
        ${received}, ${received}, q.household_id
      FROM help_question q
      JOIN triage tr ON tr.municipality_code = q.municipality_code AND tr.help_question_id = q.id
      JOIN service s ON s.municipality_code = tr.municipality_code AND s.id = tr.referred_service_id
      WHERE q.municipality_code = ${mc} AND q.person_id IS NOT NULL AND ${personFilter('q.person_id', persons)}
    ), years AS (
      SELECT sp.*, y.year,
        greatest(sp.first_day, make_date(y.year, 1, 1)) AS from_day,
        least(sp.last_day, make_date(y.year, 12, 31)) AS to_day
      FROM spans sp
      CROSS JOIN LATERAL generate_series(extract(year FROM sp.first_day)::int, extract(year FROM sp.last_day)::int) AS y(year)
      WHERE sp.last_day >= sp.first_day
    )
    INSERT INTO dash_mix_support (municipality_code, year, person_id, household_id, layer, source, law_code,
      service_id, provider_id, wijk_code, buurt_code, age_group, months)
    SELECT ${mc}, y.year, y.person_id, coalesce(y.household_id, home.household_id), y.layer, y.source, y.law_code,
      y.service_id, y.provider_id,
      coalesce(hh_area.wijk_code, home.wijk_code),
      coalesce(hh_area.buurt_code, home.buurt_code),
      ${ageGroupOnJanuaryFirst('p.birth_date', 'y.from_day')},
      ((1 << extract(month FROM y.to_day)::int) - 1) & ~((1 << (extract(month FROM y.from_day)::int - 1)) - 1)
    FROM years y
    JOIN person p ON p.municipality_code = ${mc} AND p.id = y.person_id
    ${homeAt(mc, 'y.person_id', sql`y.from_day`, sql`y.household_id IS NULL`)}
    ${householdArea(mc, 'y.household_id', persons !== null)}
    ORDER BY y.year, y.person_id`.execute(tx);
}

export const supportFactsMaintainer: SummaryMaintainer = {
  name: 'mix-support',
  refresh: refreshSupportFacts,
};
