import { sql } from 'kysely';
import type { Database, Tx } from '../platform/db/database.ts';
import { inTenantTransaction } from '../platform/db/tenant-transaction.ts';
import { invalid, notFound, type Bilingual, type InvalidParam } from '../platform/http/problem.ts';
import { readDataPeriod } from './data-period.ts';
import { drainAll, hasPendingChanges, readDataState, type DataState } from './refresh.ts';
import { findView } from './registry.ts';
import { suppressionRule, suppressTables as suppress } from './suppression.ts';
import {
  AGE_GROUPS,
  LAW_CODES,
  type DashboardFilters,
  type DashboardView,
  type FigureTable,
  type SuppressedTable,
  type ViewData,
} from './view-model.ts';

/**
 * The dashboard's one entry point for views (issue 8): a request drains the municipality's pending changes
 * (so answers are current), resolves the filters (defaults, unknown areas/services/providers → 400), takes
 * the view from the cache or computes it from the summaries, and suppresses every table with the
 * municipality's threshold. The cache key holds the data version, so a refresh that took in changes makes
 * every older answer unreachable; the cache is bounded (least recently used goes first).
 */

export interface ViewResponse {
  view: { code: string; title: Bilingual; description: Bilingual };
  filters: DashboardFilters;
  dataVersion: number;
  refreshedAt: string | null;
  suppression: { threshold: number; rule: Bilingual };
  tables: SuppressedTable[];
}

/** Filters as given in a query string, `from`/`to` optional (defaults: the latest year with data). */
export type FilterInput = Omit<DashboardFilters, 'from' | 'to'> & { from?: string; to?: string };

export interface LoadOptions {
  language?: 'nl' | 'en';
}

/** What the filters can take; also the answer of GET /api/v1/dashboard/filter-options. */
export interface FilterOptions {
  period: { firstMonth: string | null; lastMonth: string | null; defaultFrom: string; defaultTo: string };
  laws: { code: string; name: string }[];
  wijken: { code: string; name: string }[];
  buurten: { code: string; name: string; wijkCode: string }[];
  services: { id: string; name: string; lawCode: string; kind: 'algemeen' | 'maatwerk' }[];
  providers: { id: string; name: string }[];
  ageGroups: string[];
}

const CACHE_LIMIT = 400;

interface CacheEntry {
  data: ViewData;
  /** The suppressed tables for the threshold they were made with. */
  suppressed?: { threshold: number; tables: SuppressedTable[] };
}

const viewCache = new Map<string, CacheEntry>();
const optionsCache = new Map<string, { dataVersion: number; options: FilterOptions }>();

function remember(key: string, entry: CacheEntry): void {
  viewCache.delete(key);
  viewCache.set(key, entry);
  while (viewCache.size > CACHE_LIMIT) viewCache.delete(viewCache.keys().next().value!);
}

function recall(key: string): CacheEntry | undefined {
  const entry = viewCache.get(key);
  if (entry) {
    viewCache.delete(key);
    viewCache.set(key, entry);
  }
  return entry;
}

/** Empties the caches (tests, benchmark "cold" runs). */
export function clearDashboardCache(): void {
  viewCache.clear();
  optionsCache.clear();
}

export function dashboardCacheSize(): number {
  return viewCache.size;
}

const monthOf = (d: Date | string) => {
  const date = typeof d === 'string' ? new Date(d) : d;
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
};

/** The filter options: the data period (data-period.ts), laws, areas, services and providers. */
async function computeFilterOptions(tx: Tx, municipalityCode: string): Promise<FilterOptions> {
  const mc = municipalityCode;
  const [range, laws, wijken, buurten, services, providers] = await Promise.all([
    readDataPeriod(tx, mc),
    tx.selectFrom('law').select(['code', 'name']).orderBy('code').execute(),
    tx
      .selectFrom('wijk')
      .select(['code', 'name'])
      .where('municipality_code', '=', mc)
      .orderBy('code')
      .execute(),
    tx
      .selectFrom('buurt')
      .select(['code', 'name', 'wijk_code'])
      .where('municipality_code', '=', mc)
      .orderBy('code')
      .execute(),
    tx
      .selectFrom('service')
      .select(['id', 'name', 'law_code', 'kind'])
      .where('municipality_code', '=', mc)
      .orderBy('name')
      .orderBy('id')
      .execute(),
    tx
      .selectFrom('provider')
      .select(['id', 'name'])
      .where('municipality_code', '=', mc)
      .orderBy('name')
      .execute(),
  ]);
  const { first, last } = range;
  const fallback = monthOf(new Date());
  const defaultTo = last ?? fallback;
  return {
    period: { firstMonth: first, lastMonth: last, defaultFrom: `${defaultTo.slice(0, 4)}-01`, defaultTo },
    laws: laws.filter((l) => (LAW_CODES as readonly string[]).includes(l.code)),
    wijken,
    buurten: buurten.map((b) => ({ code: b.code, name: b.name, wijkCode: b.wijk_code })),
    services: services.map((s) => ({ id: s.id, name: s.name, lawCode: s.law_code, kind: s.kind })),
    providers,
    ageGroups: [...AGE_GROUPS],
  };
}

