import { sql } from 'kysely';
import type { Database, Tx } from '../platform/db/database.ts';
import { inTenantTransaction } from '../platform/db/tenant-transaction.ts';
import { evaluateAlerts } from './alerts/alert-evaluation.ts';
import { afterSummaries, beforeSummaries } from './cube/cube-maintenance.ts';
import { SUMMARY_MAINTAINERS } from './registry.ts';
import type { ChangeSet, SummaryMaintainer } from './view-model.ts';

/**
 * Brings the dashboard summaries (dash_* tables) of a municipality up to date with what the change-tracking
 * triggers of migration 0024 recorded in dash_change. One transaction per batch of changes: the changes of
 * the batch are deleted, every summary maintainer refreshes the persons, households and months they name,
 * alerts are evaluated, and the data version goes up, all or nothing. A per-municipality advisory lock
 * keeps two refreshes (a request and the background timer, or two processes) from applying a batch twice.
 */

/** Changes per transaction: large enough that set-based maintenance pays off, small enough to stay short. */
export const REFRESH_BATCH_SIZE = 20_000;

export interface DataState {
  dataVersion: number;
  refreshedAt: string | null;
}

export interface RefreshResult {
  batches: number;
  changes: number;
  state: DataState;
}

async function lockMunicipality(tx: Tx, municipalityCode: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`grip.dashboard.${municipalityCode}`}))`.execute(tx);
}

export async function readDataState(tx: Tx, municipalityCode: string): Promise<DataState> {
  const { rows } = await sql<{ data_version: string | number; refreshed_at: Date | string | null }>`
    SELECT data_version, refreshed_at FROM dash_state WHERE municipality_code = ${municipalityCode}`.execute(
    tx,
  );
  const row = rows[0];
  if (!row) return { dataVersion: 0, refreshedAt: null };
  return {
    dataVersion: Number(row.data_version),
    refreshedAt: row.refreshed_at === null ? null : new Date(row.refreshed_at).toISOString(),
  };
}

async function bumpDataVersion(tx: Tx, municipalityCode: string): Promise<void> {
  await sql`
    INSERT INTO dash_state (municipality_code, data_version, refreshed_at) VALUES (${municipalityCode}, 1, now())
    ON CONFLICT (municipality_code)
    DO UPDATE SET data_version = dash_state.data_version + 1, refreshed_at = now()`.execute(tx);
}

export async function hasPendingChanges(tx: Tx, municipalityCode: string): Promise<boolean> {
  const { rows } = await sql<{ one: number }>`
    SELECT 1 AS one FROM dash_change WHERE municipality_code = ${municipalityCode} LIMIT 1`.execute(tx);
  return rows.length > 0;
}

/**
 * Widens the recorded changes by one step so maintainers need not look it up each: the households of
 * changed persons and the members of changed households.
 */
export async function closeChangeSet(
  tx: Tx,
  municipalityCode: string,
  changes: ChangeSet,
): Promise<ChangeSet> {
  if (changes.full || (changes.personIds.length === 0 && changes.householdIds.length === 0)) return changes;
  const { rows } = await sql<{ person_id: string; household_id: string }>`
    SELECT person_id::text AS person_id, household_id::text AS household_id FROM household_member
    WHERE municipality_code = ${municipalityCode}
      AND (person_id = ANY(${changes.personIds}::uuid[]) OR household_id = ANY(${changes.householdIds}::uuid[]))`.execute(
    tx,
  );
  const persons = new Set(changes.personIds);
  const households = new Set(changes.householdIds);
  for (const r of rows) {
    persons.add(r.person_id);
    households.add(r.household_id);
  }
  return { ...changes, personIds: [...persons].sort(), householdIds: [...households].sort() };
}

/**
 * Runs every maintainer on the change set (the count cube around them: cube/cube-maintenance.ts), then the
 * alerts, then raises the data version.
 */
export async function applyChanges(
  tx: Tx,
  municipalityCode: string,
  changes: ChangeSet,
  maintainers: readonly SummaryMaintainer[] = SUMMARY_MAINTAINERS,
): Promise<void> {
  const closed = await closeChangeSet(tx, municipalityCode, changes);
  const cube = await beforeSummaries(tx, municipalityCode, closed);
  for (const maintainer of maintainers) {
    try {
      await maintainer.refresh(tx, municipalityCode, closed);
    } catch (error) {
      throw new Error(`dashboard maintainer ${maintainer.name} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  await afterSummaries(tx, municipalityCode, cube);
  await evaluateAlerts(tx, municipalityCode);
  await bumpDataVersion(tx, municipalityCode);
}

/**
 * Takes one batch of pending changes inside `tx` (which must be a tenant transaction of the municipality)
 * and applies it. Returns the number of change rows taken; 0 when nothing was pending.
 */
