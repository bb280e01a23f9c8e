import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { ChangeSet, SummaryMaintainer } from '../view-model.ts';
import { ageGroupOnNewYear, inScope, personAreaCte, personScope, type PersonScope } from './summary-sql.ts';

/**
 * Keeps dash_legal_decision (one row per beschikking, with the dates of its melding) and
 * dash_legal_melding (one row per melding, with its clocks), each with the person's buurt on the day and
 * age group on 1 January. Per batch: only the persons in the change set are rebuilt.
 */
export const legalTermMaintainer: SummaryMaintainer = {
  name: 'volumes.legal-terms',
  async refresh(tx: Tx, municipalityCode: string, changes: ChangeSet): Promise<void> {
    const scope = await personScope(tx, municipalityCode, changes);
    if (scope !== null && scope.length === 0) return;
    for (const table of ['dash_legal_decision', 'dash_legal_melding']) {
      await sql`DELETE FROM ${sql.table(table)} WHERE municipality_code = ${municipalityCode} AND ${inScope('person_id', scope)}`.execute(
        tx,
      );
    }
    await rebuildDecisions(tx, municipalityCode, scope);
    await rebuildMeldingen(tx, municipalityCode, scope);
  },
};

async function rebuildDecisions(tx: Tx, mc: string, scope: PersonScope): Promise<void> {
  await sql`
    WITH person_area AS (${personAreaCte(mc, scope)})
    INSERT INTO dash_legal_decision (municipality_code, beschikking_id, person_id, law_code, outcome, decided_on,
      melded_on, decision_due_on, wijk_code, buurt_code, age_group)
    SELECT ${mc}, b.id, b.person_id, b.law_code, b.outcome, b.decided_on, m.melded_on, m.decision_due_on,
      pa.wijk_code, pa.buurt_code, ${ageGroupOnNewYear('p.birth_date', 'b.decided_on')}
    FROM beschikking b
    JOIN person p ON p.municipality_code = b.municipality_code AND p.id = b.person_id
    LEFT JOIN melding m ON m.municipality_code = b.municipality_code AND m.id = b.melding_id
    LEFT JOIN person_area pa ON pa.person_id = b.person_id AND b.decided_on BETWEEN pa.area_from AND pa.area_until
    WHERE b.municipality_code = ${mc} AND ${inScope('b.person_id', scope)}`.execute(tx);
}

async function rebuildMeldingen(tx: Tx, mc: string, scope: PersonScope): Promise<void> {
  await sql`
    WITH person_area AS (${personAreaCte(mc, scope)})
    INSERT INTO dash_legal_melding (municipality_code, melding_id, person_id, law_code, melded_on, aanvraag_on,
      investigation_due_on, decision_due_on, closed_on, wijk_code, buurt_code, age_group)
    SELECT ${mc}, m.id, m.person_id, m.law_code, m.melded_on, m.aanvraag_on, m.investigation_due_on,
      m.decision_due_on, m.closed_on, pa.wijk_code, pa.buurt_code, ${ageGroupOnNewYear('p.birth_date', 'm.melded_on')}
    FROM melding m
    JOIN person p ON p.municipality_code = m.municipality_code AND p.id = m.person_id
    LEFT JOIN person_area pa ON pa.person_id = m.person_id AND m.melded_on BETWEEN pa.area_from AND pa.area_until
    WHERE m.municipality_code = ${mc} AND ${inScope('m.person_id', scope)}`.execute(tx);
}