/** Filter options for the municipality, cached per data version (new areas/services come with changes). */
export async function filterOptions(
  tx: Tx,
  municipalityCode: string,
  state: DataState,
): Promise<FilterOptions> {
  const cached = optionsCache.get(municipalityCode);
  if (cached && cached.dataVersion === state.dataVersion) return cached.options;
  const options = await computeFilterOptions(tx, municipalityCode);
  optionsCache.set(municipalityCode, { dataVersion: state.dataVersion, options });
  return options;
}

const param = (name: string, nl: string, en: string): InvalidParam => ({
  name,
  code: 'unknown',
  reason: { nl, en },
});

/** Fills in the period and the wijk of a buurt; names that the municipality does not know are a 400. */
export function resolveFilters(input: FilterInput, options: FilterOptions): DashboardFilters {
  const problems: InvalidParam[] = [];
  const buurt = input.buurt ? options.buurten.find((b) => b.code === input.buurt) : undefined;
  if (input.wijk && !options.wijken.some((w) => w.code === input.wijk)) {
    problems.push(
      param(
        'wijk',
        `Wijk ${input.wijk} bestaat niet in deze gemeente.`,
        `Wijk ${input.wijk} does not exist in this municipality.`,
      ),
    );
  }
  if (input.buurt && !buurt) {
    problems.push(
      param(
        'buurt',
        `Buurt ${input.buurt} bestaat niet in deze gemeente.`,
        `Buurt ${input.buurt} does not exist in this municipality.`,
      ),
    );
  } else if (buurt && input.wijk && buurt.wijkCode !== input.wijk) {
    problems.push({
      name: 'buurt',
      code: 'outside-wijk',
      reason: {
        nl: `Buurt ${buurt.code} ligt niet in wijk ${input.wijk}.`,
        en: `Buurt ${buurt.code} does not lie in wijk ${input.wijk}.`,
      },
    });
  }
  if (input.service && !options.services.some((s) => s.id === input.service)) {
    problems.push(
      param(
        'service',
        'Deze voorziening bestaat niet in deze gemeente.',
        'This service does not exist in this municipality.',
      ),
    );
  }
  if (input.provider && !options.providers.some((p) => p.id === input.provider)) {
    problems.push(
      param(
        'provider',
        'Deze aanbieder bestaat niet in deze gemeente.',
        'This provider does not exist in this municipality.',
      ),
    );
  }
  const to =
    input.to ?? (input.from && input.from > options.period.defaultTo ? input.from : options.period.defaultTo);
  const from =
    input.from ?? (to < options.period.defaultFrom ? `${to.slice(0, 4)}-01` : options.period.defaultFrom);
  if (from > to) {
    problems.push({
      name: input.to ? 'to' : 'from',
      code: 'period',
      reason: { nl: 'De periode eindigt voor zij begint.', en: 'The period ends before it starts.' },
    });
  }
  if (problems.length > 0) throw invalid(problems);
  const filters: DashboardFilters = { from, to };
  if (input.law) filters.law = input.law;
  const wijk = input.wijk ?? buurt?.wijkCode;
  if (wijk) filters.wijk = wijk;
  if (input.buurt) filters.buurt = input.buurt;
  if (input.service) filters.service = input.service;
  if (input.provider) filters.provider = input.provider;
  if (input.ageGroup) filters.ageGroup = input.ageGroup;
  return filters;
}

function requireView(viewCode: string): DashboardView {
  const view = findView(viewCode);
  if (!view) throw notFound({ nl: `Dashboardweergave ${viewCode}`, en: `Dashboard view ${viewCode}` });
  return view;
}