export async function drainBatch(
  tx: Tx,
  municipalityCode: string,
  batchSize: number = REFRESH_BATCH_SIZE,
): Promise<number> {
  await lockMunicipality(tx, municipalityCode);
  const { rows } = await sql<{ kind: string; key: string }>`
    DELETE FROM dash_change
    WHERE municipality_code = ${municipalityCode}
      AND id IN (SELECT id FROM dash_change WHERE municipality_code = ${municipalityCode} ORDER BY id LIMIT ${batchSize})
    RETURNING kind, key`.execute(tx);
  if (rows.length === 0) return 0;
  let taken = rows.length;
  const full = rows.some((r) => r.kind === 'full');
  if (full) {
    // Everything is rebuilt: what else is pending is covered too.
    const rest = await sql`DELETE FROM dash_change WHERE municipality_code = ${municipalityCode}`.execute(tx);
    taken += Number(rest.numAffectedRows ?? 0);
  }
  const pick = (kind: string) => [...new Set(rows.filter((r) => r.kind === kind).map((r) => r.key))].sort();
  const changes: ChangeSet = full
    ? { full: true, personIds: [], householdIds: [], months: [] }
    : { full: false, personIds: pick('person'), householdIds: pick('household'), months: pick('month') };
  await applyChanges(tx, municipalityCode, changes);
  return taken;
}

/** Drains everything pending inside one transaction (a view request's, so its answer is current). */
export async function drainAll(tx: Tx, municipalityCode: string): Promise<number> {
  let total = 0;
  for (;;) {
    const taken = await drainBatch(tx, municipalityCode);
    total += taken;
    if (taken === 0) return total;
  }
}

/** Drains the pending changes of a municipality, one transaction per batch. */
export async function refreshDashboards(
  database: Database,
  municipalityCode: string,
  options: { batchSize?: number } = {},
): Promise<RefreshResult> {
  let batches = 0;
  let changes = 0;
  for (;;) {
    const taken = await inTenantTransaction(database, municipalityCode, (tx) =>
      drainBatch(tx, municipalityCode, options.batchSize),
    );
    if (taken === 0) break;
    batches++;
    changes += taken;
  }
  const state = await inTenantTransaction(database, municipalityCode, (tx) =>
    readDataState(tx, municipalityCode),
  );
  return { batches, changes, state };
}

/**
 * Rebuilds every summary of the municipality from scratch (after the generator, the demo seed, a restore)
 * in one transaction; pending changes are dropped because the rebuild covers them.
 */
export async function fullRefresh(database: Database, municipalityCode: string): Promise<DataState> {
  return inTenantTransaction(database, municipalityCode, async (tx) => {
    await lockMunicipality(tx, municipalityCode);
    await sql`DELETE FROM dash_change WHERE municipality_code = ${municipalityCode}`.execute(tx);
    await applyChanges(tx, municipalityCode, { full: true, personIds: [], householdIds: [], months: [] });
    return readDataState(tx, municipalityCode);
  });
}

/** Statistics for the summary tables after a large rebuild (runs as the owner, outside tenant transactions). */
export async function analyzeSummaries(database: Database): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'dash\_%'`.execute(
    database.db,
  );
  for (const { name } of rows) await sql`ANALYZE ${sql.table(name)}`.execute(database.db);
}

/** Asks for a full rebuild at the next refresh (e.g. after a seed), without doing it now. */
export async function requestFullRefresh(tx: Tx | Database['db'], municipalityCode: string): Promise<void> {
  await sql`INSERT INTO dash_change (municipality_code, kind, key) VALUES (${municipalityCode}, 'full', '')`.execute(
    tx,
  );
}

/** Municipalities with pending changes (for the drain at start-up); runs as the owner, across tenants. */
export async function municipalitiesWithPendingChanges(database: Database): Promise<string[]> {
  const { rows } = await sql<{ municipality_code: string }>`
    SELECT DISTINCT municipality_code FROM dash_change ORDER BY municipality_code`.execute(database.db);
  return rows.map((r) => r.municipality_code);
}

/** Start-up: drain what was recorded while no process was refreshing (e.g. after a crash or an import). */
export async function drainPendingAtStartup(database: Database): Promise<void> {
  for (const code of await municipalitiesWithPendingChanges(database)) {
    await refreshDashboards(database, code);
  }
}

// Background refresh: a write schedules a refresh of its municipality a little later, so that the next
// view request finds (almost) nothing to drain. Debounced: a burst of writes gives one refresh.

export const BACKGROUND_REFRESH_DELAY_MS = 1_500;

let backgroundDatabase: Database | null = null;
const timers = new Map<string, NodeJS.Timeout>();
const running = new Map<string, Promise<void>>();

/** Lets the background refresh use this database (set by the server at start-up; null to stop). */
export function setBackgroundRefreshDatabase(database: Database | null): void {
  backgroundDatabase = database;
  if (database === null) {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  }
}

export function scheduleRefresh(
  municipalityCode: string,
  delayMs: number = BACKGROUND_REFRESH_DELAY_MS,
  onError: (error: unknown) => void = () => {},
): void {
  const database = backgroundDatabase;
  if (!database) return;
  clearTimeout(timers.get(municipalityCode));
  const timer = setTimeout(() => {
    timers.delete(municipalityCode);
    const previous = running.get(municipalityCode) ?? Promise.resolve();
    const next = previous
      .then(() =>
        backgroundDatabase === database ? refreshDashboards(database, municipalityCode) : undefined,
      )
      .then(
        () => undefined,
        (error: unknown) => onError(error),
      )
      .finally(() => {
        if (running.get(municipalityCode) === next) running.delete(municipalityCode);
      });
    running.set(municipalityCode, next);
  }, delayMs);
  timer.unref();
  timers.set(municipalityCode, timer);
}

/** Waits for scheduled and running background refreshes (shutdown, tests). */
export async function settleBackgroundRefresh(): Promise<void> {
  for (const timer of timers.values()) clearTimeout(timer);
  timers.clear();
  await Promise.all(running.values());
}
