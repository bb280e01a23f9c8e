/**
 * Benchmark of the 323 import: one iJw 3.2 JW323 declaration of 100,000 lines (a large city's month from a
 * large provider) for allocations that exist, validated against the XSD, read, checked and booked in one
 * transaction, on PostgreSQL and on PGlite (on disk, as `npm start` uses it). Reports lines per second,
 * the time of each phase, the longest single statement of the booking and peak memory (RSS), with the
 * machine's details, to bench/results/declarations.json and .md.
 *
 * Each database run is a child process on a fresh database (PostgreSQL: a scratch database created and
 * dropped here; PGlite: a temporary data directory), so its peak RSS is its own. The set-up (clients,
 * allocations, started care) and the XML file are made before the clock starts.
 *
 *   npm run bench:declarations [-- --lines 100000] [--only postgres|pglite]
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test (default; used to create the scratch database)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { seedDemo } from '../src/demo/demo-seed.ts';
import {
  bookingBatchSize,
  bookInboundMessage,
  prepareInboundMessage,
  whenValid,
} from '../src/istandaard/message-import.ts';
import { declarationMessage, type DeclarationLine } from '../src/istandaard/provider-messages.ts';
import { openPglite, openPostgres, type Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { inTenantTransaction } from '../src/platform/db/tenant-transaction.ts';
import { isValidBsn } from '../src/residents/bsn.ts';

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '100000' },
    only: { type: 'string' },
    child: { type: 'string' },
    target: { type: 'string' },
    file: { type: 'string' },
  },
});
const LINES = Number(values.lines);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const M = 'GM0164';
const AGB = '87654321';
const PERIOD = { start: '2026-10-01', end: '2026-10-31' };
const PRODUCTS = [
  { code: '45A01', tariffCents: 8_850 },
  { code: '45A02', tariffCents: 9_600 },
  { code: '45A03', tariffCents: 7_425 },
  { code: '45A04', tariffCents: 11_000 },
];

interface ChildResult {
  database: string;
  lines: number;
  accepted: number;
  rejected: number;
  megabytes: number;
  /** validate: from the start until the validator thread answered (it runs alongside read and book). */
  seconds: { validate: number; read: number; book: number; total: number };
  linesPerSecond: number;
  /** CPU time of this process (all threads) over validate + read + book: a figure the machine's load hardly moves. */
  cpuSeconds: number;
  /** PostgreSQL: CPU time of the server backend that booked (null when /proc cannot tell, and on PGlite). */
  serverCpuSeconds: number | null;
  /** Non-internal triggers on declaration_line, declaration and istandaard_message during the run. */
  triggers: string[];
  longestStatement: { label: string; ms: number };
  statements: number;
  /** Seconds spent per kind of statement. */
  statementSeconds: Record<string, number>;
  peakRssMb: number;
}

/** BSNs of the test range (they start with 99 and pass the 11-proef), in order. */
function bsns(count: number): string[] {
  const out: string[] = [];
  for (let n = 990_000_000; out.length < count; n++) {
    const s = String(n);
    if (isValidBsn(s)) out.push(s);
  }
  return out;
}

/** One client per two allocations; every allocation started; 1 in 100 lines wrong in a way the checks catch. */
function plan(lines: number) {
  const clients = bsns(Math.ceil(lines / 2));
  return Array.from({ length: lines }, (_, i) => {
    const product = PRODUCTS[i % PRODUCTS.length]!;
    const volume = 4 + (i % 5);
    const wrongTariff = i % 100 === 37;
    const tooMuch = i % 100 === 71;
    const declared = tooMuch ? 200 : volume;
    const tariff = wrongTariff ? product.tariffCents + 1 : product.tariffCents;
    return {
      number: 1_000_000 + i,
      bsn: clients[Math.floor(i / 2)]!,
      product,
      allocatedVolume: 3,
      line: {
        bsn: clients[Math.floor(i / 2)]!,
        reference: `B${i}`,
        toewijzingNumber: 1_000_000 + i,
        category: '45',
        code: product.code,
        periodStart: PERIOD.start,
        periodEnd: PERIOD.end,
        volume: declared,
        unitCode: '04',
        tariffCents: tariff,
        amountCents: declared * tariff,
      } satisfies DeclarationLine,
    };
  });
}

