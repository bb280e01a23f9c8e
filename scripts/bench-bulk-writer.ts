/**
 * Micro-benchmark of the bulk writer (src/platform/db/bulk-writer.ts): writes narrow rows
 * (uuid primary key, text, integer, date, bigint) to a scratch table and prints rows/s and peak RSS,
 * on PGlite in memory and on PostgreSQL (scratch database grip_bench_bulk, created and dropped).
 * Each database runs in a child process of its own, so the peak RSS is that run's.
 *
 *   node scripts/bench-bulk-writer.ts [--rows 1000000] [--threshold-mb 4] [--only pglite|postgres] [--no-pk]
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres (default; any database to connect to)
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { openBulkWriter } from '../src/platform/db/bulk-writer.ts';
import { openPglite, openPostgres, type Database } from '../src/platform/db/database.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    'threshold-mb': { type: 'string', default: '4' },
    only: { type: 'string' },
    child: { type: 'string' },
    'no-pk': { type: 'boolean', default: false },
  },
});
const ROWS = Number(values.rows);
const THRESHOLD = Math.round(Number(values['threshold-mb']) * 1024 * 1024);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SCRATCH = 'grip_bench_bulk';

async function run(kind: 'pglite' | 'postgres'): Promise<void> {
  let database: Database;
  let drop = async () => {};
  if (kind === 'pglite') {
    database = await openPglite(null, 'grip_app');
  } else {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${SCRATCH} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${SCRATCH}`);
    await admin.end();
    const url = new URL(ADMIN_URL);
    url.pathname = `/${SCRATCH}`;
    database = await openPostgres(url.toString(), 'grip_app', 2);
    drop = async () => {
      const dropper = new pg.Client({ connectionString: ADMIN_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${SCRATCH} WITH (FORCE)`);
      await dropper.end();
    };
  }
  try {
    await sql`
      CREATE TABLE bench_person (
        id uuid ${sql.raw(values['no-pk'] ? '' : 'PRIMARY KEY')},
        name text NOT NULL,
        age integer NOT NULL,
        born date NOT NULL,
        score bigint NOT NULL
      )`.execute(database.db);
    const days = Array.from({ length: 3650 }, (_, i) =>
      new Date(Date.UTC(1950, 0, 1) + i * 7 * 86_400_000).toISOString().slice(0, 10),
    );
    const rssBefore = process.memoryUsage.rss();
    const start = performance.now();
    const writer = openBulkWriter(database, { flushThresholdBytes: THRESHOLD });
    const people = writer.table('bench_person', ['id', 'name', 'age', 'born', 'score']);
    for (let i = 0; i < ROWS; i++) {
      people.add([randomUUID(), `Persoon ${i}`, i % 100, days[i % days.length], i * 1_000_003]);
      if ((i & 1023) === 0) await writer.maybeFlush();
    }
    await writer.close();
    const seconds = (performance.now() - start) / 1000;
    const counted = await sql<{ n: number }>`SELECT count(*)::int AS n FROM bench_person`.execute(
      database.db,
    );
    if (counted.rows[0]!.n !== ROWS) throw new Error(`expected ${ROWS} rows, found ${counted.rows[0]!.n}`);
    const peakMb = process.resourceUsage().maxRSS / 1024;
    console.log(
      `${kind.padEnd(8)} ${values['no-pk'] ? '(no pk) ' : ''}${ROWS} rows in ${seconds.toFixed(2)} s = ${Math.round(ROWS / seconds).toLocaleString('en')} rows/s, ` +
        `${writer.flushCount} flushes of ${values['threshold-mb']} MiB; RSS before ${Math.round(rssBefore / 2 ** 20)} MiB, ` +
        `peak ${Math.round(peakMb)} MiB`,
    );
  } finally {
    await database.close();
    await drop();
  }
}

if (values.child === 'pglite' || values.child === 'postgres') {
  await run(values.child);
} else {
  const kinds = values.only ? [values.only] : ['pglite', 'postgres'];
  for (const kind of kinds) {
    const args = ['--rows', String(ROWS), '--threshold-mb', values['threshold-mb'], '--child', kind];
    if (values['no-pk']) args.push('--no-pk');
    const result = spawnSync(process.execPath, [import.meta.filename, ...args], { stdio: 'inherit' });
    if (result.status !== 0) process.exitCode = result.status ?? 1;
  }
}
