import type { Selectable } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import type { PersonTable } from '../platform/db/schema.ts';
import type { PersonCreate, PersonUpdate } from './person-schemas.ts';

export function toPerson(row: Selectable<PersonTable>) {
  return {
    id: row.id,
    bsn: row.bsn,
    givenNames: row.given_names,
    familyNamePrefix: row.family_name_prefix,
    familyName: row.family_name,
    birthDate: row.birth_date,
    isSynthetic: row.is_synthetic,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export type Person = ReturnType<typeof toPerson>;

export async function getPerson(tx: Tx, municipalityCode: string, id: string): Promise<Person | undefined> {
  const row = await tx
    .selectFrom('person')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toPerson(row);
}

export async function findPersonByBsn(tx: Tx, municipalityCode: string, bsn: string) {
  const row = await tx
    .selectFrom('person')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('bsn', '=', bsn)
    .executeTakeFirst();
  return row && toPerson(row);
}

export async function listPersons(
  tx: Tx,
  municipalityCode: string,
  query: { familyName?: string; birthDate?: string; page: number; pageSize: number },
) {
  let base = tx.selectFrom('person').where('municipality_code', '=', municipalityCode);
  if (query.familyName) {
    const escaped = query.familyName.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    base = base.where((eb) => eb(eb.fn('lower', ['family_name']), 'like', `${escaped}%`));
  }
  if (query.birthDate) base = base.where('birth_date', '=', query.birthDate);
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('family_name')
      .orderBy('given_names')
      .orderBy('id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toPerson), total: Number(count.n) };
}

export async function insertPerson(
  tx: Tx,
  municipalityCode: string,
  input: PersonCreate,
  options: { isSynthetic?: boolean } = {},
): Promise<Person> {
  const row = await tx
    .insertInto('person')
    .values({
      municipality_code: municipalityCode,
      bsn: input.bsn,
      given_names: input.givenNames,
      family_name_prefix: input.familyNamePrefix ?? null,
      family_name: input.familyName,
      birth_date: input.birthDate,
      is_synthetic: options.isSynthetic ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPerson(row);
}

/** Optimistic update: undefined when no row matched the expected version. */
export async function updatePerson(
  tx: Tx,
  municipalityCode: string,
  id: string,
  expectedVersion: number,
  changes: PersonUpdate,
): Promise<Person | undefined> {
  const row = await tx
    .updateTable('person')
    .set((eb) => ({
      ...(changes.givenNames !== undefined ? { given_names: changes.givenNames } : {}),
      ...(changes.familyNamePrefix !== undefined ? { family_name_prefix: changes.familyNamePrefix } : {}),
      ...(changes.familyName !== undefined ? { family_name: changes.familyName } : {}),
      ...(changes.birthDate !== undefined ? { birth_date: changes.birthDate } : {}),
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  return row && toPerson(row);
}
