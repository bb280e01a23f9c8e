/**
 * Benchmark of the dashboard (issue 8): generates a municipality, then times every dashboard view for a set
 * of filter states — cold (computed from the summaries: the first call after start or after a data change;
 * the cache is emptied before each call) and warm (answered from the cache), p50 and p95 — next to the same
 * headline figures computed by plain SQL over the raw tables, and the time one day's new allocations and
 * declarations take to be reflected (insert, refresh, first view). It also measures what the change-tracking
 * triggers cost a bulk insert of 100,000 rows. Views that fail or are still placeholders are recorded as
 * such; the run goes on. Results, with the machine's details, go to bench/results/dashboard.{json,md}; a run
 * for one database keeps the other database's last results.
 *
 *   npm run bench:dashboard [-- --only pglite|postgres] [--pglite-size 81000] [--pglite-years 10]
 *                           [--postgres-size 900000] [--postgres-years 10] [--repeat 7] [--warm 25]
 *                           [--pglite-dir DIR] [--postgres-keep]
 * --pglite-dir keeps the embedded database in DIR, and a later run with the same DIR measures it again without
 * generating (it applies new migrations and rebuilds the summaries); --postgres-keep does the same with the
 * scratch database grip_bench_dashboard. For working on the views; the results file says when data were reused.
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test (default; used to create a scratch database)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import {
  clearDashboardCache,
  loadDashboardView,
  loadFilterOptions,
} from '../src/dashboard/dashboard-service.ts';
import { fullRefresh, refreshDashboards } from '../src/dashboard/refresh.ts';
import { DASHBOARD_VIEWS } from '../src/dashboard/registry.ts';
import { generateMunicipality } from '../src/generator/generate.ts';
import { openPglite, openPostgres, type Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    'pglite-size': { type: 'string', default: '81000' },
    'pglite-years': { type: 'string', default: '10' },
    'postgres-size': { type: 'string', default: '900000' },
    'postgres-years': { type: 'string', default: '10' },
    repeat: { type: 'string', default: '7' },
    warm: { type: 'string', default: '25' },
    'pglite-dir': { type: 'string' },
    'postgres-keep': { type: 'boolean', default: false },
  },
});
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MC = 'GM0164';
const UNTIL = '2026-10';
const REPEAT = Number(values.repeat);
const WARM = Number(values.warm);
const kinds = (['pglite', 'postgres'] as const).filter((k) => !values.only || values.only === k);

type Kind = 'pglite' | 'postgres';

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
async function time<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}
const log = (message: string) => process.stderr.write(`${message}\n`);

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

interface Opened {
  database: Database;
  /** Whether the database already holds a generated municipality from an earlier run (kept on purpose). */
  reused: boolean;
  cleanup: () => Promise<void>;
}

