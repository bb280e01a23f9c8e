import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import { ageGroupSql, type ChangeSet } from '../view-model.ts';

/**
 * What the mix maintainers (pyramid, overlap, effects, wijk-DNA) share: which persons a change touches,
 * and how a person's household and address at a date are found.
 */

/**
 * Persons whose summary rows may change: the changed persons, everyone who is or was a member of a changed
 * household (their address may have moved), and persons whose rows point at a changed household. Null for a
 * full rebuild.
 */
export async function affectedPersons(
  tx: Tx,
  municipalityCode: string,
  changes: ChangeSet,
  rowsTable: 'dash_mix_support' | 'dash_mix_question' | 'dash_mix_domain_score' | 'dash_mix_youth_referral',
): Promise<string[] | null> {
  if (changes.full) return null;
  const persons = new Set(changes.personIds);
  if (changes.householdIds.length > 0) {
    const households = uuidArray(changes.householdIds);
    const pointing =
      rowsTable === 'dash_mix_domain_score' || rowsTable === 'dash_mix_youth_referral'
        ? sql``
        : sql`UNION SELECT person_id FROM ${sql.table(rowsTable)}
              WHERE municipality_code = ${municipalityCode} AND household_id = ANY(${households}) AND person_id IS NOT NULL`;
    const { rows } = await sql<{ person_id: string }>`
      SELECT person_id FROM household_member
      WHERE municipality_code = ${municipalityCode} AND household_id = ANY(${households})
      UNION SELECT person_id FROM help_question
      WHERE municipality_code = ${municipalityCode} AND household_id = ANY(${households}) AND person_id IS NOT NULL
      ${pointing}`.execute(tx);
    for (const r of rows) persons.add(r.person_id);
  }
  return [...persons];
}

export function uuidArray(ids: readonly string[]): RawBuilder<string[]> {
  return sql`${ids}::uuid[]`;
}

/** `alias.person_id = ANY(…)` for an incremental refresh, TRUE for a full one. */
export function personFilter(column: string, persons: string[] | null): RawBuilder<boolean> {
  return persons === null ? sql`TRUE` : sql`${sql.ref(column)} = ANY(${uuidArray(persons)})`;
}

/**
 * A lateral join that finds the household (and its buurt and wijk) a person belonged to on a date: the
 * membership valid on that date, else the latest one (only where `onlyWhen` holds). Exposes `home.household_id`, `home.buurt_code`,
 * `home.wijk_code`.
 */
export function homeAt(
  municipalityCode: string,
  personColumn: string,
  dateExpression: RawBuilder<unknown>,
  onlyWhen: RawBuilder<unknown> = sql`TRUE`,
) {
  return sql`LEFT JOIN LATERAL (
      SELECT hm.household_id, a.buurt_code, b.wijk_code
      FROM household_member hm
      JOIN household h ON h.municipality_code = hm.municipality_code AND h.id = hm.household_id
      JOIN address a ON a.municipality_code = h.municipality_code AND a.id = h.address_id
      JOIN buurt b ON b.municipality_code = a.municipality_code AND b.code = a.buurt_code
      WHERE ${onlyWhen} AND hm.municipality_code = ${municipalityCode} AND hm.person_id = ${sql.ref(personColumn)}
      ORDER BY (hm.valid_from <= ${dateExpression} AND (hm.valid_until IS NULL OR hm.valid_until >= ${dateExpression})) DESC,
        hm.valid_from DESC
      LIMIT 1) home ON TRUE`;
}

/**
 * The area of a known household: `hh_area.buurt_code`, `hh_area.wijk_code`. `perRow` (an incremental refresh
 * of a few rows) keeps it a lookup by primary key per row: without the LIMIT the planner flattens the lateral
 * into a hash join that reads every household and address of the municipality, which suits a full rebuild.
 */
export function householdArea(municipalityCode: string, householdColumn: string, perRow = false) {
  return sql`LEFT JOIN LATERAL (
      SELECT a.buurt_code, b.wijk_code
      FROM household h
      JOIN address a ON a.municipality_code = h.municipality_code AND a.id = h.address_id
      JOIN buurt b ON b.municipality_code = a.municipality_code AND b.code = a.buurt_code
      WHERE h.municipality_code = ${municipalityCode} AND h.id = ${sql.ref(householdColumn)}
      ${perRow ? sql`LIMIT 1` : sql``}) hh_area ON TRUE`;
}

/** Age group on 1 January of the year of `dateExpression` (SQL text). */
export function ageGroupOnJanuaryFirst(birthColumn: string, dateExpression: string): RawBuilder<string> {
  return sql<string>`${sql.raw(ageGroupSql(birthColumn, `date_trunc('year', ${dateExpression})::date`))}`;
}
