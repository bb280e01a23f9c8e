/**
 * Benchmark of the synthetic-municipality generator: rows per second and peak memory at 81,000 and
 * 900,000 inhabitants, on PostgreSQL and on PGlite (on disk, as `npm start` uses it). Each run is a child
 * process (`src/generator/cli.ts --json`) on a fresh database, so its peak RSS is its own; PostgreSQL's own
 * memory is not in that figure. Results, with the machine's details, go to bench/results/generate.json and
 * bench/results/generate.md. These machines are noisy: compare the ratios within one run.
 *
 *   npm run bench:generate [-- --sizes 81000,900000] [--years 3] [--only postgres|pglite]
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test (default; used to create scratch databases)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '81000,900000' },
    years: { type: 'string', default: '3' },
    only: { type: 'string' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const years = Number(values.years);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const kinds = (['postgres', 'pglite'] as const).filter((k) => !values.only || values.only === k);

interface Run {
  database: string;
  inhabitants: number;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  phases: { streamSeconds: number; verifySeconds: number; finishSeconds: number };
  peakRssBytes: number;
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

async function runOnce(kind: 'postgres' | 'pglite', inhabitants: number): Promise<Run> {
  const args = [
    'src/generator/cli.ts',
    '--json',
    '--municipality',
    'GM0164',
    '--inhabitants',
    String(inhabitants),
    '--years',
    String(years),
    '--seed',
    '42',
    '--until',
    '2026-10',
  ];
  const env: NodeJS.ProcessEnv = { ...process.env };
  let cleanup = async () => {};
  if (kind === 'postgres') {
    const name = `grip_bench_generate_${inhabitants}`;
    await admin((c) =>
      c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => c.query(`CREATE DATABASE ${name}`)),
    );
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    cleanup = () =>
      admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined);
  } else {
    delete env.DATABASE_URL;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grip-bench-generate-'));
    args.push('--data-dir', dir);
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  try {
    const child = spawnSync(process.execPath, args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (child.status !== 0) throw new Error(`generator failed on ${kind} at ${inhabitants}: ${child.stderr}`);
    const line = child.stdout.trim().split('\n').pop()!;
    return JSON.parse(line) as Run;
  } finally {
    await cleanup();
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

const started = machine();
const runs: Run[] = [];
for (const kind of kinds) {
  for (const inhabitants of sizes) {
    process.stderr.write(`${kind} ${inhabitants.toLocaleString('en')} inhabitants, ${years} years … `);
    const run = await runOnce(kind, inhabitants);
    process.stderr.write(
      `${run.rows.toLocaleString('en')} rows, ${run.rowsPerSecond.toLocaleString('en')} rows/s, peak ${Math.round(run.peakRssBytes / 1048576)} MB\n`,
    );
    runs.push(run);
  }
}

const mb = (b: number) => Math.round(b / 1048576);
const ratios = kinds.map((kind) => {
  const [small, large] = [sizes[0], sizes[sizes.length - 1]].map((s) =>
    runs.find((r) => r.database === kind && r.inhabitants === s)!,
  );
  return {
    database: kind,
    rowsRatio: Math.round((large!.rows / small!.rows) * 100) / 100,
    peakMemoryRatio: Math.round((large!.peakRssBytes / small!.peakRssBytes) * 100) / 100,
    rowsPerSecondRatio: Math.round((large!.rowsPerSecond / small!.rowsPerSecond) * 100) / 100,
  };
});
const result = {
  machine: { ...started, loadAverageAfter: os.loadavg().map((l) => Math.round(l * 100) / 100) },
  years,
  runs: runs.map(({ database, inhabitants, rows, seconds, rowsPerSecond, phases, peakRssBytes }) => ({
    database,
    inhabitants,
    rows,
    seconds: Math.round(seconds * 10) / 10,
    rowsPerSecond,
    streamingRowsPerSecond: Math.round(rows / phases.streamSeconds),
    phases,
    peakRssMb: mb(peakRssBytes),
  })),
  ratios,
};
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync('bench/results/generate.json', `${JSON.stringify(result, null, 2)}\n`);
const md = [
  `# Generator benchmark (${started.date.slice(0, 10)})`,
  '',
  `Machine: ${started.cpu}, ${started.cores} cores, ${started.memoryGb} GB, ${started.os}; Node ${started.node}; ${started.postgres}; PGlite ${started.pglite}. Load average at start ${started.loadAverage.join(' / ')}.`,
  `Each run: \`npm run generate -- --municipality GM0164 --inhabitants N --years ${years} --seed 42 --until 2026-10\` on a fresh database.`,
  '',
  '| database | inhabitants | rows | seconds | rows/s (total) | rows/s (streaming) | peak RSS (MB) |',
  '|---|---:|---:|---:|---:|---:|---:|',
  ...result.runs.map(
    (r) =>
      `| ${r.database} | ${r.inhabitants.toLocaleString('en')} | ${r.rows.toLocaleString('en')} | ${r.seconds} | ${r.rowsPerSecond.toLocaleString('en')} | ${r.streamingRowsPerSecond.toLocaleString('en')} | ${r.peakRssMb} |`,
  ),
  '',
  '| database | rows large/small | peak memory large/small | rows/s large/small |',
  '|---|---:|---:|---:|',
  ...ratios.map((r) => `| ${r.database} | ${r.rowsRatio} | ${r.peakMemoryRatio} | ${r.rowsPerSecondRatio} |`),
  '',
  'Total rows/s includes the set-based foreign-key check and ANALYZE at the end; streaming rows/s is the load itself.',
  'Peak RSS is the generator process (on PGlite that includes the embedded database); PostgreSQL server memory is not counted.',
  '',
].join('\n');
fs.writeFileSync('bench/results/generate.md', md);
console.log(md);