export async function readThreshold(tx: Tx, municipalityCode: string): Promise<number> {
  const { rows } = await sql<{ t: number }>`
    SELECT suppression_threshold AS t FROM municipality WHERE code = ${municipalityCode}`.execute(tx);
  return rows[0]?.t ?? 10;
}

/** Makes the summaries current inside `tx` and says at which data version they are. */
export async function currentState(tx: Tx, municipalityCode: string): Promise<DataState> {
  if (await hasPendingChanges(tx, municipalityCode)) await drainAll(tx, municipalityCode);
  return readDataState(tx, municipalityCode);
}

async function rawInTx(
  tx: Tx,
  municipalityCode: string,
  view: DashboardView,
  input: FilterInput,
  language: 'nl' | 'en',
): Promise<{ filters: DashboardFilters; entry: CacheEntry; state: DataState }> {
  const state = await currentState(tx, municipalityCode);
  const options = await filterOptions(tx, municipalityCode, state);
  const filters = resolveFilters(input, options);
  const key = JSON.stringify([municipalityCode, view.code, state.dataVersion, language, filters]);
  let entry = recall(key);
  if (!entry) {
    entry = { data: await view.load(tx, { municipalityCode, filters, language }) };
    remember(key, entry);
  }
  return { filters, entry, state };
}

/** loadDashboardView inside a tenant transaction of the municipality (the HTTP route uses this). */
export async function loadDashboardViewInTx(
  tx: Tx,
  municipalityCode: string,
  viewCode: string,
  input: FilterInput,
  options: LoadOptions = {},
): Promise<ViewResponse> {
  const view = requireView(viewCode);
  const { filters, entry, state } = await rawInTx(
    tx,
    municipalityCode,
    view,
    input,
    options.language ?? 'nl',
  );
  const threshold = await readThreshold(tx, municipalityCode);
  if (!entry.suppressed || entry.suppressed.threshold !== threshold) {
    entry.suppressed = { threshold, tables: suppress(entry.data.tables, threshold) };
  }
  return {
    view: { code: view.code, title: view.title, description: view.description },
    filters,
    dataVersion: state.dataVersion,
    refreshedAt: state.refreshedAt,
    suppression: { threshold, rule: suppressionRule(threshold) },
    tables: entry.suppressed.tables,
  };
}

/**
 * One view for one municipality: drains pending changes, computes the view from summaries (cached per
 * filter state and data version) and suppresses every table with the municipality's threshold.
 * Throws a 404 Problem for an unknown view and a 400 Problem for filters that name unknown areas etc.
 */
export function loadDashboardView(
  database: Database,
  municipalityCode: string,
  viewCode: string,
  filters: FilterInput,
  options: LoadOptions = {},
): Promise<ViewResponse> {
  return inTenantTransaction(database, municipalityCode, (tx) =>
    loadDashboardViewInTx(tx, municipalityCode, viewCode, filters, options),
  );
}

/** The same view with raw (unsuppressed) numbers, for server-side use only (region totals). */
export function loadRawView(
  database: Database,
  municipalityCode: string,
  viewCode: string,
  filters: FilterInput,
  options: LoadOptions = {},
): Promise<{ filters: DashboardFilters; data: ViewData; dataVersion: number }> {
  const view = requireView(viewCode);
  return inTenantTransaction(database, municipalityCode, async (tx) => {
    const {
      filters: resolved,
      entry,
      state,
    } = await rawInTx(tx, municipalityCode, view, filters, options.language ?? 'nl');
    return { filters: resolved, data: entry.data, dataVersion: state.dataVersion };
  });
}

/** The filter options of a municipality, after draining its pending changes (tools, benchmark). */
export function loadFilterOptions(
  database: Database,
  municipalityCode: string,
): Promise<{ state: DataState; options: FilterOptions }> {
  return inTenantTransaction(database, municipalityCode, async (tx) => {
    const state = await currentState(tx, municipalityCode);
    return { state, options: await filterOptions(tx, municipalityCode, state) };
  });
}

/** The municipality's suppression threshold (default 10). */
export function suppressionThreshold(database: Database, municipalityCode: string): Promise<number> {
  return inTenantTransaction(database, municipalityCode, (tx) => readThreshold(tx, municipalityCode));
}

/** Suppression of raw tables (see suppression.ts). */
export function suppressTables(tables: FigureTable[], threshold: number): SuppressedTable[] {
  return suppress(tables, threshold);
}
