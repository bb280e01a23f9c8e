import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { afterSummaries, beforeSummaries } from '../../src/dashboard/cube/cube-maintenance.ts';
import { closeChangeSet, fullRefresh, refreshDashboards } from '../../src/dashboard/refresh.ts';
import { SUMMARY_MAINTAINERS } from '../../src/dashboard/registry.ts';
import { generateMunicipality } from '../../src/generator/generate.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { inTenantTransaction } from '../../src/platform/db/tenant-transaction.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-app.ts';

const MC = 'GM0164';

async function pending(database: Database): Promise<{ kind: string; key: string }[]> {
  const { rows } = await sql<{ kind: string; key: string }>`
    SELECT kind, key FROM dash_change WHERE municipality_code = ${MC} ORDER BY id`.execute(database.db);
  return rows;
}

async function state(database: Database) {
  const { rows } = await sql<{ data_version: string; refreshed_at: unknown }>`
    SELECT data_version, refreshed_at FROM dash_state WHERE municipality_code = ${MC}`.execute(database.db);
  return { version: Number(rows[0]?.data_version ?? 0), refreshedAt: rows[0]?.refreshed_at ?? null };
}

/**
 * Every summary table's rows of the municipality, as sorted JSON lines (a table → its rows). Not compared:
 * the refresh's own bookkeeping, and dash_money_person_input, a cache of per-person input hashes that a
 * full rebuild empties and incremental refreshes fill (an empty entry only means "recompute this person").
 */
async function snapshot(database: Database): Promise<Map<string, string[]>> {
  const { rows: tables } = await sql<{ name: string }>`
    SELECT tablename AS name FROM pg_tables
    WHERE schemaname = current_schema() AND tablename LIKE 'dash\\_%' AND tablename NOT IN ('dash_change', 'dash_state', 'dash_money_person_input', 'dash_cube_state')
    ORDER BY tablename`.execute(database.db);
  const result = new Map<string, string[]>();
  for (const { name } of tables) {
    // Surrogate keys (identity, serial) differ between rebuilds by nature: compare everything else.
    const { rows: generated } = await sql<{ column_name: string }>`
      SELECT column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ${name}
        AND (is_identity = 'YES' OR column_default LIKE 'nextval%')`.execute(database.db);
    const skip = new Set(generated.map((g) => g.column_name));
    const { rows: all } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(
      database.db,
    );
    const rows = all.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !skip.has(k))));
    result.set(
      name,
      rows.map((r) => JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)))).sort(),
    );
  }
  return result;
}

