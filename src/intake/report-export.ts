import type { HelpQuestionReport } from './report-schemas.ts';
import { writeXlsx, type SheetValue } from './report-xlsx.ts';

/**
 * The registration report as CSV (for Excel in Dutch: semicolons, UTF-8 with a byte order mark, CRLF) and
 * as XLSX (the table, and a second sheet with the explanation). Dutch headers. Pure.
 */

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';

/** The table as rows: a header, one row per value, and the total row. */
export function reportRows(report: HelpQuestionReport): SheetValue[][] {
  const twoDimensions = report.columnDimension !== null;
  const header = twoDimensions
    ? [report.rowDimension.label, ...report.columns.map((c) => c.label), 'Totaal']
    : [report.rowDimension.label, 'Aantal hulpvragen'];
  const body = report.rows.map((row) => [row.label, ...row.cells, row.total]);
  const totals = ['Totaal', ...report.totals.cells, report.totals.total];
  return [header, ...body, totals];
}

/**
 * A text cell that a spreadsheet would read as a formula (=, +, -, @, or a tab or return first) gets a
 * leading apostrophe: names typed by users must never run as formulas.
 */
export function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A text cell of a `;`-separated CSV: made safe from formulas, quoted where it holds `;`, `"` or a line break. */
export function csvText(value: string): string {
  const text = safeText(value);
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvField(value: SheetValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return csvText(value);
}

export function reportCsv(report: HelpQuestionReport): string {
  const lines = reportRows(report).map((row) => row.map(csvField).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function reportXlsx(report: HelpQuestionReport): Buffer {
  const rows = reportRows(report).map((row) =>
    row.map((value) => (typeof value === 'string' ? safeText(value) : value)),
  );
  const firstWidth = Math.min(60, Math.max(14, ...rows.map((r) => String(r[0] ?? '').length + 2)));
  const explanation: SheetValue[][] = [
    ['Onderwerp', 'Toelichting'],
    ['Rapport', 'Registratie van hulpvragen'],
    ['Periode', `${report.fromDate} tot en met ${report.toDate}`],
    [
      'Indeling',
      report.columnDimension
        ? `${report.rowDimension.label} (rijen) naar ${report.columnDimension.label} (kolommen)`
        : report.rowDimension.label,
    ],
    ['Wat wordt geteld', report.meta.counting.nl],
    ['Periode en wijk', report.meta.period.nl],
    ['Kleine aantallen', report.meta.suppression.nl],
    [
      'Verborgen cellen',
      `${report.meta.suppressedCells.small} als "<10", ${report.meta.suppressedCells.secondary} als "x"`,
    ],
  ];
  return writeXlsx([
    {
      name: 'Hulpvragen',
      rows,
      header: true,
      columnWidths: [firstWidth, ...rows[0]!.slice(1).map((h) => Math.max(10, String(h).length + 2))],
    },
    { name: 'Toelichting', rows: explanation, header: true, columnWidths: [20, 120] },
  ]);
}

/** File name without extension, e.g. hulpvragen-kanaal-2026-01-01-tm-2026-01-31. */
export function reportFileName(report: HelpQuestionReport): string {
  const slug = (label: string) =>
    label
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  const by = [report.rowDimension.label, report.columnDimension?.label].filter(Boolean).map((l) => slug(l!));
  return `hulpvragen-${by.join('-')}-${report.fromDate}-tm-${report.toDate}`;
}
