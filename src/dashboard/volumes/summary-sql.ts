import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import { ageGroupSql, type ChangeSet } from '../view-model.ts';

/**
 * SQL shared by the maintainers of the volumes and durations summaries: which persons a refresh
 * covers, where a person lived on a given day, and the age group on 1 January.
 */

/** The persons a refresh rebuilds: null means everyone (a full rebuild). */
export type PersonScope = readonly string[] | null;

/** Changed persons plus everyone who is or was a member of a changed household. */
export async function personScope(
  tx: Tx,
  municipalityCode: string,
  changes: ChangeSet,
): Promise<PersonScope> {
  if (changes.full) return null;
  const persons = new Set(changes.personIds);
  if (changes.householdIds.length > 0) {
    const { rows } = await sql<{ person_id: string }>`
      SELECT DISTINCT person_id FROM household_member
      WHERE municipality_code = ${municipalityCode} AND household_id = ANY(${uuidArray(changes.householdIds)})`.execute(
      tx,
    );
    for (const row of rows) persons.add(row.person_id);
  }
  return [...persons].sort();
}

/** A uuid[] parameter that works the same on PGlite and node-postgres. */
export function uuidArray(ids: readonly string[]): RawBuilder<string[]> {
  return sql<string[]>`string_to_array(${ids.join(',')}, ',')::uuid[]`;
}

/** `column` is one of the scoped persons (always true for a full rebuild). */
export function inScope(column: string, scope: PersonScope): RawBuilder<boolean> {
  if (scope === null) return sql<boolean>`true`;
  return sql<boolean>`${sql.ref(column)} = ANY(${uuidArray(scope)})`;
}

/**
 * CTE body: for every person in scope, the periods in which each household membership is "the address at
 * the time". A membership counts from its valid_from until the day before the next membership starts; the
 * first one also covers everything before it and the last one everything after (a person who moved out of
 * the municipality keeps their last address). So every day maps to exactly one buurt, also for support
 * that starts a few days before a registered move-in.
 */
export function personAreaCte(municipalityCode: string, scope: PersonScope): RawBuilder<unknown> {
  return sql`
    SELECT hm.person_id, a.buurt_code, bu.wijk_code,
      CASE WHEN row_number() OVER w = 1 THEN DATE '0001-01-01' ELSE hm.valid_from END AS area_from,
      coalesce(lead(hm.valid_from) OVER w - 1, DATE '9999-12-31') AS area_until
    FROM household_member hm
    JOIN household h ON h.municipality_code = hm.municipality_code AND h.id = hm.household_id
    JOIN address a ON a.municipality_code = h.municipality_code AND a.id = h.address_id
    JOIN buurt bu ON bu.municipality_code = a.municipality_code AND bu.code = a.buurt_code
    WHERE hm.municipality_code = ${municipalityCode} AND ${inScope('hm.person_id', scope)}
    WINDOW w AS (PARTITION BY hm.person_id ORDER BY hm.valid_from, hm.household_id)`;
}

/** Age group of `birthColumn` on 1 January of the year of `dateExpression` (both SQL). */
export function ageGroupOnNewYear(birthColumn: string, dateExpression: string): RawBuilder<string> {
  return sql<string>`${sql.raw(ageGroupSql(birthColumn, `date_trunc('year', ${dateExpression})::date`))}`;
}

/**
 * Open-ended support (no end date) counts as running until the end of next year: far enough for every
 * current figure, bounded so the month grain stays finite.
 */
export function openEndSql(startColumn: string): string {
  return `make_date(extract(year FROM greatest(current_date, ${startColumn}))::int + 1, 12, 31)`;
}
