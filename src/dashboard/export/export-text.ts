import type { ViewResponse } from '../dashboard-service.ts';
import type { Bilingual } from '../../platform/http/problem.ts';
import type { Cell, FigureDefinition, Measure, SuppressedTable } from '../view-model.ts';

/**
 * The words and number formats every dashboard export shares (CSV, XLSX and the council PDF): the header
 * that says which view, filters, data version and suppression rule a file shows, how a cell is written
 * ('<10' and 'x' exactly as on screen), and which definitions a view's figures use. Pure.
 */

export type Language = 'nl' | 'en';

/** Filter values with a human name where the export looked one up (wijk, buurt, service, provider). */
export interface FilterNames {
  wijk?: string;
  buurt?: string;
  service?: string;
  provider?: string;
}

export interface ExportContext {
  language: Language;
  municipality: { code: string; name: string };
  filterNames: FilterNames;
  /** The moment the export was made (ISO), for the file's header. */
  generatedAt: string;
}

export const TEXT = {
  dashboard: { nl: 'Dashboard sociaal domein', en: 'Social domain dashboard' },
  view: { nl: 'Weergave', en: 'View' },
  municipality: { nl: 'Gemeente', en: 'Municipality' },
  period: { nl: 'Periode', en: 'Period' },
  filters: { nl: 'Filters', en: 'Filters' },
  noFilters: { nl: 'geen (hele gemeente)', en: 'none (whole municipality)' },
  dataVersion: { nl: 'Dataversie', en: 'Data version' },
  refreshedAt: { nl: 'Cijfers bijgewerkt', en: 'Figures updated' },
  generatedAt: { nl: 'Export gemaakt', en: 'Exported' },
  suppression: { nl: 'Kleine aantallen', en: 'Small counts' },
  threshold: { nl: 'Drempel', en: 'Threshold' },
  legend: { nl: 'Tekens', en: 'Symbols' },
  total: { nl: 'Totaal', en: 'Total' },
  subtotal: { nl: 'totaal', en: 'total' },
  notes: { nl: 'Toelichting', en: 'Notes' },
  definitions: { nl: 'Definities', en: 'Definitions' },
  code: { nl: 'Code', en: 'Code' },
  name: { nl: 'Naam', en: 'Name' },
  version: { nl: 'Versie', en: 'Version' },
  description: { nl: 'Omschrijving', en: 'Description' },
  source: { nl: 'Bron', en: 'Source' },
  tables: { nl: 'Tabellen', en: 'Tables' },
  noTables: { nl: 'Deze weergave heeft (nog) geen tabellen.', en: 'This view has no tables (yet).' },
  subject: { nl: 'Onderwerp', en: 'Subject' },
  value: { nl: 'Waarde', en: 'Value' },
  never: { nl: 'nog niet', en: 'not yet' },
} satisfies Record<string, Bilingual>;

const FILTER_LABELS: Record<string, Bilingual> = {
  law: { nl: 'Wet', en: 'Law' },
  wijk: { nl: 'Wijk', en: 'District (wijk)' },
  buurt: { nl: 'Buurt', en: 'Neighbourhood (buurt)' },
  service: { nl: 'Voorziening', en: 'Service' },
  provider: { nl: 'Aanbieder', en: 'Provider' },
  ageGroup: { nl: 'Leeftijdsgroep', en: 'Age group' },
};

const LAW_NAMES: Record<string, Bilingual> = {
  wmo: { nl: 'Wmo', en: 'Wmo (social support)' },
  jeugdwet: { nl: 'Jeugdwet', en: 'Jeugdwet (youth care)' },
  participatiewet: { nl: 'Participatiewet', en: 'Participatiewet (work and income)' },
  schuldhulp: { nl: 'Schuldhulpverlening', en: 'Debt help' },
};

