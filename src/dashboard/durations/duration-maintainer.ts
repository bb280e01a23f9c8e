import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { ChangeSet, SummaryMaintainer } from '../view-model.ts';
import { ageGroupOnNewYear, inScope, personAreaCte, personScope } from '../volumes/summary-sql.ts';

/**
 * Keeps dash_duration: one row per toewijzing that is not withdrawn, with the client's buurt on the start
 * date and age group on 1 January of the start year. Per batch: only the persons in the change set.
 */
export const durationMaintainer: SummaryMaintainer = {
  name: 'durations.trajectories',
  async refresh(tx: Tx, municipalityCode: string, changes: ChangeSet): Promise<void> {
    const scope = await personScope(tx, municipalityCode, changes);
    if (scope !== null && scope.length === 0) return;
    const mc = municipalityCode;
    await sql`DELETE FROM dash_duration WHERE municipality_code = ${mc} AND ${inScope('person_id', scope)}`.execute(
      tx,
    );
    await sql`
      WITH person_area AS (${personAreaCte(mc, scope)})
      INSERT INTO dash_duration (municipality_code, toewijzing_id, person_id, law_code, service_id, provider_id,
        wijk_code, buurt_code, age_group, start_date, end_date)
      SELECT ${mc}, t.id, t.person_id, t.law_code, t.service_id, t.provider_id, pa.wijk_code, pa.buurt_code,
        ${ageGroupOnNewYear('p.birth_date', 't.start_date')}, t.start_date, t.end_date
      FROM toewijzing t
      JOIN person p ON p.municipality_code = t.municipality_code AND p.id = t.person_id
      LEFT JOIN person_area pa ON pa.person_id = t.person_id AND t.start_date BETWEEN pa.area_from AND pa.area_until
      WHERE t.municipality_code = ${mc} AND t.status <> 'ingetrokken' AND ${inScope('t.person_id', scope)}`.execute(
      tx,
    );
  },
};