/** The provider, contract, products, clients, allocations and started care, as the database owner. */
async function setUp(database: Database, lines: number) {
  const db = database.db;
  const rows = plan(lines);
  const provider = await db
    .insertInto('provider')
    .values({ municipality_code: M, name: 'Jeugdhulp Bench', agb_code: AGB })
    .returning('id')
    .executeTakeFirstOrThrow();
  const contract = await db
    .insertInto('contract')
    .values({
      municipality_code: M,
      provider_id: provider.id,
      reference: 'BENCH-1',
      lot: 'Jeugdhulp ambulant',
      funding_variant: 'inspanningsgericht',
      valid_from: '2026-01-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const services = new Map<string, string>();
  for (const p of PRODUCTS) {
    const service = await db
      .insertInto('service')
      .values({
        municipality_code: M,
        code: `B-${p.code}`,
        name: `Bench ${p.code}`,
        kind: 'maatwerk',
        delivery: 'individueel',
        law_code: 'jeugdwet',
        product_category_code: '45',
        product_code: p.code,
        unit_code: '04',
        frequency_code: '2',
        funding_variant: 'inspanningsgericht',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    services.set(p.code, service.id);
    await db
      .insertInto('contract_product')
      .values({
        municipality_code: M,
        contract_id: contract.id,
        service_id: service.id,
        valid_from: '2026-01-01',
        tariff_cents: p.tariffCents,
        unit_code: '04',
      })
      .execute();
  }
  const people = [...new Set(rows.map((r) => r.bsn))];
  const personIds = new Map<string, string>();
  for (let i = 0; i < people.length; i += 5_000) {
    const chunk = people.slice(i, i + 5_000);
    const { rows: inserted } = await sql<{ id: string; bsn: string }>`
      INSERT INTO person (municipality_code, bsn, given_names, family_name, birth_date, is_synthetic)
      SELECT ${M}, b, 'Kim', 'Bench', DATE '2012-06-01', true FROM unnest(${chunk}::text[]) AS b
      RETURNING id, bsn`.execute(db);
    for (const r of inserted) personIds.set(r.bsn, r.id);
  }
  for (let i = 0; i < rows.length; i += 5_000) {
    const chunk = rows.slice(i, i + 5_000);
    await sql`
      WITH t AS (
        INSERT INTO toewijzing (municipality_code, toewijzing_number, referrer_type_code, person_id, provider_id,
          contract_id, service_id, law_code, product_category_code, product_code, start_date, volume, unit_code,
          frequency_code, commitment_cents, status)
        SELECT ${M}, n, '02', p, ${provider.id}::uuid, ${contract.id}::uuid, s, 'jeugdwet', '45', c,
          DATE '2026-01-01', ${3}, '04', '2', 0, 'actief'
        FROM unnest(${chunk.map((r) => r.number)}::bigint[], ${chunk.map((r) => personIds.get(r.bsn)!)}::uuid[],
          ${chunk.map((r) => services.get(r.product.code)!)}::uuid[], ${chunk.map((r) => r.product.code)}::text[]) AS u(n, p, s, c)
        RETURNING id
      )
      INSERT INTO care_delivery (municipality_code, toewijzing_id, start_date, start_reported_at)
      SELECT ${M}, id, DATE '2026-01-05', now() FROM t`.execute(db);
  }
  await sql`ANALYZE`.execute(db);
  return rows;
}

function writeMessage(file: string, lines: number) {
  const rows = plan(lines);
  const xml = declarationMessage(
    {
      standard: 'ijw',
      providerAgb: AGB,
      municipalityNumber: M.slice(2),
      identification: 'BENCH000001',
      datedOn: '2026-11-05',
    },
    { number: 'BENCH202610', periodStart: PERIOD.start, periodEnd: PERIOD.end },
    rows.map((r) => r.line),
  );
  fs.writeFileSync(file, xml);
}

/** User + system CPU seconds of a process of this machine (Linux /proc), or null. */
function procCpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** Child: open a fresh database, set up, then time validate + read + book of the file. */
async function child(kind: 'postgres' | 'pglite', target: string, file: string): Promise<ChildResult> {
  const database =
    kind === 'postgres' ? await openPostgres(target, 'grip_app', 4) : await openPglite(target, 'grip_app');
  try {
    await migrate(database);
    await seedDemo(database);
    await setUp(database, LINES);
    const xml = fs.readFileSync(file, 'utf8');
    const statements: { label: string; ms: number }[] = [];
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    // The validation runs on a worker thread while the message is read and booked; the transaction
    // commits only once it is done.
    const prepared = await prepareInboundMessage(xml, { parallel: true });
    let tv = 0;
    void prepared.validated.then(() => (tv = performance.now()));
    const t1 = performance.now();
    let serverCpu: number | null = null;
    const result = await inTenantTransaction(database, M, async (tx) => {
      // PostgreSQL on this machine: the CPU time of the backend that books (from /proc), so that the
      // server's share is counted too and the load of the machine does not blur it.
      const backend =
        kind === 'postgres'
          ? (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(tx)).rows[0]!.pid
          : null;
      const before = backend === null ? null : procCpuSeconds(backend);
      const booked = await whenValid(prepared, () =>
        bookInboundMessage(
          tx,
          {
            municipalityCode: M,
            userId: null,
            providerId: null,
            batchSize: bookingBatchSize(kind),
            databaseKind: kind,
            onStatement: (label, ms) => statements.push({ label, ms }),
          },
          prepared.message,
        ),
      );
      if (backend !== null && before !== null) {
        const after = procCpuSeconds(backend);
        if (after !== null) serverCpu = Math.round((after - before) * 100) / 100;
      }
      return booked;
    });
    const t2 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    // Other work adds triggers to these tables (change tracking for the dashboard): say which were there.
    const { rows: triggers } = await sql<{ name: string }>`
      SELECT tgrelid::regclass || '.' || tgname AS name FROM pg_trigger
      WHERE NOT tgisinternal AND tgrelid IN ('declaration_line'::regclass, 'declaration'::regclass,
        'istandaard_message'::regclass)
      ORDER BY 1`.execute(database.db);
    const longest = statements.reduce((a, b) => (b.ms > a.ms ? b : a), { label: '', ms: 0 });
    const total = (t2 - t0) / 1000;
    return {
      database: kind,
      lines: result.lineCount,
      accepted: result.accepted,
      rejected: result.rejected,
      megabytes: Math.round((Buffer.byteLength(xml) / 1048576) * 10) / 10,
      seconds: {
        validate: Math.round((tv - t0) / 10) / 100,
        read: Math.round((t1 - t0) / 10) / 100,
        book: Math.round(((t2 - t1) / 1000) * 100) / 100,
        total: Math.round(total * 100) / 100,
      },
      linesPerSecond: Math.round(result.lineCount / total),
      cpuSeconds: Math.round((cpu.user + cpu.system) / 10_000) / 100,
      serverCpuSeconds: serverCpu,
      triggers: triggers.map((t) => t.name),
      longestStatement: { label: longest.label, ms: Math.round(longest.ms * 10) / 10 },
      statements: statements.length,
      statementSeconds: Object.fromEntries(
        [...new Set(statements.map((st) => st.label))].map((label) => [
          label,
          Math.round(statements.filter((st) => st.label === label).reduce((sum, st) => sum + st.ms, 0) / 10) /
            100,
        ]),
      ),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    await database.close();
  }
}

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function machine() {
  const cpus = os.cpus();
  const pgVersion = spawnSync('psql', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const pglite = JSON.parse(fs.readFileSync('node_modules/@electric-sql/pglite/package.json', 'utf8')) as {
    version: string;
  };
  return {
    date: new Date().toISOString(),
    os: `${os.type()} ${os.release()}`,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    postgres: pgVersion,
    pglite: pglite.version,
  };
}

async function runOnce(kind: 'postgres' | 'pglite', file: string): Promise<ChildResult> {
  let target: string;
  let cleanup = async () => {};
  if (kind === 'postgres') {
    const name = 'grip_bench_declarations';
    await admin((c) =>
      c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => c.query(`CREATE DATABASE ${name}`)),
    );
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    target = url.toString();
    cleanup = () =>
      admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined);
  } else {
    target = fs.mkdtempSync(path.join(os.tmpdir(), 'grip-bench-declarations-'));
    cleanup = async () => fs.rmSync(target, { recursive: true, force: true });
  }
  try {
    const run = spawnSync(
      process.execPath,
      [import.meta.filename, '--child', kind, '--target', target, '--file', file, '--lines', String(LINES)],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    if (run.status !== 0) throw new Error(`bench failed on ${kind} (exit ${run.status})`);
    return JSON.parse(run.stdout.trim().split('\n').pop()!) as ChildResult;
  } finally {
    await cleanup();
  }
}

if (values.child) {
  const result = await child(values.child as 'postgres' | 'pglite', values.target!, values.file!);
  console.log(JSON.stringify(result));
  process.exit(0);
}

const kinds = (['postgres', 'pglite'] as const).filter((k) => !values.only || values.only === k);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grip-bench-323-'));
const file = path.join(dir, 'JW323.xml');
const started = machine();
writeMessage(file, LINES);
const runs: ChildResult[] = [];
try {
  for (const kind of kinds) {
    process.stderr.write(`${kind}: ${LINES.toLocaleString('en')} lines … `);
    const run = await runOnce(kind, file);
    process.stderr.write(
      `${run.linesPerSecond.toLocaleString('en')} lines/s, longest statement ${run.longestStatement.ms} ms, peak ${run.peakRssMb} MB\n`,
    );
    runs.push(run);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

const result = {
  machine: { ...started, loadAverageAfter: os.loadavg().map((l) => Math.round(l * 100) / 100) },
  message: `JW323, ${LINES} prestaties for ${Math.ceil(LINES / 2)} clients, one provider, one month; 1 in 50 lines wrong (tariff or volume)`,
  batchSize: { postgres: bookingBatchSize('postgres'), pglite: bookingBatchSize('pglite') },
  runs,
};
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync('bench/results/declarations.json', JSON.stringify(result, null, 2) + '\n');
const m = result.machine;
const md = [
  `# Declarations benchmark (${m.date.slice(0, 10)})`,
  '',
  `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, ${m.os}; Node ${m.node}; ${m.postgres}; PGlite ${m.pglite}. Load average at start ${m.loadAverage.join(' / ')}.`,
  `Each run: \`npm run bench:declarations\` — ${result.message}, validated against the JW323 XSD (above 4 MB by the validator compiled from the XSD, src/istandaard/xsd-compiled.ts, on a worker thread while the main thread reads, checks and books; xmllint-wasm takes about 9 s for this file), read, checked and booked in one transaction on a fresh database that commits only once the validator has answered. "validate s" is when the validator answered, counted from the start: it overlaps "read s" and "book s", and total = read + book (+ any wait for the validator).`,
  '',
  '| database | lines | accepted | rejected | MB | validate s | read s | book s | total s | lines/s | CPU s | server CPU s | longest statement | peak RSS (MB) |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|',
  ...runs.map(
    (r) =>
      `| ${r.database} | ${r.lines.toLocaleString('en')} | ${r.accepted.toLocaleString('en')} | ${r.rejected.toLocaleString('en')} | ${r.megabytes} | ${r.seconds.validate} | ${r.seconds.read} | ${r.seconds.book} | ${r.seconds.total} | ${r.linesPerSecond.toLocaleString('en')} | ${r.cpuSeconds} | ${r.serverCpuSeconds ?? '–'} | ${r.longestStatement.ms} ms (${r.longestStatement.label}) | ${r.peakRssMb} |`,
  ),
  '',
  `Booking runs in batches of ${result.batchSize.postgres.toLocaleString('en')} lines per statement on PostgreSQL and ${result.batchSize.pglite.toLocaleString('en')} on PGlite (bookingBatchSize, as the import route). On PostgreSQL the next statement is already waiting on the connection while the main thread checks the following lines (src/istandaard/statement-queue.ts); on PGlite, which runs on the main thread and serves other requests between statements, each statement waits for the one before. JIT is off for the booking (it compiled the dashboard trigger's statement on every batch of lines). "longest statement" is the slowest single statement of the booking, counted from when the connection could start it until it was done ("facts" is the look-up of the allocations with their client, care delivery and accepted lines, plus on the first batch the contracted tariffs; "session" switches JIT off and back).`,
  `Time per kind of statement (s): ${runs
    .map(
      (r) =>
        `${r.database}: ${Object.entries(r.statementSeconds)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
    )
    .join('; ')}.`,
  `Triggers (not internal) on declaration_line, declaration and istandaard_message during the run: ${runs
    .map((r) => `${r.database}: ${r.triggers.length ? r.triggers.join(', ') : 'none'}`)
    .join('; ')}.`,
  'Peak RSS is the benchmark process (on PGlite that includes the embedded database); PostgreSQL server memory is not counted.',
  'CPU s is the CPU time of the benchmark process over validate + read + book, all threads (on PGlite that includes the embedded database); server CPU s is that of the PostgreSQL backend that booked (read from /proc). Unlike the wall-clock figures they hardly change with the load of the machine.',
  '',
].join('\n');
fs.writeFileSync('bench/results/declarations.md', md);
console.log(md);
