import type { ViewResponse } from '../dashboard-service.ts';
import type { Cell, DashboardFilters, FigureDefinition, Measure, SuppressedTable } from '../view-model.ts';
import {
  cellValue,
  dayText,
  filterTexts,
  legendText,
  periodText,
  TEXT,
  usedDefinitions,
  type FilterNames,
  type Language,
} from './export-text.ts';
import { PdfLayout, WIDTH, type BarSpec } from './pdf-layout.ts';

/**
 * The whole dashboard for a period as a PDF for the council (issue 8, point 9): a title page (municipality,
 * period, data version, date, contents), every view with its tables — and a simple bar chart where a table
 * is drawn as a chart on screen — the suppression rule, and an appendix with the definition of every
 * figure. Plain Dutch, or English. Cells are the suppressed cells of the screen.
 */

export interface DashboardReport {
  language: Language;
  municipality: { code: string; name: string };
  filters: DashboardFilters;
  filterNames: FilterNames;
  /** Day the report was made, YYYY-MM-DD. */
  generatedDate: string;
  views: ViewResponse[];
  definitions: readonly FigureDefinition[];
}

const WORDS = {
  intro: {
    nl: 'Dit rapport laat de cijfers van het dashboard sociaal domein zien over de gekozen periode: hoeveel inwoners welke ondersteuning krijgen, hoe lang, wat het kost en met welk effect. Kleine aantallen zijn afgeschermd, zodat niemand in de cijfers te herkennen is. Hoe elk cijfer berekend wordt, staat in de bijlage.',
    en: 'This report shows the figures of the social domain dashboard for the chosen period: how many residents receive which support, for how long, at what cost and with what effect. Small counts are hidden so that nobody can be recognised in the figures. How each figure is computed is explained in the appendix.',
  },
  contents: { nl: 'Inhoud', en: 'Contents' },
  madeOn: { nl: 'Gemaakt op', en: 'Made on' },
  withGrip: { nl: 'met Grip', en: 'with Grip' },
  dataVersion: { nl: 'Dataversie', en: 'Data version' },
  refreshed: { nl: 'cijfers bijgewerkt op', en: 'figures updated on' },
  appendix: { nl: 'Bijlage: definities', en: 'Appendix: definitions' },
  suppressionHeading: { nl: 'Kleine aantallen', en: 'Small counts' },
  suppressionIntro: {
    nl: 'Niemand mag in deze cijfers te herkennen zijn. Daarom past Grip op de server, voordat de cijfers het systeem verlaten, deze regel toe:',
    en: 'Nobody may be recognisable in these figures. Before the figures leave the server, Grip therefore applies this rule:',
  },
  chart: { nl: 'Grafiek', en: 'Chart' },
  stacked: { nl: 'gestapeld per', en: 'stacked by' },
  hiddenInChart: {
    nl: 'Verborgen cellen ("<10", "x") hebben geen staaf.',
    en: 'Hidden cells ("<10", "x") have no bar.',
  },
  continued: { nl: 'vervolg', en: 'continued' },
  source: { nl: 'Bron', en: 'Source' },
  version: { nl: 'versie', en: 'version' },
  indicator: { nl: 'zelfde methode als indicator', en: 'same method as indicator' },
  page: { nl: 'Pagina', en: 'Page' },
  of: { nl: 'van', en: 'of' },
  period: { nl: 'Periode', en: 'Period' },
  municipality: { nl: 'Gemeente', en: 'Municipality' },
  noViews: { nl: 'Er zijn nog geen weergaven.', en: 'There are no views yet.' },
} as const;

const CHARTED = new Set(['bar', 'stacked-bar', 'line', 'map', 'pyramid', 'overlap']);
const MAX_CHART_ROWS = 40;
const MAX_COLUMNS = 7;

