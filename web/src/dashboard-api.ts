/**
 * The dashboard API (docs/api/dashboard.md, issue 8) as the web app uses it: one request per view with the
 * filters in the query string, the filter options, the definitions of the figures, the exports (CSV, XLSX,
 * the council PDF), the region comparison and the alert rules. Everything the server sends is already
 * suppressed: a cell is a number, '<10', 'x' or null. The types mirror src/dashboard/view-model.ts.
 */
import { query, request, type Bilingual } from './api.ts';

export { DASHBOARD_POLICY_ROLES, DASHBOARD_ROLES } from './access.ts';

export const LAW_CODES = ['wmo', 'jeugdwet', 'participatiewet', 'schuldhulp'] as const;
export type LawCode = (typeof LAW_CODES)[number];
export const AGE_GROUPS = ['0-17', '18-26', '27-66', '67-74', '75+'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export type Cell = number | '<10' | 'x' | null;
export type MeasureKind = 'persons' | 'households' | 'money' | 'percentage' | 'days' | 'score' | 'count';
export type ChartKind = 'bar' | 'stacked-bar' | 'line' | 'map' | 'overlap' | 'pyramid' | 'tiles' | 'table';

export interface Measure {
  code: string;
  label: Bilingual;
  kind: MeasureKind;
  definition: string;
  basisMeasure?: string;
  numeratorMeasure?: string;
  denominatorMeasure?: string;
}

export interface TableRow {
  key: string;
  label: Bilingual;
  group?: string;
  values: Record<string, Cell>;
}

export interface FigureTable {
  code: string;
  title: Bilingual;
  description?: Bilingual;
  dimension: { code: string; label: Bilingual };
  series?: { code: string; label: Bilingual };
  measures: Measure[];
  rows: TableRow[];
  total?: Record<string, Cell>;
  overlapping?: boolean;
  groups?: { key: string; label: Bilingual; values: Record<string, Cell> }[];
  chart: ChartKind;
  mapLevel?: 'wijk' | 'buurt';
  drillFilter?: keyof DashboardFilters;
  notes?: Bilingual[];
  suppressed: { primary: number; secondary: number };
}

export interface DashboardFilters {
  from?: string;
  to?: string;
  law?: LawCode;
  wijk?: string;
  buurt?: string;
  service?: string;
  provider?: string;
  ageGroup?: AgeGroup;
}
export const FILTER_KEYS = ['from', 'to', 'law', 'wijk', 'buurt', 'service', 'provider', 'ageGroup'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export interface ViewResponse {
  view: { code: string; title: Bilingual; description: Bilingual };
  filters: DashboardFilters & { from: string; to: string };
  dataVersion: number;
  refreshedAt: string | null;
  suppression: { threshold: number; rule: Bilingual };
  tables: FigureTable[];
}

export interface ViewSummary {
  code: string;
  title: Bilingual;
  description: Bilingual;
}

/**
 * What the filters can take. Field names follow helper P's /filter-options; the parser below accepts the
 * few spellings that answer may use so the filter bar does not break on a renamed field.
 */
export interface FilterOptions {
  firstMonth: string | null;
  lastMonth: string | null;
  laws: { code: string; label: Bilingual }[];
  wijken: { code: string; name: string }[];
  buurten: { code: string; name: string; wijkCode: string }[];
  services: { id: string; name: string; law: string | null }[];
  providers: { id: string; name: string }[];
  ageGroups: string[];
}

export interface FigureDefinition {
  code: string;
  version: number;
  name: Bilingual;
  description: Bilingual;
  source: string;
  indicatorCode?: string | null;
  /** The figures (view and table) that use this definition, when the server lists them. */
  usedBy?: { view: string; table: string; title?: Bilingual; measure?: string }[];
}

export type Position = [number, number];
export type AreaGeometry =
  { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };
export interface AreaShape {
  code: string;
  name: string;
  geometry: AreaGeometry;
}
export interface AreaShapes {
  shapes: AreaShape[];
  attribution: string;
  /** False when the server gave no polygons for this level (the map then draws tiles). */
  polygons: boolean;
}

export interface Region {
  code: string;
  name: string;
  kind: string;
  members: { municipalityCode: string; name: string; onThisServer: boolean }[];
}

/** One member's (or the region total's) part of a region table: rows by the same keys. */
export interface RegionPart {
  rows: TableRow[];
  total?: Record<string, Cell>;
  suppressed: { primary: number; secondary: number };
}

export interface RegionTable extends Omit<FigureTable, 'rows' | 'total' | 'groups' | 'suppressed'> {
  /** Municipal rows (wijken, services, …) reduced to one row per municipality. */
  collapsed: boolean;
  members: (RegionPart & { municipalityCode: string })[];
  regionTotal: RegionPart;
}

/** The region comparison (helper E's /regions/{region}/views/{code}). */
export interface RegionViewResponse {
  region: { code: string; name: string; kind: string };
  view: { code: string; title: Bilingual; description: Bilingual };
  filters: DashboardFilters & { from: string; to: string };
  members: {
    municipalityCode: string;
    name: string;
    onThisServer: boolean;
    status: 'gegevens' | 'geen-gegevens';
    threshold?: number;
    dataVersion?: number;
  }[];
  suppression: { totalThreshold: number; rule: Bilingual };
  tables: RegionTable[];
  notes: Bilingual[];
}

export const ALERT_FIGURES = [
  'spending-above-budget',
  'indicator-off-track',
  'overdue-decisions-rising',
] as const;
export type AlertFigure = (typeof ALERT_FIGURES)[number];

/** An alert rule (GET /alert-rules). */
export interface AlertRule {
  id: string;
  figure: AlertFigure;
  thresholdPct: number | null;
  taakveld: string | null;
  indicatorId: string | null;
  owner: { userId: string; name: string };
  active: boolean;
  /** An alert of this rule is open: the breach lasts. */
  breached: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface AlertRuleInput {
  figure: AlertFigure;
  thresholdPct: number | null;
  taakveld: string | null;
  indicatorId: string | null;
  ownerUserId: string;
  active: boolean;
}

/** An alert that fired (GET /alerts). */
export interface FiredAlert {
  id: string;
  ruleId: string | null;
  figure: string;
  ownerUserId: string;
  firedAt: string;
  endedAt: string | null;
  value: number;
  reference: number;
  text: Bilingual;
}

const BASE = '/api/v1/dashboard';

/** The query string of a filter state, leaving out empty values (shared by the page address and the API). */
export function filterQuery(filters: DashboardFilters): string {
  return query(Object.fromEntries(FILTER_KEYS.map((k) => [k, filters[k]])));
}

export function viewCsvUrl(code: string, filters: DashboardFilters): string {
  return `${BASE}/views/${encodeURIComponent(code)}/csv${filterQuery(filters)}`;
}
export function viewXlsxUrl(code: string, filters: DashboardFilters): string {
  return `${BASE}/views/${encodeURIComponent(code)}/xlsx${filterQuery(filters)}`;
}
export function reportPdfUrl(filters: DashboardFilters): string {
  return `${BASE}/report/pdf${filterQuery(filters)}`;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
function bilingual(value: unknown, fallback: string): Bilingual {
  if (value && typeof value === 'object') {
    const { nl, en } = value as Record<string, unknown>;
    if (typeof nl === 'string' && typeof en === 'string') return { nl, en };
  }
  const plain = typeof value === 'string' ? value : fallback;
  return { nl: plain, en: plain };
}
function list(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value as Record<string, unknown>[];
  if (value && typeof value === 'object' && Array.isArray((value as { items?: unknown }).items))
    return (value as { items: Record<string, unknown>[] }).items;
  return [];
}

/** Reads the /filter-options answer into FilterOptions (tolerant of nesting and naming). */
export function parseFilterOptions(raw: Record<string, unknown>): FilterOptions {
  const period = (raw.period ?? raw.months ?? {}) as Record<string, unknown>;
  const firstMonth = text(raw.firstMonth ?? raw.from ?? period.first ?? period.from ?? period.firstMonth);
  const lastMonth = text(raw.lastMonth ?? raw.to ?? period.last ?? period.to ?? period.lastMonth);
  const wijken = list(raw.wijken).map((w) => ({ code: text(w.code), name: text(w.name) || text(w.code) }));
  const nestedBuurten = list(raw.wijken).flatMap((w) =>
    list(w.buurten).map((b): Record<string, unknown> => ({ ...b, wijkCode: b.wijkCode ?? w.code })),
  );
  const buurten = [...list(raw.buurten), ...nestedBuurten].map((b) => ({
    code: text(b.code),
    name: text(b.name) || text(b.code),
    wijkCode: text(b.wijkCode),
  }));
  return {
    firstMonth: firstMonth || null,
    lastMonth: lastMonth || null,
    laws: list(raw.laws).map((l) =>
      typeof l === 'string'
        ? { code: l, label: { nl: l, en: l } }
        : { code: text(l.code), label: bilingual(l.label ?? l.name, text(l.code)) },
    ),
    wijken,
    buurten,
    services: list(raw.services).map((s) => ({
      id: text(s.id ?? s.code),
      name: text(s.name) || text(s.id),
      law: text(s.lawCode ?? s.law) || null,
    })),
    providers: list(raw.providers).map((p) => ({ id: text(p.id), name: text(p.name) || text(p.id) })),
    ageGroups: (Array.isArray(raw.ageGroups) ? raw.ageGroups : AGE_GROUPS).map((a: unknown) =>
      typeof a === 'string' ? a : text((a as Record<string, unknown>).code),
    ),
  };
}

function shapesFrom(raw: Record<string, unknown>): AreaShapes {
  const features = list(raw.features);
  return {
    polygons: true,
    attribution: text(raw.attribution),
    shapes: features.map((f) => {
      const props = (f.properties ?? {}) as Record<string, unknown>;
      return {
        code: text(props.code ?? f.id),
        name: text(props.name),
        geometry: f.geometry as AreaGeometry,
      };
    }),
  };
}

export const dashboardApi = {
  views: (signal?: AbortSignal) => request<{ items: ViewSummary[] }>('GET', `${BASE}/views`, { signal }),
  view: (code: string, filters: DashboardFilters, signal?: AbortSignal) =>
    request<ViewResponse>('GET', `${BASE}/views/${encodeURIComponent(code)}${filterQuery(filters)}`, {
      signal,
    }),
  filterOptions: async (signal?: AbortSignal) => {
    const { data } = await request<Record<string, unknown>>('GET', `${BASE}/filter-options`, { signal });
    return parseFilterOptions(data);
  },
  definitions: (signal?: AbortSignal) =>
    request<{ items: FigureDefinition[] }>('GET', `${BASE}/definitions`, { signal }),
  regions: (signal?: AbortSignal) => request<{ items: Region[] }>('GET', `${BASE}/regions`, { signal }),
  regionView: (region: string, code: string, filters: DashboardFilters, signal?: AbortSignal) =>
    request<RegionViewResponse>(
      'GET',
      `${BASE}/regions/${encodeURIComponent(region)}/views/${encodeURIComponent(code)}${filterQuery(filters)}`,
      { signal },
    ),
  alertRules: (signal?: AbortSignal) =>
    request<{ items: AlertRule[] }>('GET', `${BASE}/alert-rules`, { signal }),
  createAlertRule: (body: AlertRuleInput) => request<AlertRule>('POST', `${BASE}/alert-rules`, { body }),
  updateAlertRule: (id: string, version: number, body: Partial<AlertRuleInput>) =>
    request<AlertRule>('PATCH', `${BASE}/alert-rules/${encodeURIComponent(id)}`, { body, ifMatch: version }),
  deleteAlertRule: (id: string, version: number) =>
    request<void>('DELETE', `${BASE}/alert-rules/${encodeURIComponent(id)}`, { ifMatch: version }),
  alerts: (signal?: AbortSignal) =>
    request<{ items: FiredAlert[]; total: number }>('GET', `${BASE}/alerts`, { signal }),

  /** The wijken of the municipality with their outlines (the areas API). */
  wijkShapes: async (signal?: AbortSignal): Promise<AreaShapes> => {
    const { data } = await request<Record<string, unknown>>('GET', '/api/v1/wijken/geojson', { signal });
    return shapesFrom(data);
  },
  /**
   * The buurten of one wijk with their outlines. The areas API serves buurt polygons at
   * /api/v1/buurten/geojson?wijk= once it has that route; until then the buurt names come from
   * /api/v1/buurten and the map draws them as tiles inside the wijk (polygons: false).
   */
  buurtShapes: async (wijk: string, signal?: AbortSignal): Promise<AreaShapes> => {
    try {
      const { data } = await request<Record<string, unknown>>(
        'GET',
        `/api/v1/buurten/geojson${query({ wijk })}`,
        { signal },
      );
      return shapesFrom(data);
    } catch (error) {
      if (signal?.aborted) throw error;
      const { data } = await request<{ items: { code: string; name: string }[] }>(
        'GET',
        `/api/v1/buurten${query({ wijk })}`,
        { signal },
      );
      return {
        polygons: false,
        attribution: '',
        shapes: data.items.map((b) => ({
          code: b.code,
          name: b.name,
          geometry: { type: 'Polygon', coordinates: [] },
        })),
      };
    }
  },
};
