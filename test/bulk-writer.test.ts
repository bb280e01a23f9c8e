import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { BulkWriteError, openBulkWriter } from '../src/platform/db/bulk-writer.ts';
import type { Database } from '../src/platform/db/database.ts';
import { createTestDatabase, DB_KIND, type TestDatabase } from './helpers/test-app.ts';

const AWKWARD_TEXTS = [
  'plain',
  'tab\there',
  'new\nline',
  'carriage\rreturn\r\n',
  'back\\slash',
  '\\N',
  '\\.',
  '\\',
  '',
  'NULL',
  'quotes " and \'',
  'comma, {brace} [bracket]',
  '  padded  ',
  'unicode: ë ß 中文 😀 \u2028',
];

const AWKWARD_ARRAYS: (string | null)[][] = [
  [],
  ['a', 'b'],
  ['with,comma', '{brace}', '}', 'quote"', 'back\\slash', 'tab\tin', 'new\nline', '', 'NULL', ' space '],
  [null, 'x', null],
  ['😀', '\\N', '"{,}"'],
];

interface Expected {
  id: string;
  label: string | null;
  qty: number | null;
  big: string | null;
  flag: boolean | null;
  day: string | null;
  at: number | null;
  amount: string | null;
  payload: unknown;
  tags: unknown;
}

async function readParents(database: Database): Promise<Expected[]> {
  const result = await sql<Record<string, string | number | boolean | null>>`
    SELECT id::text AS id, label, qty, big::text AS big, flag, day::text AS day,
           (extract(epoch FROM at) * 1000)::bigint::text AS at, amount::text AS amount,
           payload::text AS payload, to_json(tags)::text AS tags
      FROM bulk_parent ORDER BY seq`.execute(database.db);
  return result.rows.map((r) => ({
    id: r.id as string,
    label: r.label as string | null,
    qty: r.qty as number | null,
    big: r.big as string | null,
    flag: r.flag as boolean | null,
    day: r.day as string | null,
    at: r.at === null ? null : Number(r.at),
    amount: r.amount as string | null,
    payload: r.payload === null ? null : JSON.parse(r.payload as string),
    tags: r.tags === null ? null : JSON.parse(r.tags as string),
  }));
}

async function count(database: Database, table: string): Promise<number> {
  const result = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(
    database.db,
  );
  return result.rows[0]!.n;
}

const PARENT_COLUMNS = ['seq', 'id', 'label', 'qty', 'big', 'flag', 'day', 'at', 'amount', 'payload', 'tags'];

