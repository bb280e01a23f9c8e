import { csvText } from '../../intake/report-export.ts';
import type { ViewResponse } from '../dashboard-service.ts';
import type { FigureDefinition, Measure } from '../view-model.ts';
import {
  headerPairs,
  measureDecimals,
  tableGrid,
  TEXT,
  usedDefinitions,
  type ExportContext,
} from './export-text.ts';

/**
 * One dashboard view as CSV in the dialect of the registration report export (src/intake/report-export.ts):
 * for Excel in Dutch — semicolons, UTF-8 with a byte order mark, CRLF, decimal commas. First a header block
 * (view, municipality, period, filters, data version, suppression rule), then one block per table (title,
 * description, column header, rows, total, notes) and last the definitions of the figures. Cells are
 * exactly the suppressed cells of the screen. Pure.
 */

type Value = string | number | null;

function field(value: Value, decimals = 0): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    const text = decimals > 0 ? value.toFixed(decimals) : String(value);
    return text.replace('.', ',');
  }
  return csvText(value);
}

function line(values: Value[], measures?: Measure[]): string {
  return values
    .map((v, i) => field(v, measures && i > 0 && measures[i - 1] ? measureDecimals(measures[i - 1]!) : 0))
    .join(';');
}

export function viewCsv(
  view: ViewResponse,
  context: ExportContext,
  definitions: readonly FigureDefinition[],
): string {
  const l = context.language;
  const threshold = view.suppression.threshold;
  const lines: string[] = headerPairs(view, context).map(([k, v]) => line([k, v]));
  if (view.tables.length === 0) lines.push('', line([TEXT.noTables[l]]));
  for (const table of view.tables) {
    const grid = tableGrid(table, threshold, l);
    lines.push('', line([table.title[l]]));
    if (table.description) lines.push(line([table.description[l]]));
    lines.push(line(grid.header));
    for (const row of grid.body) lines.push(line(row, table.measures));
    if (grid.totalRow) lines.push(line(grid.totalRow, table.measures));
    for (const note of table.notes ?? []) lines.push(line([TEXT.notes[l], note[l]]));
  }
  const used = usedDefinitions(view.tables, definitions);
  if (used.length > 0) {
    lines.push('', line([TEXT.definitions[l]]));
    lines.push(line([TEXT.code[l], TEXT.name[l], TEXT.version[l], TEXT.description[l], TEXT.source[l]]));
    for (const d of used) lines.push(line([d.code, d.name[l], d.version, d.description[l], d.source]));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