/** A figure in the report's language: 1.234 / 1,234; money in whole euros; the hidden labels as they are. */
export function cellText(
  cell: Cell | undefined,
  measure: Measure,
  threshold: number,
  language: Language,
): string {
  const value = cellValue(cell, measure, threshold);
  if (value === null) return '–';
  if (typeof value === 'string') return value;
  const locale = language === 'nl' ? 'nl-NL' : 'en-GB';
  if (measure.kind === 'money')
    return `€ ${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value)}`;
  if (measure.kind === 'percentage')
    return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)}%`;
  const decimals = measure.kind === 'persons' || measure.kind === 'households' ? 0 : 1;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: decimals }).format(value);
}

/** The bars of a charted table, or null when it has nothing to draw (or too many rows for paper). */
export function chartOf(table: SuppressedTable, threshold: number, language: Language): BarSpec | null {
  if (!CHARTED.has(table.chart) || table.rows.length === 0 || table.rows.length > MAX_CHART_ROWS) return null;
  // A two-way table stacks its series; otherwise the first measure is drawn.
  const measures = table.series ? table.measures : table.measures.slice(0, 1);
  const rows = table.rows.map((row) => {
    const segments = measures.map((m) => {
      const v = row.values[m.code];
      return typeof v === 'number' && v > 0 ? v : 0;
    });
    const hidden = measures
      .map((m) => row.values[m.code])
      .filter((v) => v === '<10' || v === 'x')
      .map((v) => cellValue(v, measures[0]!, threshold));
    const shownTotal = segments.reduce((a, b) => a + b, 0);
    const anyNumber = measures.some((m) => typeof row.values[m.code] === 'number');
    const text = [
      shownTotal > 0 || (anyNumber && hidden.length === 0)
        ? cellText(shownTotal, measures[0]!, threshold, language)
        : '',
      ...hidden,
    ]
      .filter(Boolean)
      .join(' + ');
    return { label: row.label[language], segments, text: text || '–' };
  });
  if (rows.some((r) => r.segments.some((s) => s < 0))) return null;
  return { series: measures.map((m) => m.label[language]), rows };
}

function renderTable(layout: PdfLayout, table: SuppressedTable, threshold: number, language: Language): void {
  const label = (cells: Record<string, Cell> | undefined, measures: Measure[]) =>
    measures.map((m) => cellText(cells?.[m.code], m, threshold, language));
  // Wide tables are printed in parts of at most MAX_COLUMNS figures, each with the row labels.
  for (let start = 0; start < Math.max(1, table.measures.length); start += MAX_COLUMNS) {
    const measures = table.measures.slice(start, start + MAX_COLUMNS);
    const rows: { cells: string[]; bold?: boolean }[] = [];
    const groupsShown = new Set<string>();
    for (const row of table.rows) {
      if (row.group && !groupsShown.has(row.group)) {
        groupsShown.add(row.group);
        const group = table.groups?.find((g) => g.key === row.group);
        if (group)
          rows.push({
            cells: [
              `${group.label[language]} (${TEXT.subtotal[language]})`,
              ...label(group.values, measures),
            ],
            bold: true,
          });
      }
      rows.push({ cells: [row.label[language], ...label(row.values, measures)] });
    }
    if (table.total)
      rows.push({ cells: [TEXT.total[language], ...label(table.total, measures)], bold: true });
    const header = [
      start === 0
        ? table.dimension.label[language]
        : `${table.dimension.label[language]} (${WORDS.continued[language]})`,
      // Units are in the cells ("€ 1.234", "12,5%"), so the headers are the labels.
      ...measures.map((m) => m.label[language]),
    ];
    const size = measures.length > 4 ? 7.5 : 8.5;
    const column = measures.length > 4 ? 62 : 80;
    const labelWidth = Math.max(120, Math.min(220, WIDTH - measures.length * column));
    layout.table({ header, rows, labelWidth, width: labelWidth + measures.length * column, size });
  }
}

export async function renderDashboardPdf(report: DashboardReport): Promise<Uint8Array> {
  const l = report.language;
  const layout = await PdfLayout.create();
  const { doc } = layout;
  const period = periodText(report.filters, l);
  doc.setTitle(
    `${TEXT.dashboard[l]}, ${WORDS.municipality[l].toLowerCase()} ${report.municipality.name}, ${period}`,
  );
  doc.setLanguage(l === 'nl' ? 'nl-NL' : 'en-GB');
  doc.setCreator('Grip');
  doc.setProducer('Grip');

  const dataVersion = Math.max(0, ...report.views.map((v) => v.dataVersion));
  const refreshed = report.views.map((v) => v.refreshedAt).find((r) => r !== null) ?? null;
  const threshold = report.views[0]?.suppression.threshold ?? 10;

  // Title page.
  layout.space(120);
  layout.text('title', TEXT.dashboard[l]);
  layout.text('subtitle', `${WORDS.municipality[l]} ${report.municipality.name}`);
  layout.text('subtitle', `${WORDS.period[l]}: ${period}`);
  for (const filter of filterTexts(report.filters, report.filterNames, l)) layout.text('text', filter);
  layout.space(16);
  layout.text(
    'text',
    `${WORDS.dataVersion[l]} ${dataVersion}${refreshed ? `, ${WORDS.refreshed[l]} ${dayText(refreshed, l)}` : ''}.`,
  );
  layout.text('text', `${WORDS.madeOn[l]} ${dayText(report.generatedDate, l)} ${WORDS.withGrip[l]}.`);
  layout.space(12);
  layout.text('text', WORDS.intro[l]);
  layout.text('subheading', WORDS.contents[l]);
  if (report.views.length === 0) layout.text('text', WORDS.noViews[l]);
  report.views.forEach((v, i) => layout.text('text', `${i + 1}. ${v.view.title[l]}`));
  layout.text('text', `${report.views.length + 1}. ${WORDS.suppressionHeading[l]}`);
  layout.text('text', WORDS.appendix[l]);

  // The views.
  report.views.forEach((view, i) => {
    layout.newPage();
    layout.text('heading', `${i + 1}. ${view.view.title[l]}`);
    if (view.view.description[l]) layout.text('text', view.view.description[l]);
    if (view.tables.length === 0) layout.text('text', TEXT.noTables[l]);
    for (const table of view.tables) {
      const chart = chartOf(table, view.suppression.threshold, l);
      // Title, description and chart on one page where they fit.
      layout.keep(60 + (chart ? chart.rows.length * 12 + (chart.series.length > 1 ? 40 : 20) : 40));
      layout.text('subheading', table.title[l]);
      if (table.description) layout.text('text', table.description[l]);
      if (chart) {
        const what = table.series
          ? `${WORDS.stacked[l]} ${table.series.label[l].toLowerCase()}`
          : table.measures[0]!.label[l];
        layout.text('small', `${WORDS.chart[l]}: ${what}. ${WORDS.hiddenInChart[l]}`);
        layout.bars(chart);
      }
      renderTable(layout, table, view.suppression.threshold, l);
      for (const note of table.notes ?? []) layout.text('small', note[l]);
    }
  });

  // The rule, once for the whole report.
  layout.newPage();
  layout.text('heading', `${report.views.length + 1}. ${WORDS.suppressionHeading[l]}`);
  layout.text('text', WORDS.suppressionIntro[l]);
  const rule = report.views[0]?.suppression.rule[l];
  if (rule) layout.text('text', rule);
  layout.text('text', legendText(threshold, l));

  // Appendix: the definitions of the figures in this report.
  layout.text('heading', WORDS.appendix[l]);
  const used = usedDefinitions(
    report.views.flatMap((v) => v.tables),
    report.definitions,
  );
  for (const d of used) {
    layout.text('subheading', `${d.name[l]} (${d.code}, ${WORDS.version[l]} ${d.version})`);
    layout.text('text', d.description[l]);
    const indicator = d.indicatorCode ? `; ${WORDS.indicator[l]} ${d.indicatorCode}` : '';
    layout.text('small', `${WORDS.source[l]}: ${d.source}${indicator}.`);
  }

  layout.footer(
    `${TEXT.dashboard[l]}, ${report.municipality.name}, ${period}. ${WORDS.madeOn[l]} ${dayText(report.generatedDate, l)} ${WORDS.withGrip[l]}.`,
    { page: WORDS.page[l], of: WORDS.of[l] },
  );
  return doc.save();
}
