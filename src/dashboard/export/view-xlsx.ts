import { safeText } from '../../intake/report-export.ts';
import { validSheetName, writeXlsx, type Sheet, type SheetValue } from '../../intake/report-xlsx.ts';
import type { ViewResponse } from '../dashboard-service.ts';
import type { FigureDefinition } from '../view-model.ts';
import { headerPairs, tableGrid, TEXT, usedDefinitions, type ExportContext } from './export-text.ts';

/**
 * One dashboard view as an XLSX workbook (src/intake/report-xlsx.ts): a first sheet with what the file
 * shows (view, municipality, period, filters, data version, suppression rule and the tables in it), one
 * sheet per table (column header frozen, rows, total; title, description and notes under it) and a sheet
 * with the definitions of the figures. Numbers stay numbers (money in euros); hidden cells are the texts
 * of the screen ('<10', 'x'). Pure.
 */

const text = (value: SheetValue): SheetValue => (typeof value === 'string' ? safeText(value) : value);

/** A valid, unique sheet name (at most 31 characters, none of : \ / ? * [ ]) from a table's title. */
export function sheetName(title: string, taken: Set<string>): string {
  const base =
    title
      .replace(/[:\\/?*[\]]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 31) || 'Tabel';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()) || !validSheetName(name); n++) {
    const suffix = ` (${n})`;
    name = `${base.slice(0, 31 - suffix.length)}${suffix}`;
  }
  taken.add(name.toLowerCase());
  return name;
}

export function viewXlsx(
  view: ViewResponse,
  context: ExportContext,
  definitions: readonly FigureDefinition[],
): Buffer {
  const l = context.language;
  const threshold = view.suppression.threshold;
  const taken = new Set<string>();
  const aboutName = sheetName(TEXT.notes[l], taken);
  const tableSheets: Sheet[] = view.tables.map((table) => {
    const grid = tableGrid(table, threshold, l);
    const rows: SheetValue[][] = [grid.header, ...grid.body];
    if (grid.totalRow) rows.push(grid.totalRow);
    rows.push([], [table.title[l]]);
    if (table.description) rows.push([table.description[l]]);
    for (const note of table.notes ?? []) rows.push([`${TEXT.notes[l]}: ${note[l]}`]);
    const firstWidth = Math.min(
      60,
      Math.max(14, ...rows.slice(0, -3).map((r) => String(r[0] ?? '').length + 2)),
    );
    return {
      name: sheetName(table.title[l], taken),
      rows: rows.map((r) => r.map(text)),
      header: true,
      columnWidths: [
        firstWidth,
        ...grid.header.slice(1).map((h) => Math.min(40, Math.max(10, h.length + 2))),
      ],
    };
  });
  const about: SheetValue[][] = [[TEXT.subject[l], TEXT.value[l]], ...headerPairs(view, context)];
  about.push([
    TEXT.tables[l],
    view.tables.length ? tableSheets.map((s) => s.name).join('; ') : TEXT.noTables[l],
  ]);
  const sheets: Sheet[] = [
    { name: aboutName, rows: about.map((r) => r.map(text)), header: true, columnWidths: [24, 120] },
    ...tableSheets,
  ];
  const used = usedDefinitions(view.tables, definitions);
  if (used.length > 0) {
    sheets.push({
      name: sheetName(TEXT.definitions[l], taken),
      header: true,
      columnWidths: [22, 34, 8, 90, 50],
      rows: [
        [TEXT.code[l], TEXT.name[l], TEXT.version[l], TEXT.description[l], TEXT.source[l]],
        ...used.map((d) => [d.code, d.name[l], d.version, d.description[l], d.source].map(text)),
      ],
    });
  }
  return writeXlsx(sheets);
}