const MONTHS: Record<Language, string[]> = {
  nl: [
    'januari',
    'februari',
    'maart',
    'april',
    'mei',
    'juni',
    'juli',
    'augustus',
    'september',
    'oktober',
    'november',
    'december',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/** 'YYYY-MM' → "maart 2026" / "March 2026". */
export function monthName(month: string, language: Language): string {
  return `${MONTHS[language][Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** "januari 2025 t/m december 2025" / "January 2025 to December 2025". */
export function periodText(filters: { from: string; to: string }, language: Language): string {
  const joint = language === 'nl' ? 't/m' : 'to';
  return filters.from === filters.to
    ? monthName(filters.from, language)
    : `${monthName(filters.from, language)} ${joint} ${monthName(filters.to, language)}`;
}

/** A day ('YYYY-MM-DD…') as "23 november 2026" / "23 November 2026". */
export function dayText(day: string, language: Language): string {
  return `${Number(day.slice(8, 10))} ${MONTHS[language][Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;
}

/** The filters other than the period, as "Wet: Wmo", in a fixed order; empty when none is set. */
export function filterTexts(
  filters: ViewResponse['filters'],
  names: FilterNames,
  language: Language,
): string[] {
  const out: string[] = [];
  for (const key of ['law', 'wijk', 'buurt', 'service', 'provider', 'ageGroup'] as const) {
    const value = filters[key];
    if (value === undefined) continue;
    let shown: string = value;
    if (key === 'law') shown = LAW_NAMES[value]?.[language] ?? value;
    else if (key !== 'ageGroup' && names[key]) shown = `${names[key]} (${value})`;
    else if (key === 'ageGroup') shown = language === 'nl' ? `${value} jaar` : `${value} years`;
    out.push(`${FILTER_LABELS[key]![language]}: ${shown}`);
  }
  return out;
}

/** How a hidden small count is labelled: '<10' with the default threshold, '<15' with a threshold of 15. */
export function smallLabel(threshold: number): string {
  return `<${threshold}`;
}

export function legendText(threshold: number, language: Language): string {
  return language === 'nl'
    ? `"${smallLabel(threshold)}" = 1 tot ${threshold}; "x" = verborgen zodat een klein aantal niet uit een totaal te berekenen is, of te weinig personen achter een bedrag, percentage of gemiddelde; leeg = geen waarde.`
    : `"${smallLabel(threshold)}" = 1 to ${threshold - 1}; "x" = hidden so that a small count cannot be worked out from a total, or too few persons behind an amount, percentage or statistic; empty = no value.`;
}

/** A suppressed cell as the screen shows it: a number, the small-count label, 'x', or nothing. */
export function cellValue(
  cell: Cell | undefined,
  measure: Measure,
  threshold: number,
): string | number | null {
  if (cell === undefined || cell === null) return null;
  if (cell === '<10') return smallLabel(threshold);
  if (cell === 'x') return 'x';
  return measure.kind === 'money' ? cell / 100 : cell;
}

/** The column header of a measure, with its unit where it has one. */
export function measureHeader(measure: Measure, language: Language): string {
  const label = measure.label[language];
  if (measure.kind === 'money' && !label.includes('€')) return `${label} (€)`;
  if (measure.kind === 'percentage' && !label.includes('%')) return `${label} (%)`;
  if (measure.kind === 'days' && !/dag|day/i.test(label))
    return language === 'nl' ? `${label} (dagen)` : `${label} (days)`;
  return label;
}

/** Decimals a measure is written with: euros in cents, percentages to one decimal, statistics to two. */
export function measureDecimals(measure: Measure): number {
  if (measure.kind === 'money') return 2;
  if (measure.kind === 'percentage') return 1;
  if (measure.kind === 'days' || measure.kind === 'score') return 2;
  return 0;
}

/**
 * A table as rows of cells: the header, a row per figure row (a group's subtotal just before its first
 * row), and the total row when the table has one. Values are what cellValue gives.
 */
export function tableGrid(
  table: SuppressedTable,
  threshold: number,
  language: Language,
): { header: string[]; body: (string | number | null)[][]; totalRow: (string | number | null)[] | null } {
  const header = [table.dimension.label[language], ...table.measures.map((m) => measureHeader(m, language))];
  const values = (cells: Record<string, Cell> | undefined) =>
    table.measures.map((m) => cellValue(cells?.[m.code], m, threshold));
  const body: (string | number | null)[][] = [];
  const groupsShown = new Set<string>();
  for (const row of table.rows) {
    if (row.group && !groupsShown.has(row.group)) {
      groupsShown.add(row.group);
      const group = table.groups?.find((g) => g.key === row.group);
      if (group)
        body.push([`${group.label[language]} (${TEXT.subtotal[language]})`, ...values(group.values)]);
    }
    body.push([row.label[language], ...values(row.values)]);
  }
  const totalRow = table.total ? [TEXT.total[language], ...values(table.total)] : null;
  return { header, body, totalRow };
}

/** The definitions the view's tables use, in the order they first appear; unknown codes are skipped. */
export function usedDefinitions(
  tables: readonly SuppressedTable[],
  definitions: readonly FigureDefinition[],
): FigureDefinition[] {
  const seen = new Set<string>();
  const out: FigureDefinition[] = [];
  for (const table of tables) {
    for (const measure of table.measures) {
      if (seen.has(measure.definition)) continue;
      seen.add(measure.definition);
      const definition = definitions.find((d) => d.code === measure.definition);
      if (definition) out.push(definition);
    }
  }
  return out;
}

/** The header lines of an export: [label, value] pairs. */
export function headerPairs(view: ViewResponse, context: ExportContext): [string, string][] {
  const { language: l } = context;
  const filters = filterTexts(view.filters, context.filterNames, l);
  return [
    [TEXT.dashboard[l], view.view.title[l]],
    [TEXT.municipality[l], `${context.municipality.name} (${context.municipality.code})`],
    [TEXT.period[l], periodText(view.filters, l)],
    [TEXT.filters[l], filters.length ? filters.join('; ') : TEXT.noFilters[l]],
    [TEXT.dataVersion[l], String(view.dataVersion)],
    [TEXT.refreshedAt[l], view.refreshedAt ?? TEXT.never[l]],
    [TEXT.generatedAt[l], context.generatedAt],
    [TEXT.suppression[l], view.suppression.rule[l]],
    [TEXT.threshold[l], String(view.suppression.threshold)],
    [TEXT.legend[l], legendText(view.suppression.threshold, l)],
  ];
}

/** File name without extension: dashboard-volumes-2025-01-tm-2025-12. */
export function exportFileName(viewCode: string, filters: { from: string; to: string }): string {
  const code = viewCode.replace(/[^a-z0-9-]/gi, '_');
  return `dashboard-${code}-${filters.from}-tm-${filters.to}`;
}
