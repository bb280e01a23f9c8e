import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { refreshMoney } from '../../src/dashboard/money/money-maintainer.ts';
import type { ChangeSet } from '../../src/dashboard/view-model.ts';
import { generateMunicipality } from '../../src/generator/generate.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { inTenantTransaction } from '../../src/platform/db/tenant-transaction.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * The money summaries kept up to date per batch equal a rebuild from scratch: after new declarations, a
 * changed (and a withdrawn) allocation, a household that moved to another wijk and a changed lump sum.
 */

const MC = 'GM0164';
const TABLES = [
  'dash_money_client_month',
  'dash_money_realisation',
  'dash_money_client_year',
  'dash_money_commitment',
  'dash_money_lump_sum',
] as const;

async function snapshot(database: Database): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const table of TABLES) {
    const { rows } = await sql<{ r: string }>`
      SELECT t::text AS r FROM ${sql.table(table)} t WHERE municipality_code = ${MC} ORDER BY 1`.execute(
      database.db,
    );
    result[table] = rows.map((x) => x.r);
  }
  return result;
}

const full: ChangeSet = { full: true, personIds: [], householdIds: [], months: [] };

describe('money summaries: incremental refresh equals a full rebuild', () => {
  let grip: TestApp;

  before(async () => {
    grip = await createTestApp();
    await generateMunicipality(grip.database, {
      municipality: MC,
      inhabitants: 2_000,
      years: 1,
      seed: 11,
      until: '2026-06',
    });
    await inTenantTransaction(grip.database, MC, (tx) => refreshMoney(tx, MC, full));
  });
  after(async () => {
    await grip.database.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await grip.close();
  });

  test('a full rebuild fills every summary and is repeatable', async () => {
    const first = await snapshot(grip.database);
    for (const table of TABLES) assert.ok(first[table]!.length > 0, `${table} has rows`);
    await inTenantTransaction(grip.database, MC, (tx) => refreshMoney(tx, MC, full));
    assert.deepEqual(await snapshot(grip.database), first);
  });

  test('new declarations, a changed and a withdrawn allocation, a move and a lump sum: batch = rebuild', async () => {
    const db = grip.database.db;
    // Two allocations with accepted lines, of different persons.
    const { rows: allocations } = await sql<{
      id: string;
      person_id: string;
      provider_id: string;
      law_code: string;
    }>`
      SELECT DISTINCT ON (t.person_id) t.id, t.person_id, t.provider_id, t.law_code
      FROM toewijzing t JOIN declaration_line l ON l.municipality_code = t.municipality_code AND l.toewijzing_id = t.id
      WHERE t.municipality_code = ${MC} AND l.status = 'geaccepteerd'
      ORDER BY t.person_id, t.id LIMIT 3`.execute(db);
    assert.equal(allocations.length, 3);
    const [declared, changed, withdrawn] = allocations as [
      (typeof allocations)[0],
      (typeof allocations)[0],
      (typeof allocations)[0],
    ];
    // 1. New declaration lines in a month after the data (2026-07) for one allocation.
    const declarationId = '00000000-0000-4000-8000-00000000d001';
    await sql`INSERT INTO declaration (municipality_code, id, provider_id, declaration_number, law_code,
                period_start, period_end, submitted_at, total_cents, status)
              VALUES (${MC}, ${declarationId}, ${declared.provider_id}, 'T-NEW-1', ${declared.law_code},
                '2026-07-01', '2026-07-31', now(), 30000, 'verwerkt')`.execute(db);
    await sql`INSERT INTO declaration_line (municipality_code, declaration_id, toewijzing_id, period_start,
                period_end, volume, unit_code, tariff_cents, amount_cents, status)
              VALUES (${MC}, ${declarationId}, ${declared.id}, '2026-07-01', '2026-07-31', 3, '04', 10000, 30000, 'geaccepteerd'),
                     (${MC}, ${declarationId}, ${declared.id}, '2026-06-01', '2026-06-30', 1, '04', 12345, 12345, 'geaccepteerd')`.execute(
      db,
    );
    // 2. A changed commitment and a withdrawn allocation (its realisation and commitment no longer count).
    await sql`UPDATE toewijzing SET commitment_cents = commitment_cents + 777 WHERE municipality_code = ${MC} AND id = ${changed.id}`.execute(
      db,
    );
    await sql`UPDATE toewijzing SET status = 'ingetrokken' WHERE municipality_code = ${MC} AND id = ${withdrawn.id}`.execute(
      db,
    );
    // 3. A household with realisation moves to an address in another wijk.
    const { rows: moved } = await sql<{ household_id: string; wijk_code: string }>`
      SELECT hm.household_id, b.wijk_code FROM dash_money_client_month f
      JOIN household_member hm ON hm.municipality_code = f.municipality_code AND hm.person_id = f.person_id
      JOIN household h ON h.municipality_code = hm.municipality_code AND h.id = hm.household_id
      JOIN address a ON a.municipality_code = h.municipality_code AND a.id = h.address_id
      JOIN buurt b ON b.municipality_code = a.municipality_code AND b.code = a.buurt_code
      WHERE f.municipality_code = ${MC} AND f.person_id NOT IN (${declared.person_id}, ${changed.person_id}, ${withdrawn.person_id})
      LIMIT 1`.execute(db);
    const household = moved[0]!;
    const { rows: target } = await sql<{ id: string }>`
      SELECT a.id FROM address a JOIN buurt b ON b.municipality_code = a.municipality_code AND b.code = a.buurt_code
      WHERE a.municipality_code = ${MC} AND b.wijk_code <> ${household.wijk_code} LIMIT 1`.execute(db);
    await sql`UPDATE household SET address_id = ${target[0]!.id} WHERE municipality_code = ${MC} AND id = ${household.household_id}`.execute(
      db,
    );
    // 4. A lump sum changed in March.
    await sql`UPDATE contract_payment SET amount_cents = amount_cents + 1000
              WHERE municipality_code = ${MC} AND period_start = '2026-03-01'`.execute(db);

    const changes: ChangeSet = {
      full: false,
      personIds: [changed.person_id, withdrawn.person_id],
      householdIds: [household.household_id],
      months: ['2026-06', '2026-07', '2026-03'],
    };
    const before = await snapshot(grip.database);
    await inTenantTransaction(grip.database, MC, (tx) => refreshMoney(tx, MC, changes));
    const incremental = await snapshot(grip.database);
    assert.notDeepEqual(incremental, before, 'the batch changed the summaries');
    await inTenantTransaction(grip.database, MC, (tx) => refreshMoney(tx, MC, full));
    const rebuilt = await snapshot(grip.database);
    for (const table of TABLES) assert.deepEqual(incremental[table], rebuilt[table], table);
    // And the changes are really in there.
    const { rows: july } = await sql<{ cents: string }>`
      SELECT sum(amount_cents)::text AS cents FROM dash_money_realisation
      WHERE municipality_code = ${MC} AND month = '2026-07-01'`.execute(db);
    assert.equal(july[0]!.cents, '30000');
    const { rows: gone } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM dash_money_commitment WHERE municipality_code = ${MC} AND toewijzing_id = ${withdrawn.id}`.execute(
      db,
    );
    assert.equal(gone[0]!.n, 0);
  });

  test('new lines of a person whose inputs did not change: only their months; a later move: everything', async () => {
    const db = grip.database.db;
    const { rows } = await sql<{ id: string; person_id: string; provider_id: string; law_code: string }>`
      SELECT DISTINCT ON (t.person_id) t.id, t.person_id, t.provider_id, t.law_code
      FROM toewijzing t JOIN declaration_line l ON l.municipality_code = t.municipality_code AND l.toewijzing_id = t.id
      WHERE t.municipality_code = ${MC} AND l.status = 'geaccepteerd' AND t.status <> 'ingetrokken'
      ORDER BY t.person_id DESC, t.id LIMIT 2`.execute(db);
    const [a, b] = rows as [(typeof rows)[0], (typeof rows)[0]];
    // A first batch naming both stores their input hashes (nothing changed yet).
    await inTenantTransaction(grip.database, MC, (tx) =>
      refreshMoney(tx, MC, {
        full: false,
        personIds: [a.person_id, b.person_id],
        householdIds: [],
        months: [],
      }),
    );
    const { rows: hashed } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM dash_money_person_input WHERE municipality_code = ${MC}
        AND person_id IN (${a.person_id}, ${b.person_id})`.execute(db);
    assert.equal(hashed[0]!.n, 2);
    // New lines for A in May, named as the change tracking names them: the person and the month.
    const declarationId = '00000000-0000-4000-8000-00000000d002';
    await sql`INSERT INTO declaration (municipality_code, id, provider_id, declaration_number, law_code,
                period_start, period_end, submitted_at, total_cents, status)
              VALUES (${MC}, ${declarationId}, ${a.provider_id}, 'T-NEW-2', ${a.law_code},
                '2026-05-01', '2026-05-31', now(), 5000, 'verwerkt')`.execute(db);
    await sql`INSERT INTO declaration_line (municipality_code, declaration_id, toewijzing_id, period_start,
                period_end, volume, unit_code, tariff_cents, amount_cents, status)
              VALUES (${MC}, ${declarationId}, ${a.id}, '2026-05-03', '2026-05-20', 1, '04', 5000, 5000, 'geaccepteerd')`.execute(
      db,
    );
    // B moves to another address.
    const { rows: hh } = await sql<{ household_id: string; address_id: string }>`
      SELECT hm.household_id, h.address_id FROM household_member hm
      JOIN household h ON h.municipality_code = hm.municipality_code AND h.id = hm.household_id
      WHERE hm.municipality_code = ${MC} AND hm.person_id = ${b.person_id} LIMIT 1`.execute(db);
    const { rows: other } = await sql<{ id: string }>`
      SELECT a.id FROM address a JOIN buurt bu ON bu.municipality_code = a.municipality_code AND bu.code = a.buurt_code
      WHERE a.municipality_code = ${MC} AND bu.code <> (SELECT buurt_code FROM address WHERE municipality_code = ${MC} AND id = ${hh[0]!.address_id})
      LIMIT 1`.execute(db);
    await sql`UPDATE household SET address_id = ${other[0]!.id} WHERE municipality_code = ${MC} AND id = ${hh[0]!.household_id}`.execute(
      db,
    );
    await inTenantTransaction(grip.database, MC, (tx) =>
      refreshMoney(tx, MC, {
        full: false,
        personIds: [a.person_id],
        householdIds: [hh[0]!.household_id],
        months: ['2026-05'],
      }),
    );
    const incremental = await snapshot(grip.database);
    await inTenantTransaction(grip.database, MC, (tx) => refreshMoney(tx, MC, full));
    const rebuilt = await snapshot(grip.database);
    for (const table of TABLES) assert.deepEqual(incremental[table], rebuilt[table], table);
  });

  test('an empty batch changes nothing', async () => {
    const before = await snapshot(grip.database);
    await inTenantTransaction(grip.database, MC, (tx) =>
      refreshMoney(tx, MC, { full: false, personIds: [], householdIds: [], months: [] }),
    );
    assert.deepEqual(await snapshot(grip.database), before);
  });
});
