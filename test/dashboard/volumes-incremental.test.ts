/**
 * The volumes and durations maintainers refreshed for a change set leave their summaries exactly as a full
 * rebuild does: after changed allocations, a withdrawn one, a new one, a household that moved, a person who
 * moved to another household, a corrected birth date, a reopened melding and a changed decision, with the
 * change set the platform's triggers recorded.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { durationsMaintainers } from '../../src/dashboard/durations/durations-view.ts';
import { volumesMaintainers } from '../../src/dashboard/volumes/volumes-view.ts';
import type { ChangeSet } from '../../src/dashboard/view-model.ts';
import { generateMunicipality } from '../../src/generator/generate.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { inTenantTransaction } from '../../src/platform/db/tenant-transaction.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-app.ts';

const MC = 'GM0164';
const TABLES = ['dash_client_year', 'dash_legal_decision', 'dash_legal_melding', 'dash_duration'];
const MAINTAINERS = [...volumesMaintainers, ...durationsMaintainers];
const FULL: ChangeSet = { full: true, personIds: [], householdIds: [], months: [] };

let t: TestDatabase;

async function refresh(changes: ChangeSet): Promise<void> {
  await inTenantTransaction(t.database, MC, async (tx) => {
    for (const m of MAINTAINERS) await m.refresh(tx, MC, changes);
  });
}

async function snapshot(): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const table of TABLES) {
    // The surrogate id of dash_client_year differs between rebuilds by nature: compare everything else.
    const { rows } = await sql<{ r: string }>`
      SELECT (to_jsonb(x) - 'id')::text AS r FROM ${sql.table(table)} x ORDER BY 1`.execute(t.database.db);
    result[table] = rows.map((row) => row.r);
  }
  return result;
}

const one = async <T>(query: ReturnType<typeof sql<T>>): Promise<T> => {
  const { rows } = await query.execute(t.database.db);
  assert.ok(rows[0], 'a row to change');
  return rows[0];
};

describe('incremental refresh of the volumes and durations summaries', () => {
  before(async () => {
    t = await createTestDatabase();
    await migrate(t.database);
    await generateMunicipality(t.database, {
      municipality: MC,
      inhabitants: 4_000,
      years: 1,
      seed: 5,
      until: '2026-06',
    });
    await refresh(FULL);
  });
  after(() => t.close());

  test('an empty change set changes nothing', async () => {
    const before = await snapshot();
    assert.ok(before.dash_client_year!.length > 100);
    await refresh({ full: false, personIds: [], householdIds: [], months: ['2026-03'] });
    assert.deepEqual(await snapshot(), before);
  });

  test('after changes, refreshing the changed persons and households equals a full rebuild', async () => {
    const db = t.database.db;
    const persons = new Set<string>();
    const households = new Set<string>();
    const original = await snapshot();

    // Shortened, withdrawn and new allocations.
    const shortened = await one(sql<{ id: string; person_id: string }>`
      SELECT id, person_id FROM toewijzing WHERE municipality_code = ${MC} AND end_date > DATE '2026-03-01'
      ORDER BY id LIMIT 1`);
    await sql`UPDATE toewijzing SET end_date = start_date + 40, status = 'beeindigd', end_reason_code = '19'
      WHERE municipality_code = ${MC} AND id = ${shortened.id}`.execute(db);
    persons.add(shortened.person_id);
    const withdrawn = await one(sql<{ id: string; person_id: string }>`
      SELECT id, person_id FROM toewijzing WHERE municipality_code = ${MC} AND start_date > DATE '2025-09-01'
      ORDER BY id DESC LIMIT 1`);
    await sql`UPDATE toewijzing SET status = 'ingetrokken' WHERE municipality_code = ${MC} AND id = ${withdrawn.id}`.execute(
      db,
    );
    persons.add(withdrawn.person_id);
    const added = await one(sql<{ person_id: string }>`
      INSERT INTO toewijzing (municipality_code, toewijzing_number, beschikking_product_id, referrer_type_code,
        person_id, provider_id, contract_id, service_id,
        law_code, product_category_code, product_code, start_date, end_date, volume, unit_code, frequency_code,
        commitment_cents, status)
      SELECT municipality_code, 99999990, beschikking_product_id, referrer_type_code, person_id, provider_id, contract_id, service_id, law_code,
        product_category_code, product_code, DATE '2026-02-10', DATE '2026-05-31', volume, unit_code, frequency_code,
        commitment_cents, 'actief'
      FROM toewijzing WHERE municipality_code = ${MC} ORDER BY id OFFSET 7 LIMIT 1
      RETURNING person_id`);
    persons.add(added.person_id);

    // A household moves to an address in another wijk.
    const moved = await one(sql<{ household_id: string; address_id: string }>`
      SELECT h.id AS household_id, other.id AS address_id
      FROM household h
      JOIN address a ON a.municipality_code = h.municipality_code AND a.id = h.address_id
      JOIN buurt b ON b.municipality_code = a.municipality_code AND b.code = a.buurt_code
      JOIN address other ON other.municipality_code = a.municipality_code
      JOIN buurt ob ON ob.municipality_code = other.municipality_code AND ob.code = other.buurt_code AND ob.wijk_code <> b.wijk_code
      WHERE h.municipality_code = ${MC}
        AND EXISTS (SELECT 1 FROM household_member hm JOIN toewijzing t ON t.municipality_code = hm.municipality_code
          AND t.person_id = hm.person_id WHERE hm.municipality_code = h.municipality_code AND hm.household_id = h.id)
      ORDER BY h.id, other.id LIMIT 1`);
    await sql`UPDATE household SET address_id = ${moved.address_id}
      WHERE municipality_code = ${MC} AND id = ${moved.household_id}`.execute(db);
    households.add(moved.household_id);

    // A client moves to another household (in another wijk) on 1 January 2026.
    const mover = await one(sql<{
      person_id: string;
      household_id: string;
      valid_from: string;
      target: string;
    }>`
      SELECT hm.person_id, hm.household_id, hm.valid_from::text AS valid_from, other.id AS target
      FROM household_member hm
      JOIN toewijzing t ON t.municipality_code = hm.municipality_code AND t.person_id = hm.person_id
        AND t.start_date < DATE '2025-12-01' AND t.end_date > DATE '2026-02-01'
      JOIN household h ON h.municipality_code = hm.municipality_code AND h.id = hm.household_id
      JOIN address a ON a.municipality_code = h.municipality_code AND a.id = h.address_id
      JOIN household other ON other.municipality_code = h.municipality_code AND other.id <> h.id
      JOIN address oa ON oa.municipality_code = other.municipality_code AND oa.id = other.address_id
        AND left(oa.buurt_code, 8) <> left(a.buurt_code, 8)
      WHERE hm.municipality_code = ${MC} AND hm.valid_from < DATE '2025-06-01' AND hm.valid_until IS NULL
        AND other.id <> ${moved.household_id}
      ORDER BY hm.person_id, other.id LIMIT 1`);
    await sql`UPDATE household_member SET valid_until = DATE '2025-12-31'
      WHERE municipality_code = ${MC} AND person_id = ${mover.person_id} AND household_id = ${mover.household_id}`.execute(
      db,
    );
    await sql`INSERT INTO household_member (municipality_code, household_id, person_id, member_role, valid_from)
      VALUES (${MC}, ${mover.target}, ${mover.person_id}, 'overig', DATE '2026-01-01')`.execute(db);
    persons.add(mover.person_id);

    // A corrected birth date (another age group), a reopened melding and a changed decision.
    const older = await one(sql<{ person_id: string }>`
      SELECT t.person_id FROM toewijzing t JOIN person p ON p.municipality_code = t.municipality_code AND p.id = t.person_id
      WHERE t.municipality_code = ${MC} AND p.birth_date > DATE '1990-01-01' ORDER BY t.id LIMIT 1`);
    await sql`UPDATE person SET birth_date = DATE '1940-05-05' WHERE municipality_code = ${MC} AND id = ${older.person_id}`.execute(
      db,
    );
    persons.add(older.person_id);
    const reopened = await one(sql<{ person_id: string }>`
      UPDATE melding SET closed_on = NULL, status = 'aanvraag'
      WHERE municipality_code = ${MC} AND id = (SELECT id FROM melding WHERE municipality_code = ${MC}
        AND closed_on IS NOT NULL ORDER BY id LIMIT 1)
      RETURNING person_id`);
    persons.add(reopened.person_id);
    const decided = await one(sql<{ person_id: string }>`
      UPDATE beschikking SET outcome = 'afgewezen', decided_on = decided_on + 30
      WHERE municipality_code = ${MC} AND id = (SELECT id FROM beschikking WHERE municipality_code = ${MC}
        AND melding_id IS NOT NULL ORDER BY id LIMIT 1)
      RETURNING person_id`);
    persons.add(decided.person_id);

    // The change set is what the platform's statement-level triggers recorded in dash_change; it must
    // cover every person and household touched above (members of a recorded household count as covered).
    const recorded = await sql<{ kind: string; key: string }>`
      SELECT DISTINCT kind, key FROM dash_change WHERE municipality_code = ${MC}`.execute(db);
    const pick = (kind: string) => recorded.rows.filter((r) => r.kind === kind).map((r) => r.key);
    const changes: ChangeSet = {
      full: false,
      personIds: pick('person'),
      householdIds: pick('household'),
      months: [],
    };
    assert.ok(!recorded.rows.some((r) => r.kind === 'full'));
    const covered = await sql<{ person_id: string }>`
      SELECT person_id::text FROM household_member WHERE municipality_code = ${MC}
        AND household_id = ANY(string_to_array(${changes.householdIds.join(',')}, ',')::uuid[])`.execute(db);
    const coveredPersons = new Set([...changes.personIds, ...covered.rows.map((r) => r.person_id)]);
    for (const p of persons) assert.ok(coveredPersons.has(p), `person ${p} is in the recorded changes`);
    for (const h of households) assert.ok(changes.householdIds.includes(h), `household ${h} is recorded`);
    await refresh(changes);
    const incremental = await snapshot();
    for (const table of TABLES) assert.notDeepEqual(incremental[table], original[table], `${table} changed`);
    await refresh(FULL);
    const rebuilt = await snapshot();
    for (const table of TABLES) assert.deepEqual(incremental[table], rebuilt[table], table);
  });
});
