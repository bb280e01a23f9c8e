import { z } from 'zod';
import type { Tx } from '../platform/db/database.ts';
import type { Bilingual } from '../platform/http/problem.ts';

/**
 * The shape every dashboard view answers in (issue 8). A view is computed on the server from summary
 * tables, in one request, as a list of figure tables; the platform (dashboard-service.ts) then applies
 * small-count suppression to every table before anything leaves the server, caches the answer per filter
 * state and data version, and the web UI draws each table as the chart its `chart` names, with the table
 * itself as the accessible alternative and the export.
 *
 * Raw values here are exact numbers; suppression turns them into cells (number | '<10' | 'x' | null).
 */

export const LAW_CODES = ['wmo', 'jeugdwet', 'participatiewet', 'schuldhulp'] as const;
export type LawCode = (typeof LAW_CODES)[number];

/** Age on 1 January of the year of the figure (or of the month's year). */
export const AGE_GROUPS = ['0-17', '18-26', '27-66', '67-74', '75+'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

/** SQL expression for the age group of someone born on `birthDate` on the day `onDate` (both SQL dates). */
export function ageGroupSql(birthDate: string, onDate: string): string {
  const age = `date_part('year', age(${onDate}, ${birthDate}))`;
  return `CASE WHEN ${age} < 18 THEN '0-17' WHEN ${age} < 27 THEN '18-26' WHEN ${age} < 67 THEN '27-66' WHEN ${age} < 75 THEN '67-74' ELSE '75+' END`;
}

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

/** The filters every view takes (query string). `from`/`to` are months, inclusive. */
export const DashboardFiltersSchema = z
  .strictObject({
    from: month.describe(
      'First month of the period (YYYY-MM); default: January of the latest year with data',
    ),
    to: month.describe('Last month of the period (YYYY-MM), inclusive; default: the latest month with data'),
    law: z.enum(LAW_CODES).optional().describe('Only this law'),
    wijk: z
      .string()
      .regex(/^WK\d{6}$/)
      .optional()
      .describe('Only residents of this wijk (CBS code)'),
    buurt: z
      .string()
      .regex(/^BU\d{8}$/)
      .optional()
      .describe('Only residents of this buurt (CBS code); implies its wijk'),
    service: z.uuid().optional().describe('Only this service (product)'),
    provider: z.uuid().optional().describe('Only this provider'),
    ageGroup: z.enum(AGE_GROUPS).optional().describe('Only this age group (age on 1 January)'),
  })
  .refine((f) => f.from <= f.to, { path: ['to'], message: 'to must not be before from' });
export type DashboardFilters = z.infer<typeof DashboardFiltersSchema>;

/**
 * What a measure counts, which decides how it is suppressed:
 * - persons / households: counts of people; 1..threshold-1 shown as '<10', secondary suppression in lines.
 * - money (eurocent): shown only where the row's `basisMeasure` (a persons measure) is ≥ threshold.
 * - percentage (0–100, one decimal): shown only where `denominatorMeasure` is ≥ threshold, and hidden when
 *   its numerator (`numeratorMeasure`, a persons count) is hidden while the denominator is shown.
 * - days / score: a statistic over persons (median duration, mean score change): shown only where
 *   `basisMeasure` is ≥ threshold.
 * - count: counts of things that are not persons (contracts, locations, capacity places): never suppressed.
 */
export type MeasureKind = 'persons' | 'households' | 'money' | 'percentage' | 'days' | 'score' | 'count';

export interface Measure {
  code: string;
  label: Bilingual;
  kind: MeasureKind;
  /** Code of the definition (definitions.ts) that says how this figure is computed. */
  definition: string;
  basisMeasure?: string;
  numeratorMeasure?: string;
  denominatorMeasure?: string;
}

/** The dimension a table's rows run along. */
export type DimensionCode =
  | 'law'
  | 'service'
  | 'serviceKind'
  | 'fundingVariant'
  | 'provider'
  | 'wijk'
  | 'buurt'
  | 'ageGroup'
  | 'month'
  | 'quarter'
  | 'year'
  | 'theme'
  | 'lawCombination'
  | 'lifeDomain'
  | 'source'
  | 'outcome'
  | 'indicator'
  | 'municipality'
  | 'durationBand';

export interface FigureRow {
  /** Stable key: law code, service id, wijk code, 'YYYY-MM', … */
  key: string;
  label: Bilingual;
  /** For rows that belong to a group (buurten of a wijk): the group's key; see FigureTable.groups. */
  group?: string;
  values: Record<string, number | null>;
}

export type ChartKind = 'bar' | 'stacked-bar' | 'line' | 'map' | 'overlap' | 'pyramid' | 'tiles' | 'table';

export interface FigureTable {
  code: string;
  title: Bilingual;
  /** One sentence under the title: what the reader sees. */
  description?: Bilingual;
  dimension: { code: DimensionCode; label: Bilingual };
  /**
   * For a two-way table (month × law, wijk × kind): the measure codes are then the column keys, one per
   * series, all of the same kind; the row total and column totals take part in suppression.
   */
  series?: { code: DimensionCode; label: Bilingual };
  measures: Measure[];
  rows: FigureRow[];
  /**
   * The total over all rows per measure, when the rows partition it (every person in exactly one row).
   * When rows overlap (a person with two services), leave it out and set `overlapping: true`.
   */
  total?: Record<string, number | null>;
  overlapping?: boolean;
  /** Subtotals per group (wijk totals above buurt rows); they take part in suppression as line totals. */
  groups?: { key: string; label: Bilingual; values: Record<string, number | null> }[];
  chart: ChartKind;
  /** For chart 'map': whether rows are wijken or buurten (row keys are CBS codes). */
  mapLevel?: 'wijk' | 'buurt';
  /** Drill-down: clicking a row sets this filter to the row's key (e.g. 'wijk', 'buurt', 'law'). */
  drillFilter?: keyof DashboardFilters;
  /** Notes under the table, e.g. the forecast method. */
  notes?: Bilingual[];
}

export interface ViewData {
  tables: FigureTable[];
}

/** What changed since the last refresh, as the dirty-tracking triggers recorded it. */
export interface ChangeSet {
  /** True: rebuild everything of this municipality (after a generator run, a restore, a migration). */
  full: boolean;
  personIds: string[];
  householdIds: string[];
  /** Months ('YYYY-MM') with new or changed declaration lines or contract payments. */
  months: string[];
}

/**
 * Keeps one group of summary tables up to date. `refresh` must leave the summaries exactly as a full
 * rebuild would, for the changed persons/households/months only (per batch, not per row).
 */
export interface SummaryMaintainer {
  name: string;
  refresh(tx: Tx, municipalityCode: string, changes: ChangeSet): Promise<void>;
}

export interface ViewContext {
  municipalityCode: string;
  filters: DashboardFilters;
  language: 'nl' | 'en';
}

export interface DashboardView {
  /** URL segment: /api/v1/dashboard/views/{code}. */
  code: string;
  title: Bilingual;
  description: Bilingual;
  load(tx: Tx, context: ViewContext): Promise<ViewData>;
}

/** A definition: how a figure is computed; the same text serves the dashboard, indicators and exports. */
export interface FigureDefinition {
  code: string;
  version: number;
  name: Bilingual;
  description: Bilingual;
  /** Tables and columns the figure is computed from, for the maintainer. */
  source: string;
  /** Code of the computed indicator definition (steering) that uses the same method, if any. */
  indicatorCode?: string;
}

/** A value after suppression: a number, '<10' (small count), 'x' (hidden so a small one cannot be worked out, or not enough persons behind money, a percentage or a statistic), or null (no value). */
export type Cell = number | '<10' | 'x' | null;

export interface SuppressedRow extends Omit<FigureRow, 'values'> {
  values: Record<string, Cell>;
}

export interface SuppressedTable extends Omit<FigureTable, 'rows' | 'total' | 'groups'> {
  rows: SuppressedRow[];
  total?: Record<string, Cell>;
  groups?: { key: string; label: Bilingual; values: Record<string, Cell> }[];
  /** Cells shown as '<10' and as 'x' in this table. */
  suppressed: { primary: number; secondary: number };
}
