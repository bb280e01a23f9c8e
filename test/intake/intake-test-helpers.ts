import { sql } from 'kysely';
import type { Database } from '../../src/platform/db/database.ts';

/** Shared bits of the intake route tests (not a test file itself). */

export const INTAKE_TABLES = [
  'person',
  'address',
  'household',
  'household_member',
  'help_question',
  'intake',
  'life_domain_score',
  'triage',
  'melding',
  'legal_clock_suspension',
  'questionnaire',
  'questionnaire_version',
] as const;

export type IntakeTable = (typeof INTAKE_TABLES)[number];

/** Row counts of the intake tables (as the owner: every municipality). */
export async function rowCounts(database: Database): Promise<Record<IntakeTable, number>> {
  const result = {} as Record<IntakeTable, number>;
  for (const table of INTAKE_TABLES) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(
      database.db,
    );
    result[table] = rows[0]!.n;
  }
  return result;
}

export async function vindplaatsId(
  database: Database,
  municipalityCode: string,
  kind: string,
): Promise<string> {
  const { rows } = await sql<{ id: string }>`SELECT id FROM vindplaats
    WHERE municipality_code = ${municipalityCode} AND kind = ${kind} ORDER BY name LIMIT 1`.execute(
    database.db,
  );
  return rows[0]!.id;
}

export async function serviceId(
  database: Database,
  municipalityCode: string,
  kind: 'algemeen' | 'maatwerk',
): Promise<string> {
  const { rows } = await sql<{ id: string }>`SELECT id FROM service
    WHERE municipality_code = ${municipalityCode} AND kind = ${kind} AND active ORDER BY code LIMIT 1`.execute(
    database.db,
  );
  return rows[0]!.id;
}

export async function personIdByBsn(
  database: Database,
  municipalityCode: string,
  bsn: string,
): Promise<string> {
  const { rows } = await sql<{ id: string }>`SELECT id FROM person
    WHERE municipality_code = ${municipalityCode} AND bsn = ${bsn}`.execute(database.db);
  return rows[0]!.id;
}

/** The n-th test-range BSN (9999xxxxx) that passes the 11-proef, starting far from the demo seed's. */
export function testBsn(n: number): string {
  let found = -1;
  for (let candidate = 999_950_000; candidate < 1_000_000_000; candidate++) {
    const digits = String(candidate);
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += (9 - i) * Number(digits[i]);
    sum -= Number(digits[8]);
    if (sum % 11 === 0 && ++found === n) return digits;
  }
  throw new Error('test range exhausted');
}

export const newResident = (n: number, overrides: Record<string, unknown> = {}) => ({
  bsn: testBsn(n),
  givenNames: 'Anna',
  familyName: `Test${n}`,
  birthDate: '1960-05-17',
  address: { street: 'Marktstraat', houseNumber: 10 + n, postcode: '7551 AB', city: 'Hengelo' },
  ...overrides,
});