async function openFresh(kind: Kind): Promise<Opened> {
  if (kind === 'pglite') {
    const keep = values['pglite-dir'];
    const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'grip-bench-dashboard-'));
    const reused = keep !== undefined && fs.existsSync(path.join(dir, 'pgdata', 'PG_VERSION'));
    const database = await openPglite(dir, 'grip_app');
    return {
      database,
      reused,
      cleanup: async () => {
        await database.close();
        if (!keep) fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = 'grip_bench_dashboard';
  const keep = values['postgres-keep'];
  const exists = await admin((c) => c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]));
  const reused = keep && (exists.rowCount ?? 0) > 0;
  if (!reused) {
    await admin((c) =>
      c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => c.query(`CREATE DATABASE ${name}`)),
    );
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), 'grip_app', 10);
  return {
    database,
    reused,
    cleanup: async () => {
      await database.close();
      if (!keep) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** The same headline figures as the views, by plain SQL over the raw tables (what a BI tool would run). */
function rawHeadline(view: string, year: number) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const homeWijk = sql`(SELECT b.wijk_code FROM household_member hm
      JOIN household h ON h.municipality_code = hm.municipality_code AND h.id = hm.household_id
      JOIN address a ON a.municipality_code = h.municipality_code AND a.id = h.address_id
      JOIN buurt b ON b.municipality_code = a.municipality_code AND b.code = a.buurt_code
      WHERE hm.municipality_code = t.municipality_code AND hm.person_id = t.person_id
      ORDER BY hm.valid_from DESC LIMIT 1)`;
  switch (view) {
    case 'volumes':
      return sql`SELECT t.law_code, ${homeWijk} AS wijk, count(DISTINCT t.person_id) AS clients
        FROM toewijzing t WHERE t.municipality_code = ${MC} AND t.start_date <= ${to}::date
          AND (t.end_date IS NULL OR t.end_date >= ${from}::date)
        GROUP BY 1, 2`;
    case 'durations':
      return sql`SELECT law_code, percentile_cont(0.5) WITHIN GROUP (ORDER BY coalesce(end_date, ${to}::date) - start_date) AS median_days,
          count(*) FILTER (WHERE end_date IS NULL OR end_date > start_date + 365) AS open_after_12
        FROM toewijzing WHERE municipality_code = ${MC} AND start_date <= ${to}::date
          AND (end_date IS NULL OR end_date >= ${from}::date) GROUP BY 1`;
    case 'money':
      return sql`SELECT s.law_code, date_trunc('month', l.period_start) AS month, sum(l.amount_cents) AS realised,
          count(DISTINCT t.person_id) AS clients
        FROM declaration_line l
        JOIN toewijzing t ON t.municipality_code = l.municipality_code AND t.id = l.toewijzing_id
        JOIN service s ON s.municipality_code = t.municipality_code AND s.id = t.service_id
        WHERE l.municipality_code = ${MC} AND l.status = 'geaccepteerd'
          AND l.period_start BETWEEN ${from}::date AND ${to}::date GROUP BY 1, 2`;
    case 'pyramid':
      return sql`SELECT s.kind, ${homeWijk} AS wijk, count(DISTINCT t.person_id) AS clients
        FROM toewijzing t JOIN service s ON s.municipality_code = t.municipality_code AND s.id = t.service_id
        WHERE t.municipality_code = ${MC} AND t.start_date <= ${to}::date
          AND (t.end_date IS NULL OR t.end_date >= ${from}::date) GROUP BY 1, 2`;
    case 'overlap':
      return sql`SELECT laws, count(*) AS households FROM (
          SELECT hm.household_id, string_agg(DISTINCT t.law_code, '+' ORDER BY t.law_code) AS laws
          FROM toewijzing t JOIN household_member hm ON hm.municipality_code = t.municipality_code AND hm.person_id = t.person_id
          WHERE t.municipality_code = ${MC} AND t.start_date <= ${to}::date
            AND (t.end_date IS NULL OR t.end_date >= ${from}::date) GROUP BY 1) x GROUP BY 1`;
    case 'effects':
      return sql`SELECT s.life_domain_code, avg(e.score - s.score) AS change, count(DISTINCT s.person_id) AS persons
        FROM life_domain_score s JOIN life_domain_score e ON e.municipality_code = s.municipality_code
          AND e.person_id = s.person_id AND e.life_domain_code = s.life_domain_code AND e.plan_evaluation_id IS NOT NULL
        WHERE s.municipality_code = ${MC} AND s.intake_id IS NOT NULL AND e.assessed_on BETWEEN ${from}::date AND ${to}::date
        GROUP BY 1`;
    case 'wijk-dna':
      return sql`SELECT b.wijk_code, count(*) AS questions
        FROM help_question q
        JOIN household h ON h.municipality_code = q.municipality_code AND h.id = q.household_id
        JOIN address a ON a.municipality_code = h.municipality_code AND a.id = h.address_id
        JOIN buurt b ON b.municipality_code = a.municipality_code AND b.code = a.buurt_code
        WHERE q.municipality_code = ${MC} AND q.received_at >= ${from}::date AND q.received_at < ${to}::date + 1
        GROUP BY 1`;
    default:
      return null;
  }
}

interface FilterState {
  name: string;
  filters: Record<string, string>;
}

async function filterStates(database: Database): Promise<FilterState[]> {
  const { options } = await loadFilterOptions(database, MC);
  const latest = options.period.defaultTo.slice(0, 4);
  const first = options.period.firstMonth?.slice(0, 4) ?? latest;
  const wijk = options.wijken[0]?.code;
  const buurt = options.buurten.find((b) => b.wijkCode === wijk)?.code;
  const { rows } = await sql<{ service_id: string; provider_id: string }>`
    SELECT service_id::text, provider_id::text FROM toewijzing WHERE municipality_code = ${MC}
    GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1`.execute(database.db);
  const states: FilterState[] = [
    { name: 'default (latest year)', filters: {} },
    { name: 'law=wmo', filters: { law: 'wmo' } },
    { name: 'law=jeugdwet, ageGroup=0-17', filters: { law: 'jeugdwet', ageGroup: '0-17' } },
    {
      name: `earlier year (${Number(latest) - 1})`,
      filters: { from: `${Number(latest) - 1}-01`, to: `${Number(latest) - 1}-12` },
    },
    {
      // As the period picker offers it: from the first month with data.
      name: `whole period (${options.period.firstMonth ?? `${first}-01`} – ${options.period.defaultTo})`,
      filters: { from: options.period.firstMonth ?? `${first}-01`, to: options.period.defaultTo },
    },
    // Not a standard period of the count cube: counted from the person grain.
    {
      name: `a quarter (${latest}-04 – ${latest}-06)`,
      filters: { from: `${latest}-04`, to: `${latest}-06` },
    },
  ];
  if (wijk) states.push({ name: 'wijk', filters: { wijk } });
  if (wijk && buurt) states.push({ name: 'wijk + buurt', filters: { wijk, buurt } });
  if (rows[0]) states.push({ name: 'service', filters: { service: rows[0].service_id } });
  if (rows[0]) states.push({ name: 'provider', filters: { provider: rows[0].provider_id } });
  return states;
}

async function triggerCost(database: Database) {
  const columns = sql.raw(
    'municipality_code, declaration_id, toewijzing_id, period_start, period_end, volume, unit_code, tariff_cents, amount_cents, status, rejection_code, rejection_reason',
  );
  const insert = (tx: Database['db']) =>
    sql`INSERT INTO declaration_line (${columns})
        SELECT ${columns} FROM (SELECT * FROM declaration_line WHERE municipality_code = ${MC} ORDER BY id LIMIT 100000) l
        CROSS JOIN generate_series(1, 100) copy LIMIT 100000`.execute(tx);
  const measure = async (mode: 'tracked' | 'tracking-off' | 'no-trigger'): Promise<number> => {
    let ms = 0;
    await database.db
      .transaction()
      .execute(async (tx) => {
        if (mode === 'tracking-off') await sql`SET LOCAL grip.dash_tracking = 'off'`.execute(tx);
        if (mode === 'no-trigger')
          await sql`ALTER TABLE declaration_line DISABLE TRIGGER dash_track_insert`.execute(tx);
        [ms] = await time(() => insert(tx as unknown as Database['db']));
        throw new Rollback();
      })
      .catch((e: unknown) => {
        if (!(e instanceof Rollback)) throw e;
      });
    return ms;
  };
  const samples: Record<string, number[]> = { tracked: [], 'tracking-off': [], 'no-trigger': [] };
  for (let i = 0; i < 3; i++) {
    for (const mode of ['no-trigger', 'tracked', 'tracking-off'] as const)
      samples[mode]!.push(await measure(mode));
  }
  const best = (k: string) => Math.min(...samples[k]!);
  return {
    rows: 100_000,
    table: 'declaration_line (records months and persons through toewijzing)',
    noTriggerMs: round(best('no-trigger')),
    trackedMs: round(best('tracked')),
    trackingOffMs: round(best('tracking-off')),
    ratioTrackedToNoTrigger: round(best('tracked') / best('no-trigger'), 2),
  };
}
class Rollback extends Error {}

async function oneDay(database: Database) {
  const { rows: last } = await sql<{ day: string; daily_allocations: number; daily_lines: number }>`
    SELECT to_char(max(start_date), 'YYYY-MM-DD') AS day,
      greatest(1, round(count(*) FILTER (WHERE start_date > max_start - 365) / 365.0))::int AS daily_allocations,
      (SELECT greatest(1, round(count(*) / 30.0))::int FROM declaration_line
         WHERE municipality_code = ${MC} AND period_start >= (SELECT max(period_start) FROM declaration_line WHERE municipality_code = ${MC})) AS daily_lines
    FROM (SELECT start_date, max(start_date) OVER () AS max_start FROM toewijzing WHERE municipality_code = ${MC}) t`.execute(
    database.db,
  );
  const { day, daily_allocations: allocations, daily_lines: lines } = last[0]!;
  const [insertMs] = await time(() =>
    database.db.transaction().execute(async (tx) => {
      await sql`INSERT INTO toewijzing (municipality_code, toewijzing_number, beschikking_product_id, referrer_type_code,
          person_id, provider_id, contract_id, service_id, law_code, product_category_code, product_code, start_date, end_date,
          volume, unit_code, frequency_code, budget_cents, commitment_cents, status)
        SELECT municipality_code, (SELECT max(toewijzing_number) FROM toewijzing WHERE municipality_code = ${MC}) + row_number() OVER (),
          beschikking_product_id, referrer_type_code, person_id, provider_id, contract_id, service_id, law_code,
          product_category_code, product_code, ${day}::date, NULL, volume, unit_code, frequency_code, budget_cents,
          commitment_cents, 'actief'
        FROM toewijzing WHERE municipality_code = ${MC} ORDER BY start_date DESC LIMIT ${allocations}`.execute(
        tx,
      );
      await sql`INSERT INTO declaration_line (municipality_code, declaration_id, toewijzing_id, period_start, period_end, volume,
          unit_code, tariff_cents, amount_cents, status, rejection_code, rejection_reason)
        SELECT municipality_code, declaration_id, toewijzing_id, period_start, period_end, volume, unit_code, tariff_cents,
          amount_cents, status, rejection_code, rejection_reason
        FROM declaration_line WHERE municipality_code = ${MC} ORDER BY id DESC LIMIT ${lines}`.execute(tx);
    }),
  );
  const [refreshMs, refreshed] = await time(() => refreshDashboards(database, MC));
  const firstView: Record<string, number> = {};
  for (const view of DASHBOARD_VIEWS) {
    try {
      const [ms] = await time(() => loadDashboardView(database, MC, view.code, {}));
      firstView[view.code] = round(ms);
    } catch {
      // reported with the view timings
    }
  }
  const slowest = Math.max(0, ...Object.values(firstView));
  return {
    day,
    allocations,
    declarationLines: lines,
    changesRecorded: refreshed.changes,
    insertMs: round(insertMs),
    refreshMs: round(refreshMs),
    firstViewMs: firstView,
    reflectedMs: round(refreshMs + slowest),
  };
}

async function runKind(kind: Kind) {
  const inhabitants = Number(kind === 'pglite' ? values['pglite-size'] : values['postgres-size']);
  const years = Number(kind === 'pglite' ? values['pglite-years'] : values['postgres-years']);
  log(`${kind}: generating ${inhabitants.toLocaleString('en')} inhabitants, ${years} years …`);
  const { database, cleanup, reused } = await openFresh(kind);
  try {
    await migrate(database);
    const generated = reused
      ? { rows: NaN, seconds: NaN }
      : await generateMunicipality(database, {
          municipality: MC,
          inhabitants,
          years,
          seed: 42,
          until: UNTIL,
        });
    log(`  ${generated.rows.toLocaleString('en')} rows in ${round(generated.seconds)} s`);
    const [fullRefreshMs] = await time(() => fullRefresh(database, MC));
    log(`  full refresh ${round(fullRefreshMs / 1000)} s`);
    // Counted, not read from pg_stat_user_tables: PGlite starts its statistics afresh when a kept database
    // is opened again.
    const { rows: summaryTables } = await sql<{ name: string }>`
      SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'dash\\_%'
      ORDER BY tablename`.execute(database.db);
    const summaryRows: { name: string; n: string }[] = [];
    for (const { name } of summaryTables) {
      const { rows } = await sql<{ n: string }>`SELECT count(*)::text AS n FROM ${sql.table(name)}`.execute(
        database.db,
      );
      summaryRows.push({ name, n: rows[0]!.n });
    }

    const states = await filterStates(database);
    const views = [];
    for (const view of DASHBOARD_VIEWS) {
      const perState = [];
      let error: string | null = null;
      let tables = 0;
      for (const state of states) {
        try {
          const cold: number[] = [];
          for (let i = 0; i < REPEAT; i++) {
            clearDashboardCache();
            const [ms, answer] = await time(() => loadDashboardView(database, MC, view.code, state.filters));
            cold.push(ms);
            tables = answer.tables.length;
          }
          const warm: number[] = [];
          for (let i = 0; i < WARM; i++) {
            const [ms] = await time(() => loadDashboardView(database, MC, view.code, state.filters));
            warm.push(ms);
          }
          perState.push({
            state: state.name,
            coldP50: round(percentile(cold, 50)),
            coldP95: round(percentile(cold, 95)),
            warmP50: round(percentile(warm, 50)),
            warmP95: round(percentile(warm, 95)),
            cold,
          });
        } catch (e) {
          error = (e as Error).message.slice(0, 300);
          perState.push({ state: state.name, error });
        }
      }
      const coldAll = perState.flatMap((s) => ('cold' in s ? s.cold! : []));
      const defaultState = perState[0] && 'coldP50' in perState[0] ? perState[0] : null;
      // Plain SQL over the raw tables, for the default period.
      const year = Number((await loadFilterOptions(database, MC)).options.period.defaultTo.slice(0, 4));
      const query = rawHeadline(view.code, year);
      let rawMs: number | null = null;
      if (query) {
        const samples: number[] = [];
        try {
          for (let i = 0; i < 3; i++) samples.push((await time(() => query.execute(database.db)))[0]);
          rawMs = round(percentile(samples, 50));
        } catch (e) {
          log(`  raw SQL for ${view.code} failed: ${(e as Error).message}`);
        }
      }
      const entry = {
        view: view.code,
        tables,
        placeholder: tables === 0 && !error,
        error,
        coldP50: round(percentile(coldAll, 50)),
        coldP95: round(percentile(coldAll, 95)),
        warmP50: round(
          percentile(
            perState.flatMap((s) => ('warmP50' in s ? [s.warmP50!] : [])),
            50,
          ),
        ),
        warmP95: round(Math.max(0, ...perState.flatMap((s) => ('warmP95' in s ? [s.warmP95!] : [])))),
        rawSqlMs: rawMs,
        rawToViewRatio: rawMs !== null && defaultState ? round(rawMs / defaultState.coldP50!, 1) : null,
        states: perState.map((s) => ({ ...s, cold: undefined })),
      };
      log(
        `  ${view.code}: ${entry.error ? `error ${entry.error}` : entry.placeholder ? 'placeholder' : `cold p50 ${entry.coldP50} p95 ${entry.coldP95} ms, warm p95 ${entry.warmP95} ms, raw ${rawMs} ms`}`,
      );
      views.push(entry);
    }
    const triggers = await triggerCost(database).catch((e: unknown) => {
      log(`  trigger measurement failed: ${(e as Error).message}`);
      return {
        rows: 100_000,
        table: 'declaration_line',
        noTriggerMs: NaN,
        trackedMs: NaN,
        trackingOffMs: NaN,
        ratioTrackedToNoTrigger: NaN,
      };
    });
    log(`  100k-row insert: ${triggers.noTriggerMs} ms without trigger, ${triggers.trackedMs} ms tracked`);
    const day = await oneDay(database).catch((e: unknown) => {
      const message = (e as Error).message.slice(0, 300);
      log(`  one day failed: ${message}`);
      return {
        day: '-',
        allocations: 0,
        declarationLines: 0,
        changesRecorded: 0,
        insertMs: NaN,
        refreshMs: NaN,
        firstViewMs: {},
        reflectedMs: NaN,
        error: message,
      };
    });
    log(
      `  one day: insert ${day.insertMs} ms, refresh ${day.refreshMs} ms, reflected after ${day.reflectedMs} ms`,
    );
    return {
      database: kind,
      inhabitants,
      years,
      reused,
      generatedRows: generated.rows,
      generateSeconds: round(generated.seconds),
      fullRefreshSeconds: round(fullRefreshMs / 1000, 2),
      summaryRows: Object.fromEntries(summaryRows.map((r) => [r.name, Number(r.n)])),
      filterStates: states.map((s) => s.name),
      /** Measured with the count cube (runs before it lack this). */
      countCube: true as boolean | undefined,
      views,
      triggers,
      oneDay: day,
    };
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
    loadAverage: os.loadavg().map((l) => round(l, 2)),
    node: process.version,
    postgres: pgVersion,
    pglite: pglite.version,
  };
}

const JSON_PATH = 'bench/results/dashboard.json';
type Run = Awaited<ReturnType<typeof runKind>> & { machine: ReturnType<typeof machine> };
const fresh: Run[] = [];
for (const kind of kinds) {
  const m = machine();
  const run = await runKind(kind);
  fresh.push({
    ...run,
    machine: { ...m, loadAverageAfter: os.loadavg().map((l) => round(l, 2)) } as typeof m,
  });
}
// Read the other database's last results only now: a run for it may have finished meanwhile.
const previous: { runs?: Run[] } = fs.existsSync(JSON_PATH)
  ? (JSON.parse(fs.readFileSync(JSON_PATH, 'utf8')) as { runs?: Run[] })
  : {};
const runs: Run[] = [...(previous.runs ?? []).filter((r) => !kinds.includes(r.database)), ...fresh];
runs.sort((a, b) => a.database.localeCompare(b.database));
const targets = { pglite: 150, postgres: 100 };
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(JSON_PATH, `${JSON.stringify({ targetsP95Ms: targets, runs }, null, 2)}\n`);

const md: string[] = ['# Dashboard benchmark', ''];
for (const run of runs) {
  const m = run.machine;
  md.push(
    `## ${run.database}: ${run.inhabitants.toLocaleString('en')} inhabitants, ${run.years} years (${m.date.slice(0, 16).replace('T', ' ')} UTC)`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, ${m.os}; Node ${m.node}; ${m.postgres}; PGlite ${m.pglite}. ` +
      `Load average at start ${m.loadAverage.join(' / ')} (other work shared the machine: compare ratios within one run).`,
    '',
    (run.reused
      ? 'Data generated by an earlier run and kept (--pglite-dir / --postgres-keep); '
      : `Generated ${run.generatedRows.toLocaleString('en')} rows in ${run.generateSeconds} s (including one full refresh); `) +
      `a full refresh of all summaries takes ${run.fullRefreshSeconds} s. Target p95 per view: < ${targets[run.database]} ms.` +
      (run.years < 10
        ? ` Fewer years than the 10 of the target: generation at this size did not fit the time of the run.`
        : ''),
    '',
    '| view | tables | cold p50 (ms) | cold p95 (ms) | warm p50 (ms) | warm p95 (ms) | raw SQL (ms) | raw / view |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...run.views.map((v) =>
      v.error
        ? `| ${v.view} | – | error: ${v.error.replaceAll('|', '/').slice(0, 80)} | | | | ${v.rawSqlMs ?? ''} | |`
        : v.placeholder
          ? `| ${v.view} | 0 | placeholder (not built when measured) | | | | ${v.rawSqlMs ?? ''} | |`
          : `| ${v.view} | ${v.tables} | ${v.coldP50} | ${v.coldP95} | ${v.warmP50} | ${v.warmP95} | ${v.rawSqlMs ?? ''} | ${v.rawToViewRatio ?? ''} |`,
    ),
    '',
    `Filter states (each view, each state: ${REPEAT} cold and ${WARM} warm calls): ${run.filterStates.join('; ')}.`,
    run.countCube
      ? 'A standard period (a calendar year, the year to date, the whole period) filtered at most on law and age group (the wijk for Wijk-DNA) is counted from the count cube (dash_cube, docs/api/dashboard.md): volumes (clients, monthly flows, legal terms), money (clients, realisation, commitments, the month line and budget table for any months), pyramid (layers per wijk, the series), overlap, effects (change per life domain, question sources) and Wijk-DNA (clients, questions, needs). Other states (a quarter, a wijk or buurt, a service or provider), and durations, count from the person-grain summaries.'
      : 'Measured before the count cube (migration 0029): every figure counted from the person-grain summaries.',
    'Cold: the cache emptied before the call, so the view is computed from the summary tables (as after a start or a data change). ' +
      'Warm: the same filter state again, answered from the cache. Raw SQL: the view’s headline figures for the latest year by plain SQL over the raw tables; raw / view compares it with the cold p50 of the default state.',
    '',
    ('error' in run.oneDay ? `One day of new data: FAILED (${String(run.oneDay.error)}). ` : '') +
      `One day of new data (${run.oneDay.allocations} allocations and ${run.oneDay.declarationLines} declaration lines on ${run.oneDay.day}): ` +
      `insert ${run.oneDay.insertMs} ms, refresh ${run.oneDay.refreshMs} ms (${run.oneDay.changesRecorded} changes), ` +
      `reflected in every view after ${run.oneDay.reflectedMs} ms (refresh + slowest first view).`,
    '',
    `Change tracking on a bulk insert of ${run.triggers.rows.toLocaleString('en')} rows into ${run.triggers.table}: ` +
      `${run.triggers.noTriggerMs} ms without the trigger, ${run.triggers.trackedMs} ms tracked (× ${run.triggers.ratioTrackedToNoTrigger}), ` +
      `${run.triggers.trackingOffMs} ms with \`grip.dash_tracking = 'off'\`. The generator's COPY runs with session_replication_role = replica, ` +
      'where these triggers do not fire; it ends with one full refresh.',
    '',
    'Summary table rows: ' +
      Object.entries(run.summaryRows)
        .map(([k, n]) => `${k} ${n.toLocaleString('en')}`)
        .join(', ') +
      '.',
    '',
  );
}
fs.writeFileSync('bench/results/dashboard.md', md.join('\n'));
console.log(md.join('\n'));