describe(`bulk writer: COPY loader (${DB_KIND})`, () => {
  let testDb: TestDatabase;
  let database: Database;

  before(async () => {
    testDb = await createTestDatabase();
    database = testDb.database;
    await sql`
      CREATE TABLE bulk_parent (
        seq integer NOT NULL UNIQUE,
        id uuid PRIMARY KEY,
        label text,
        qty integer,
        big bigint,
        flag boolean,
        day date,
        at timestamptz,
        amount numeric,
        payload jsonb,
        tags text[],
        bin bytea
      )`.execute(database.db);
    await sql`
      CREATE TABLE bulk_child (
        id integer PRIMARY KEY,
        parent_id uuid NOT NULL REFERENCES bulk_parent (id),
        note text
      )`.execute(database.db);
    await sql`
      CREATE TABLE bulk_checked (
        id integer PRIMARY KEY,
        parent_id uuid NOT NULL REFERENCES bulk_parent (id),
        qty integer NOT NULL CHECK (qty >= 0)
      )`.execute(database.db);
  });
  after(() => testDb.close());

  test('awkward values are read back exactly as written', async () => {
    await sql`TRUNCATE bulk_parent, bulk_child, bulk_checked`.execute(database.db);
    const rows: unknown[][] = [];
    const expected: Expected[] = [];
    const payloads: unknown[] = [
      { nested: { list: [1, 'two', null, { three: true }], empty: {}, none: [] } },
      { 'quo"te': 'tab\t back\\slash new\nline', unicode: 'ë😀', 'key\\with': '\\N' },
      [1, 2, 3], // passed as JSON text below: a JS array is a PostgreSQL array
      'just a string', // likewise: a JS string is written as it is
      0,
    ];
    const n = Math.max(AWKWARD_TEXTS.length, AWKWARD_ARRAYS.length, payloads.length) + 2;
    for (let i = 0; i < n; i++) {
      const id = randomUUID();
      const at = new Date(Date.UTC(2024, 1, 29, 23, 59, 59, i));
      const label = i === n - 1 ? null : AWKWARD_TEXTS[i % AWKWARD_TEXTS.length]!;
      const tags = i === n - 1 ? null : AWKWARD_ARRAYS[i % AWKWARD_ARRAYS.length]!;
      const payload = i === n - 1 ? null : payloads[i % payloads.length];
      const qty = [0, -2147483648, 2147483647, null][i % 4] ?? null;
      const big = [9007199254740993n, -9223372036854775808n, 9223372036854775807n, null][i % 4] ?? null;
      const flag = [true, false, null][i % 3] ?? null;
      const day = i % 2 === 0 ? '2024-02-29' : new Date(Date.UTC(1999, 11, 31));
      const amount = ['12345678901234567890.123456789', 0.1, null, '-0.000001'][i % 4] ?? null;
      rows.push([
        i,
        id,
        label,
        qty,
        big,
        flag,
        day,
        at,
        amount,
        Array.isArray(payload) || typeof payload === 'string' ? JSON.stringify(payload) : payload,
        tags,
      ]);
      expected.push({
        id,
        label,
        qty,
        big: big === null ? null : String(big),
        flag,
        day: i % 2 === 0 ? '2024-02-29' : '1999-12-31',
        at: at.getTime(),
        amount: amount === null ? null : String(amount),
        payload,
        tags,
      });
    }

    const writer = openBulkWriter(database);
    const parents = writer.table('bulk_parent', PARENT_COLUMNS);
    const children = writer.table('bulk_child', ['id', 'parent_id', 'note']);
    for (const [i, row] of rows.entries()) {
      parents.add(row);
      children.add([i, row[1], i % 2 ? '' : null]);
      await writer.maybeFlush();
    }
    assert.equal(parents.rowsPending, n);
    await writer.close();

    assert.equal(parents.rowsWritten, n);
    assert.equal(children.rowsWritten, n);
    assert.equal(writer.totalRows, 2 * n);
    assert.deepEqual(
      writer.rowCounts(),
      new Map([
        ['bulk_parent', n],
        ['bulk_child', n],
      ]),
    );
    assert.deepEqual(await readParents(database), expected);
    const notes = await sql<{ note: string | null }>`SELECT note FROM bulk_child ORDER BY id`.execute(
      database.db,
    );
    assert.deepEqual(
      notes.rows.map((r) => r.note),
      rows.map((_, i) => (i % 2 ? '' : null)),
    );
  });

  test('two-dimensional text arrays and bytea round-trip', async () => {
    await sql`TRUNCATE bulk_parent, bulk_child, bulk_checked`.execute(database.db);
    const writer = openBulkWriter(database);
    const parents = writer.table('bulk_parent', ['seq', 'id', 'tags', 'bin']);
    const bytes = Uint8Array.from([0, 9, 10, 13, 92, 255]);
    const tags = [
      ['a,b', null],
      ['{c}', 'd"e'],
    ];
    parents.add([1, randomUUID(), tags, bytes]);
    await writer.close();
    const result = await sql<{ tags: string; bin: string }>`
      SELECT to_json(tags)::text AS tags, encode(bin, 'hex') AS bin FROM bulk_parent`.execute(database.db);
    assert.deepEqual(JSON.parse(result.rows[0]!.tags), tags);
    assert.equal(result.rows[0]!.bin, Buffer.from(bytes).toString('hex'));
  });

  test('many rows of multi-byte text and values larger than a buffer block arrive intact', async () => {
    await sql`TRUNCATE bulk_parent, bulk_child, bulk_checked`.execute(database.db);
    const writer = openBulkWriter(database, { flushThresholdBytes: 512 * 1024 });
    const parents = writer.table('bulk_parent', ['seq', 'id', 'label']);
    const labels: string[] = [];
    const total = 20_000;
    for (let i = 0; i < total; i++) {
      const label =
        i % 4999 === 0
          ? `big ${i} ` + 'ë😀\t\\中'.repeat(30_000) // ~300 KB of UTF-8: more than one block
          : `${i} ` + 'ë😀中\n'.repeat(i % 40);
      labels.push(label);
      parents.add([i, randomUUID(), label]);
      await writer.maybeFlush();
    }
    await writer.close();
    assert.ok(writer.flushCount > 3, `expected several flushes, got ${writer.flushCount}`);
    const result = await sql<{ digest: string; n: number }>`
      SELECT md5(string_agg(label, '|' ORDER BY seq)) AS digest, count(*)::int AS n FROM bulk_parent`.execute(
      database.db,
    );
    assert.equal(result.rows[0]!.n, total);
    assert.equal(result.rows[0]!.digest, createHash('md5').update(labels.join('|')).digest('hex'));
  });

  test('parents are written before children in every one of many small flushes', async () => {
    await sql`TRUNCATE bulk_parent, bulk_child, bulk_checked`.execute(database.db);
    const writer = openBulkWriter(database, { flushThresholdBytes: 300 });
    const parents = writer.table('bulk_parent', ['seq', 'id', 'label']);
    const children = writer.table('bulk_child', ['id', 'parent_id', 'note']);
    const total = 500;
    for (let i = 0; i < total; i++) {
      const id = randomUUID();
      parents.add([i, id, `parent ${i}`]);
      // Children of this parent and of the previous one: both must already be there in the same flush.
      children.add([2 * i, id, 'own']);
      if (i > 0) children.add([2 * i + 1, id, 'second']);
      assert.ok(writer.bufferedBytes < 300 + 200, 'maybeFlush keeps the buffer near the threshold');
      await writer.maybeFlush();
    }
    await writer.close();
    assert.ok(writer.flushCount >= 50, `expected many flushes, got ${writer.flushCount}`);
    assert.equal(await count(database, 'bulk_parent'), total);
    assert.equal(await count(database, 'bulk_child'), 2 * total - 1);
    assert.equal(writer.totalRows, 3 * total - 1);
  });

  test('a bad row fails its flush with the table named and nothing of that flush committed', async () => {
    await sql`TRUNCATE bulk_parent, bulk_child, bulk_checked`.execute(database.db);
    const writer = openBulkWriter(database);
    const parents = writer.table('bulk_parent', ['seq', 'id']);
    const checked = writer.table('bulk_checked', ['id', 'parent_id', 'qty']);
    const first = randomUUID();
    parents.add([1, first]);
    checked.add([1, first, 5]);
    await writer.flush();
    assert.equal(writer.flushCount, 1);

    const second = randomUUID();
    parents.add([2, second]);
    checked.add([2, second, 1]);
    checked.add([3, second, -1]); // violates the CHECK
    checked.add([4, second, 2]);
    await assert.rejects(writer.flush(), (error: unknown) => {
      assert.ok(error instanceof BulkWriteError);
      assert.equal(error.table, 'bulk_checked');
      assert.match(error.message, /bulk_checked/);
      assert.match(error.message, /violates check constraint/);
      assert.match(error.message, /line 2/);
      return true;
    });
    assert.equal(await count(database, 'bulk_parent'), 1, 'the parent of the failed flush was rolled back');
    assert.equal(await count(database, 'bulk_checked'), 1);
    assert.equal(writer.totalRows, 2);
    assert.equal(writer.rowCounts().get('bulk_parent'), 1);

    // The writer stays failed: later rows could depend on the lost ones.
    assert.throws(() => parents.add([3, randomUUID()]), BulkWriteError);
    await assert.rejects(writer.maybeFlush(), BulkWriteError);
    await assert.rejects(writer.close(), BulkWriteError);
    await writer.close(); // a second close is a no-op

    // The database is usable afterwards (on PostgreSQL the connection went back to the pool clean).
    const again = openBulkWriter(database);
    again.table('bulk_parent', ['seq', 'id']).add([3, randomUUID()]);
    await again.close();
    assert.equal(await count(database, 'bulk_parent'), 2);
  });

  test('a failure in a background flush surfaces at the next call', async () => {
    await sql`TRUNCATE bulk_parent, bulk_child, bulk_checked`.execute(database.db);
    const writer = openBulkWriter(database, { flushThresholdBytes: 1 });
    const children = writer.table('bulk_child', ['id', 'parent_id', 'note']);
    children.add([1, randomUUID(), 'orphan']); // foreign key violation
    await writer.maybeFlush().catch(() => {});
    await assert.rejects(writer.close(), (error: unknown) => {
      assert.ok(error instanceof BulkWriteError);
      assert.equal(error.table, 'bulk_child');
      assert.match(error.message, /foreign key/);
      return true;
    });
    assert.equal(await count(database, 'bulk_child'), 0);
  });

  test('rows of the wrong width and unwritable values are refused at add()', async () => {
    const writer = openBulkWriter(database);
    const parents = writer.table('bulk_parent', ['seq', 'id']);
    assert.throws(() => parents.add([1]), /2 columns/);
    assert.throws(() => parents.add([1, Symbol('x')]), TypeError);
    assert.throws(() => writer.table('bulk_parent', ['seq']), /other columns/);
    assert.equal(writer.table('bulk_parent', ['seq', 'id']), parents);
    await writer.close();
    assert.equal(writer.totalRows, 0);
  });
});
