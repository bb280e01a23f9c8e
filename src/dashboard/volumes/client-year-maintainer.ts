import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { ChangeSet, SummaryMaintainer } from '../view-model.ts';
import {
  ageGroupOnNewYear,
  inScope,
  openEndSql,
  personAreaCte,
  personScope,
  type PersonScope,
} from './summary-sql.ts';

/**
 * Keeps dash_client_year: per person, year, law, service, provider, buurt and age group a bit mask of the
 * months with support. Support is
 * - a toewijzing (maatwerk) that is not withdrawn, from its start to its (planned) end;
 * - a granted beschikking product for a maatwerk service without a funding variant and without a
 *   toewijzing: a benefit the municipality pays itself (bijstand);
 * - a referral to an algemene voorziening at triage (help question with a person), on the day received.
 * Each support period is cut where the person's address changes, so every month is attributed to the
 * buurt the person lived in then. Per batch: only the persons in the change set are rebuilt.
 */
export const clientYearMaintainer: SummaryMaintainer = {
  name: 'volumes.client-year',
  async refresh(tx: Tx, municipalityCode: string, changes: ChangeSet): Promise<void> {
    const scope = await personScope(tx, municipalityCode, changes);
    if (scope !== null && scope.length === 0) return;
    await sql`DELETE FROM dash_client_year WHERE municipality_code = ${municipalityCode} AND ${inScope('person_id', scope)}`.execute(
      tx,
    );
    await rebuild(tx, municipalityCode, scope);
  },
};

async function rebuild(tx: Tx, mc: string, scope: PersonScope): Promise<void> {
  const dims = sql.raw('person_id, law_code, service_id, service_kind, provider_id, wijk_code, buurt_code');
  await sql`
    WITH person_area AS (${personAreaCte(mc, scope)}),
    spans AS (
      SELECT t.person_id, t.law_code, t.service_id, 'maatwerk'::text AS service_kind, t.provider_id,
        t.start_date AS s, coalesce(t.end_date, ${sql.raw(openEndSql('t.start_date'))}) AS e
      FROM toewijzing t
      WHERE t.municipality_code = ${mc} AND t.status <> 'ingetrokken' AND ${inScope('t.person_id', scope)}
      UNION ALL
      SELECT b.person_id, b.law_code, bp.service_id, 'maatwerk', NULL::uuid,
        bp.start_date, coalesce(bp.end_date, ${sql.raw(openEndSql('bp.start_date'))})
      FROM beschikking_product bp
      JOIN beschikking b ON b.municipality_code = bp.municipality_code AND b.id = bp.beschikking_id
      JOIN service s ON s.municipality_code = bp.municipality_code AND s.id = bp.service_id
      WHERE bp.municipality_code = ${mc} AND bp.outcome = 'toegekend' AND bp.start_date IS NOT NULL
        AND s.kind = 'maatwerk' AND s.funding_variant IS NULL AND ${inScope('b.person_id', scope)}
        AND NOT EXISTS (SELECT 1 FROM toewijzing t
          WHERE t.municipality_code = bp.municipality_code AND t.beschikking_product_id = bp.id)
      UNION ALL
      SELECT hq.person_id, s.law_code, tr.referred_service_id, s.kind, NULL::uuid, d.day, d.day
      FROM triage tr
      JOIN help_question hq ON hq.municipality_code = tr.municipality_code AND hq.id = tr.help_question_id
      JOIN service s ON s.municipality_code = tr.municipality_code AND s.id = tr.referred_service_id
      CROSS JOIN LATERAL (SELECT (hq.received_at AT TIME ZONE 'Europe/Amsterdam')::date AS day) d
      WHERE tr.municipality_code = ${mc} AND tr.referred_service_id IS NOT NULL AND hq.person_id IS NOT NULL
        AND ${inScope('hq.person_id', scope)}
    ),
    pieces AS (
      SELECT sp.person_id, sp.law_code, sp.service_id, sp.service_kind, sp.provider_id, pa.wijk_code, pa.buurt_code,
        greatest(sp.s, coalesce(pa.area_from, sp.s)) AS s, least(sp.e, coalesce(pa.area_until, sp.e)) AS e
      FROM spans sp
      LEFT JOIN person_area pa ON pa.person_id = sp.person_id AND pa.area_from <= sp.e AND pa.area_until >= sp.s
      WHERE sp.e >= sp.s
    ),
    months AS MATERIALIZED (
      SELECT ${dims}, extract(year FROM m)::int AS y, extract(month FROM m)::int AS mo
      FROM pieces, generate_series(date_trunc('month', pieces.s::timestamp), pieces.e::timestamp, interval '1 month') AS m
    ),
    bits AS (
      SELECT ${dims}, y, 1 << mo AS bit FROM months
      UNION ALL SELECT ${dims}, y + 1, 1 FROM months WHERE mo = 12
      UNION ALL SELECT ${dims}, y - 1, 1 << 13 FROM months WHERE mo = 1
    )
    INSERT INTO dash_client_year
      (municipality_code, year, person_id, law_code, service_id, service_kind, provider_id, wijk_code, buurt_code, age_group, months)
    SELECT ${mc}, b.y, b.person_id, b.law_code, b.service_id, b.service_kind, b.provider_id, b.wijk_code, b.buurt_code,
      ${ageGroupOnNewYear('p.birth_date', 'make_date(b.y, 1, 1)')}, bit_or(b.bit)
    FROM bits b
    JOIN person p ON p.municipality_code = ${mc} AND p.id = b.person_id
    GROUP BY b.y, b.person_id, b.law_code, b.service_id, b.service_kind, b.provider_id, b.wijk_code, b.buurt_code, p.birth_date`.execute(
    tx,
  );
}