describe('dashboard change tracking and refresh', () => {
  let t: TestDatabase;
  let database: Database;
  before(async () => {
    t = await createTestDatabase();
    database = t.database;
    await migrate(database);
    await generateMunicipality(database, {
      municipality: MC,
      inhabitants: 2_500,
      years: 2,
      seed: 11,
      until: '2025-12',
    });
  });
  after(() => t.close());

  test('a generator run ends refreshed: nothing pending, a data version and a refresh time', async () => {
    assert.deepEqual(await pending(database), []);
    const s = await state(database);
    assert.ok(s.version >= 1);
    assert.ok(s.refreshedAt);
  });

  test('statement-level triggers record persons, households and months, once per statement', async () => {
    await database.db
      .transaction()
      .execute(async (tx) => {
        await sql`DELETE FROM dash_change`.execute(tx);
        // One statement over many rows: each person once.
        const changed = await sql<{ person_id: string }>`
        UPDATE toewijzing SET volume = volume WHERE municipality_code = ${MC}
          AND id IN (SELECT id FROM toewijzing WHERE municipality_code = ${MC} ORDER BY id LIMIT 200)
        RETURNING person_id::text AS person_id`.execute(tx);
        const persons = new Set(changed.rows.map((r) => r.person_id));
        const recorded = await sql<{ kind: string; key: string }>`SELECT kind, key FROM dash_change`.execute(
          tx,
        );
        assert.equal(recorded.rows.length, persons.size, 'one row per distinct person of the statement');
        assert.deepEqual(new Set(recorded.rows.map((r) => r.key)), persons);
        await sql`DELETE FROM dash_change`.execute(tx);

        await sql`UPDATE declaration_line SET amount_cents = amount_cents
        WHERE municipality_code = ${MC} AND id = (SELECT id FROM declaration_line WHERE municipality_code = ${MC} ORDER BY id LIMIT 1)`.execute(
          tx,
        );
        const declaration = await sql<{
          kind: string;
          key: string;
        }>`SELECT kind, key FROM dash_change`.execute(tx);
        assert.ok(declaration.rows.some((r) => r.kind === 'month' && /^\d{4}-\d{2}$/.test(r.key)));
        assert.ok(declaration.rows.some((r) => r.kind === 'person'));
        await sql`DELETE FROM dash_change`.execute(tx);

        await sql`UPDATE address SET house_number = house_number
        WHERE municipality_code = ${MC} AND id = (SELECT address_id FROM household WHERE municipality_code = ${MC} ORDER BY id LIMIT 1)`.execute(
          tx,
        );
        const moved = await sql<{ kind: string }>`SELECT kind FROM dash_change`.execute(tx);
        assert.ok(moved.rows.length > 0 && moved.rows.every((r) => r.kind === 'household'));
        await sql`DELETE FROM dash_change`.execute(tx);

        await sql`UPDATE contract_payment SET amount_cents = amount_cents WHERE municipality_code = ${MC}
        AND id = (SELECT id FROM contract_payment WHERE municipality_code = ${MC} ORDER BY id LIMIT 1)`.execute(
          tx,
        );
        const paid = await sql<{ kind: string }>`SELECT kind FROM dash_change`.execute(tx);
        assert.deepEqual(
          paid.rows.map((r) => r.kind),
          ['month'],
        );
        await sql`DELETE FROM dash_change`.execute(tx);

        // A bulk loader that refreshes everything afterwards may switch recording off for its session.
        await sql`SET LOCAL grip.dash_tracking = 'off'`.execute(tx);
        await sql`UPDATE person SET updated_at = now() WHERE municipality_code = ${MC}`.execute(tx);
        const off = await sql<{ n: number }>`SELECT count(*)::int AS n FROM dash_change`.execute(tx);
        assert.equal(off.rows[0]!.n, 0);
        throw new RollbackSignal();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RollbackSignal)) throw error;
      });
  });

  test('the application role records changes of its own municipality through the triggers', async () => {
    await inTenantTransaction(database, MC, async (tx) => {
      await sql`UPDATE person SET updated_at = now() WHERE municipality_code = ${MC}
        AND id = (SELECT id FROM person WHERE municipality_code = ${MC} ORDER BY id LIMIT 1)`.execute(tx);
    });
    const rows = await pending(database);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.kind, 'person');
    const before = await state(database);
    const result = await refreshDashboards(database, MC);
    assert.equal(result.changes, 1);
    assert.equal(result.state.dataVersion, before.version + 1);
    assert.deepEqual(await pending(database), []);
    const idle = await refreshDashboards(database, MC);
    assert.equal(idle.batches, 0);
    assert.equal(idle.state.dataVersion, before.version + 1, 'nothing pending: the version stays');
  });

  test(`an incremental refresh leaves every summary as a full rebuild would (${SUMMARY_MAINTAINERS.map((m) => m.name).join(', ') || 'no maintainers yet'})`, async () => {
    await database.db.transaction().execute(async (tx) => {
      // Allocations ending earlier, for 25 persons.
      await sql`UPDATE toewijzing SET end_date = start_date + 20
        WHERE municipality_code = ${MC}
          AND id IN (SELECT id FROM toewijzing WHERE municipality_code = ${MC} AND (end_date IS NULL OR end_date > start_date + 20)
                     ORDER BY id LIMIT 25)`.execute(tx);
      // Declaration lines withdrawn.
      await sql`DELETE FROM declaration_line WHERE municipality_code = ${MC}
        AND id IN (SELECT id FROM declaration_line WHERE municipality_code = ${MC} ORDER BY id DESC LIMIT 30)`.execute(
        tx,
      );
      // Households moving to another address (another buurt, perhaps another wijk).
      await sql`UPDATE household h SET address_id = (
          SELECT a.id FROM address a WHERE a.municipality_code = h.municipality_code AND a.id <> h.address_id
          ORDER BY a.id LIMIT 1)
        WHERE h.municipality_code = ${MC}
          AND h.id IN (SELECT id FROM household WHERE municipality_code = ${MC} ORDER BY id LIMIT 15)`.execute(
        tx,
      );
      // Persons whose birth date was wrong (another age group).
      await sql`UPDATE person SET birth_date = birth_date - 365 * 30
        WHERE municipality_code = ${MC}
          AND id IN (SELECT person_id FROM toewijzing WHERE municipality_code = ${MC} ORDER BY id DESC LIMIT 10)`.execute(
        tx,
      );
      // A lump sum corrected.
      await sql`UPDATE contract_payment SET amount_cents = amount_cents + 12345
        WHERE municipality_code = ${MC}
          AND id IN (SELECT id FROM contract_payment WHERE municipality_code = ${MC} ORDER BY id LIMIT 2)`.execute(
        tx,
      );
      // Help questions: anonymous ones moved a month back or taken in by another channel, a linked one too.
      const moved = await sql`UPDATE help_question
        SET received_at = received_at - interval '1 month', closed_at = closed_at - interval '1 month'
        WHERE municipality_code = ${MC} AND id IN (SELECT id FROM help_question WHERE municipality_code = ${MC}
          AND person_id IS NULL AND household_id IS NULL ORDER BY id LIMIT 3)`.execute(tx);
      assert.ok(Number(moved.numAffectedRows) > 0, 'the generated data have anonymous questions');
      await sql`UPDATE help_question SET channel = CASE WHEN channel = 'telefoon' THEN 'balie' ELSE 'telefoon' END
        WHERE municipality_code = ${MC} AND id IN (SELECT id FROM help_question WHERE municipality_code = ${MC}
          ORDER BY (person_id IS NULL) DESC, id DESC LIMIT 4)`.execute(tx);
      // A life-domain score re-assessed.
      await sql`UPDATE life_domain_score SET score = CASE WHEN score > 1 THEN score - 1 ELSE score + 1 END
        WHERE municipality_code = ${MC}
          AND id IN (SELECT id FROM life_domain_score WHERE municipality_code = ${MC} ORDER BY id LIMIT 10)`.execute(
        tx,
      );
    });
    assert.ok((await pending(database)).length > 0);
    // Each maintainer on its own (one failing does not hide the others), on the recorded change set.
    const recorded = await pending(database);
    assert.ok(recorded.length > 0);
    const keys = (kind: string) =>
      [...new Set(recorded.filter((r) => r.kind === kind).map((r) => r.key))].sort();
    const changes = await inTenantTransaction(database, MC, (tx) =>
      closeChangeSet(tx, MC, {
        full: false,
        personIds: keys('person'),
        householdIds: keys('household'),
        months: keys('month'),
      }),
    );
    assert.ok(changes.personIds.length > 0 && changes.householdIds.length > 0 && changes.months.length > 0);
    const failed: string[] = [];
    // The count cube subtracts the changed persons before the maintainers and adds them after (as applyChanges).
    const cube = await inTenantTransaction(database, MC, (tx) => beforeSummaries(tx, MC, changes));
    assert.ok(cube.state, 'the generator run built the count cube');
    for (const maintainer of SUMMARY_MAINTAINERS) {
      await inTenantTransaction(database, MC, (tx) => maintainer.refresh(tx, MC, changes)).catch(
        (e: unknown) => failed.push(`${maintainer.name}: ${(e as Error).message.slice(0, 200)}`),
      );
    }
    await inTenantTransaction(database, MC, (tx) => afterSummaries(tx, MC, cube)).catch((e: unknown) =>
      failed.push(`count cube: ${(e as Error).message.slice(0, 200)}`),
    );
    await sql`DELETE FROM dash_change WHERE municipality_code = ${MC}`.execute(database.db);
    const incremental = await snapshot(database);
    await fullRefresh(database, MC);
    const rebuilt = await snapshot(database);
    assert.deepEqual([...incremental.keys()], [...rebuilt.keys()]);
    const differences: string[] = [];
    for (const [table, rows] of rebuilt) {
      const mine = new Set(incremental.get(table)!);
      const theirs = new Set(rows);
      const missing = rows.filter((r) => !mine.has(r));
      const extra = [...mine].filter((r) => !theirs.has(r));
      if (missing.length + extra.length > 0) {
        differences.push(
          `${table}: ${missing.length} missing (e.g. ${missing[0] ?? '-'}), ${extra.length} extra (e.g. ${extra[0] ?? '-'})`,
        );
      }
    }
    assert.deepEqual({ failed, differences }, { failed: [], differences: [] });
  });

  test('the refresh drains in batches, one transaction each, and raises the data version per batch', async () => {
    await sql`UPDATE toewijzing SET volume = volume WHERE municipality_code = ${MC}
      AND id IN (SELECT id FROM toewijzing WHERE municipality_code = ${MC} ORDER BY id LIMIT 120)`.execute(
      database.db,
    );
    const before = await state(database);
    const result = await refreshDashboards(database, MC, { batchSize: 40 });
    assert.ok(result.batches >= 2, 'small batches: more than one transaction');
    assert.equal(result.state.dataVersion, before.version + result.batches);
    assert.deepEqual(await pending(database), []);
  });
});

class RollbackSignal extends Error {}
