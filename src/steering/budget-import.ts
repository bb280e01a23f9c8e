import type { Bilingual } from '../platform/http/problem.ts';
import type { CellValue, SheetRow } from './xlsx-reader.ts';

/**
 * Reading a budget file (docs/import-budgets.md) into lines, without the database: the layouts in which
 * municipalities publish budgets — rows by theme or by BBV taakveld, or programme totals only; one column
 * per year (with the stage in the header: "Begroting 2015", "Raming 2016"); lasten possibly as negative
 * numbers; reserves (storting, onttrekking), saldo and result below. Amounts in euro x 1,000. Every
 * problem is reported with its line number; the caller writes nothing when there is one.
 */

export const BUDGET_STAGES = ['begroting', 'begroting-na-wijziging', 'raming', 'realisatie'] as const;
export type BudgetStage = (typeof BUDGET_STAGES)[number];
export type Side = 'lasten' | 'baten';
export type Layout = 'thema' | 'taakveld' | 'totaal';

export interface ImportError {
  line: number;
  column: string | null;
  code: string;
  message: Bilingual;
}

export interface ParsedLine {
  line: number;
  /** Theme lines: the theme's name (and code when the file has a code column). */
  themeName: string | null;
  themeCode: string | null;
  taakveld: string | null;
  side: Side;
  stage: BudgetStage;
  year: number;
  amount: number;
  /** A programme total ("Lasten", "Baten" rows), kept as the published figure. */
  total: boolean;
}

export interface ParsedReserve {
  line: number;
  reserveName: string;
  kind: 'storting' | 'onttrekking';
  stage: BudgetStage;
  year: number;
  amount: number;
}

export interface ParsedBudget {
  layout: Layout;
  negativeLasten: boolean;
  lines: ParsedLine[];
  reserves: ParsedReserve[];
  /** The (year, stage) columns of the file. */
  columns: { year: number; stage: BudgetStage }[];
}

export type ParseResult = { ok: true; budget: ParsedBudget } | { ok: false; errors: ImportError[] };

interface YearColumn {
  index: number;
  header: string;
  year: number;
  stage: BudgetStage;
  side: Side | null;
}

const STAGE_WORDS: Record<string, BudgetStage> = {
  begroting: 'begroting',
  'begroting na wijziging': 'begroting-na-wijziging',
  'begroting-na-wijziging': 'begroting-na-wijziging',
  'gewijzigde begroting': 'begroting-na-wijziging',
  raming: 'raming',
  realisatie: 'realisatie',
  rekening: 'realisatie',
  jaarrekening: 'realisatie',
};
const YEAR_HEADER =
  /^(?:(lasten|baten)\s+)?(?:(begroting na wijziging|begroting-na-wijziging|gewijzigde begroting|begroting|raming|realisatie|rekening|jaarrekening)\s+)?(\d{4})$/;

const norm = (value: CellValue): string =>
  value === null ? '' : String(value).replace(/\s+/g, ' ').trim().toLowerCase();
const text = (value: CellValue): string => (value === null ? '' : String(value).replace(/\s+/g, ' ').trim());

type Summary =
  | { kind: 'total'; side: Side }
  | { kind: 'saldo' }
  | { kind: 'resultaat' }
  | { kind: 'reserve'; reserve: 'storting' | 'onttrekking'; name: string };

/** The rows below the lines: totals, saldo, reserves and result. */
export function summaryRow(label: string): Summary | null {
  const l = label
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^totaal\s+/, '')
    .trim();
  if (l === 'lasten') return { kind: 'total', side: 'lasten' };
  if (l === 'baten') return { kind: 'total', side: 'baten' };
  if (l === 'saldo' || l === 'saldo van baten en lasten' || l === 'saldo baten en lasten')
    return { kind: 'saldo' };
  if (/^(geraamd |gerealiseerd )?resultaat( na bestemming)?$/.test(l)) return { kind: 'resultaat' };
  const reserve = /^(storting|toevoeging|onttrekking)(?:en)?(?: (?:in|aan|uit))? reserves?(?: (.+))?$/.exec(
    l,
  );
  if (reserve) {
    const original = label.replace(/\s+/g, ' ').trim();
    const name = reserve[2] ? original.slice(original.length - reserve[2].length) : 'Reserves';
    return { kind: 'reserve', reserve: reserve[1] === 'onttrekking' ? 'onttrekking' : 'storting', name };
  }
  return null;
}

/** A Dutch-formatted amount: "183.905", "-17.419", "12,5", "1.234,5"; numbers from XLSX as they are. */
export function parseAmount(value: CellValue): number | null | 'invalid' {
  if (value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : 'invalid';
  const t = value
    .trim()
    .replace(/^€\s*/, '')
    .replace(/[\u2212\u2013]/g, '-');
  if (t === '' || t === '-' || t === '—') return null;
  const m = /^(-)?\s*(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/.exec(t);
  if (!m) return 'invalid';
  const n = Number(`${m[2]!.replace(/\./g, '')}.${m[3] ?? '0'}`);
  return m[1] ? -n : n;
}

const err = (line: number, column: string | null, code: string, nl: string, en: string): ImportError => ({
  line,
  column,
  code,
  message: { nl, en },
});

const fmt = (n: number) => String(Math.round(n * 10) / 10);

/** Splits CSV text (separator ; or , as the header shows, quotes, BOM) into rows with line numbers. */
export function readCsv(input: string): SheetRow[] {
  const source = input.replace(/^\uFEFF/, '');
  const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
  const separator = firstLine.includes(';') ? ';' : firstLine.includes('\t') ? '\t' : ',';
  const rows: SheetRow[] = [];
  let cells: CellValue[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endField = () => {
    cells.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    if (cells.some((c) => c !== '' && c !== null)) rows.push({ line: rowLine, cells });
    cells = [];
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === separator) endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (field !== '' || cells.length > 0) endRow();
  return rows.map((r) => ({ line: r.line, cells: r.cells.map((c) => (c === '' ? null : c)) }));
}

/** Parses the rows of a budget file. `defaultStage` applies to year columns without a stage word. */
export function parseBudget(rows: SheetRow[], defaultStage: BudgetStage): ParseResult {
  const errors: ImportError[] = [];
  const headerAt = rows.findIndex((r) => r.cells.some((c) => YEAR_HEADER.test(norm(c))));
  if (headerAt < 0) {
    return {
      ok: false,
      errors: [
        err(
          rows[0]?.line ?? 1,
          null,
          'no-year-columns',
          'Geen kopregel met jaarkolommen gevonden (bijvoorbeeld "Begroting 2015" of "2015").',
          'No header row with year columns found (for example "Begroting 2015" or "2015").',
        ),
      ],
    };
  }
  const header = rows[headerAt]!;
  const yearColumns: YearColumn[] = [];
  let themeCol = -1;
  let codeCol = -1;
  let taakveldCol = -1;
  let sideCol = -1;
  let labelCol = -1;
  header.cells.forEach((cell, index) => {
    const h = norm(cell);
    const year = YEAR_HEADER.exec(h);
    if (year) {
      yearColumns.push({
        index,
        header: text(cell),
        year: Number(year[3]),
        stage: year[2] ? STAGE_WORDS[year[2]]! : defaultStage,
        side: (year[1] as Side | undefined) ?? null,
      });
    } else if (h === 'thema' || h === 'theme' || h === 'product' || h === 'taak') themeCol = index;
    else if (h === 'themacode' || h === 'code') codeCol = index;
    else if (h === 'taakveld' || h === 'bbv-taakveld' || h === 'bbv taakveld') taakveldCol = index;
    else if (h === 'soort' || h === 'side' || h === 'lasten/baten') sideCol = index;
    else if (labelCol < 0 && h !== '') labelCol = index;
  });
  if (labelCol < 0 && themeCol < 0 && taakveldCol < 0) labelCol = 0;
  const seenColumns = new Map<string, string>();
  for (const c of yearColumns) {
    const key = `${c.side ?? ''}|${c.stage}|${c.year}`;
    const before = seenColumns.get(key);
    if (before !== undefined)
      errors.push(
        err(
          header.line,
          c.header,
          'duplicate-column',
          `De kolom "${c.header}" staat er twee keer (ook "${before}").`,
          `The column "${c.header}" appears twice (also "${before}").`,
        ),
      );
    seenColumns.set(key, c.header);
  }
  const layout: Layout = themeCol >= 0 ? 'thema' : taakveldCol >= 0 ? 'taakveld' : 'totaal';

  const lines: ParsedLine[] = [];
  const reserves: ParsedReserve[] = [];
  const controls: { line: number; kind: 'saldo' | 'resultaat'; column: YearColumn; value: number }[] = [];
  const seenRows = new Map<string, number>();
  const claim = (key: string, line: number, what: Bilingual) => {
    const first = seenRows.get(key);
    if (first !== undefined) {
      errors.push(
        err(
          line,
          null,
          'duplicate-row',
          `${what.nl} staat al op regel ${first}; een thema of regel mag één keer per import voorkomen.`,
          `${what.en} is already on line ${first}; a theme or row may appear once per import.`,
        ),
      );
      return false;
    }
    seenRows.set(key, line);
    return true;
  };

  for (const row of rows.slice(headerAt + 1)) {
    const cell = (i: number) => (i >= 0 ? (row.cells[i] ?? null) : null);
    const themeName = text(cell(themeCol));
    const taakveld = text(cell(taakveldCol));
    const code = text(cell(codeCol));
    const label = text(cell(labelCol));
    const sideText = norm(cell(sideCol));
    const summary = summaryRow(label || (themeName && !taakveld ? themeName : ''));
    let rowSide: Side | null = null;
    if (sideText) {
      if (sideText === 'lasten' || sideText === 'baten') rowSide = sideText;
      else {
        errors.push(
          err(
            row.line,
            'soort',
            'invalid-side',
            `Soort "${text(cell(sideCol))}" is geen lasten of baten.`,
            `Kind "${text(cell(sideCol))}" is neither lasten nor baten.`,
          ),
        );
        continue;
      }
    }
    if (taakveld && !/^\d\.\d{1,2}$/.test(taakveld)) {
      errors.push(
        err(
          row.line,
          'taakveld',
          'invalid-taakveld',
          `"${taakveld}" is geen BBV-taakveld (zoals 6.1 of 6.71).`,
          `"${taakveld}" is not a BBV taakveld (such as 6.1 or 6.71).`,
        ),
      );
      continue;
    }
    type Target =
      | { kind: 'line'; theme: string | null; code: string | null; taakveld: string | null; total: boolean }
      | { kind: 'control'; control: 'saldo' | 'resultaat' }
      | { kind: 'reserve'; reserve: 'storting' | 'onttrekking'; name: string };
    let target: Target;
    let key: string;
    let what: Bilingual;
    if (summary?.kind === 'total') {
      target = { kind: 'line', theme: null, code: null, taakveld: null, total: true };
      rowSide = summary.side;
      key = `total|${summary.side}`;
      what = { nl: `Het totaal ${summary.side}`, en: `The total ${summary.side}` };
    } else if (summary?.kind === 'saldo' || summary?.kind === 'resultaat') {
      target = { kind: 'control', control: summary.kind };
      key = summary.kind;
      what = { nl: `De regel ${summary.kind}`, en: `The ${summary.kind} row` };
    } else if (summary?.kind === 'reserve') {
      target = { kind: 'reserve', reserve: summary.reserve, name: summary.name };
      key = `reserve|${summary.reserve}|${summary.name.toLowerCase()}`;
      what = { nl: `De ${summary.reserve} ${summary.name}`, en: `The ${summary.reserve} ${summary.name}` };
    } else if (layout === 'thema' && themeName) {
      target = {
        kind: 'line',
        theme: themeName,
        code: code || null,
        taakveld: taakveld || null,
        total: false,
      };
      key = `theme|${(code || themeName).toLowerCase()}`;
      what = { nl: `Thema "${themeName}"`, en: `Theme "${themeName}"` };
    } else if (layout !== 'totaal' && taakveld) {
      target = { kind: 'line', theme: null, code: null, taakveld, total: false };
      key = `taakveld|${taakveld}`;
      what = { nl: `Taakveld ${taakveld}`, en: `Taakveld ${taakveld}` };
    } else {
      const shown = label || themeName || text(row.cells.find((c) => c !== null) ?? null);
      errors.push(
        err(
          row.line,
          null,
          'unknown-row',
          `Regel "${shown}" is geen thema, taakveld, totaal, reserve, saldo of resultaat.`,
          `Row "${shown}" is not a theme, taakveld, total, reserve, saldo or result.`,
        ),
      );
      continue;
    }
    if (
      target.kind === 'line' &&
      !target.total &&
      rowSide === null &&
      yearColumns.some((c) => c.side === null)
    ) {
      errors.push(
        err(
          row.line,
          'soort',
          'side-missing',
          'Geef in de kolom Soort aan of het lasten of baten zijn.',
          'State in the column Soort whether these are lasten or baten.',
        ),
      );
      continue;
    }
    if (!claim(`${key}|${rowSide ?? ''}`, row.line, what)) continue;

    for (const column of yearColumns) {
      const raw = cell(column.index);
      const amount = parseAmount(raw);
      if (amount === null) continue;
      if (amount === 'invalid') {
        errors.push(
          err(
            row.line,
            column.header,
            'not-a-number',
            `"${text(raw)}" in kolom "${column.header}" is geen bedrag (x € 1.000, zoals 17.419 of 12,5).`,
            `"${text(raw)}" in column "${column.header}" is not an amount (x € 1,000, such as 17.419 or 12,5).`,
          ),
        );
        continue;
      }
      if (Math.abs(amount) >= 1e12 || Math.abs(amount * 10 - Math.round(amount * 10)) > 1e-6) {
        errors.push(
          err(
            row.line,
            column.header,
            'amount-precision',
            `${fmt(amount)} in kolom "${column.header}": bedragen zijn in duizenden euro's met hoogstens één decimaal.`,
            `${fmt(amount)} in column "${column.header}": amounts are in thousands of euros with at most one decimal.`,
          ),
        );
        continue;
      }
      const value = Math.round(amount * 10) / 10;
      if (target.kind === 'control') controls.push({ line: row.line, kind: target.control, column, value });
      else if (target.kind === 'reserve')
        reserves.push({
          line: row.line,
          reserveName: target.name,
          kind: target.reserve,
          stage: column.stage,
          year: column.year,
          amount: value,
        });
      else {
        const side = column.side ?? rowSide;
        if (side === null) continue; // reported above
        if (rowSide !== null && column.side !== null && rowSide !== column.side) continue; // other side's column
        lines.push({
          line: row.line,
          themeName: target.theme,
          themeCode: target.code,
          taakveld: target.taakveld,
          side,
          stage: column.stage,
          year: column.year,
          amount: value,
          total: target.total,
        });
      }
    }
  }

  // Signs: a file shows lasten either all as positive or all as negative numbers.
  const lasten = lines.filter((l) => l.side === 'lasten' && l.amount !== 0);
  const negativeLasten = lasten.length > 0 && lasten.every((l) => l.amount < 0);
  for (const l of lines) {
    if (l.side === 'lasten' && negativeLasten) l.amount = -l.amount;
    else if (l.amount < 0) {
      errors.push(
        err(
          l.line,
          `${l.stage} ${l.year}`,
          'negative-amount',
          l.side === 'lasten'
            ? `Negatieve lasten (${fmt(l.amount)}) in ${l.year}: dit bestand toont lasten als positieve bedragen.`
            : `Negatieve baten (${fmt(l.amount)}) in ${l.year} zijn niet toegestaan.`,
          l.side === 'lasten'
            ? `Negative lasten (${fmt(l.amount)}) in ${l.year}: this file shows lasten as positive amounts.`
            : `Negative baten (${fmt(l.amount)}) in ${l.year} are not allowed.`,
        ),
      );
    }
  }
  for (const r of reserves) {
    if (r.kind === 'storting' && negativeLasten && r.amount < 0) r.amount = -r.amount;
    else if (r.amount < 0)
      errors.push(
        err(
          r.line,
          `${r.stage} ${r.year}`,
          'negative-amount',
          `Een negatieve ${r.kind} (${fmt(r.amount)}) in ${r.year} is niet toegestaan.`,
          `A negative ${r.kind} (${fmt(r.amount)}) in ${r.year} is not allowed.`,
        ),
      );
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };

  // Published totals, saldo and result must agree with the lines (within rounding of 1).
  const columns = uniqueColumns(yearColumns);
  const sum = (year: number, stage: BudgetStage, side: Side, total: boolean) => {
    const found = lines.filter(
      (l) => l.year === year && l.stage === stage && l.side === side && l.total === total,
    );
    return found.length === 0 ? null : found.reduce((s, l) => s + l.amount, 0);
  };
  for (const { year, stage } of columns) {
    for (const side of ['lasten', 'baten'] as const) {
      const published = sum(year, stage, side, true);
      const parts = sum(year, stage, side, false);
      if (published !== null && parts !== null && Math.abs(published - parts) > 1) {
        const line = lines.find(
          (l) => l.total && l.year === year && l.stage === stage && l.side === side,
        )!.line;
        errors.push(
          err(
            line,
            `${stage} ${year}`,
            'total-mismatch',
            `Totaal ${side} ${year} (${fmt(published)}) wijkt meer dan 1 af van de som van de regels (${fmt(parts)}).`,
            `Total ${side} ${year} (${fmt(published)}) differs by more than 1 from the sum of the lines (${fmt(parts)}).`,
          ),
        );
      }
    }
  }
  for (const c of controls) {
    const { year, stage } = c.column;
    const lastenTotal = sum(year, stage, 'lasten', true) ?? sum(year, stage, 'lasten', false);
    const batenTotal = sum(year, stage, 'baten', true) ?? sum(year, stage, 'baten', false);
    if (lastenTotal === null && batenTotal === null) {
      errors.push(
        err(
          c.line,
          c.column.header,
          'control-without-lines',
          `Er zijn geen lasten of baten voor ${c.column.header} om het ${c.kind} mee te controleren.`,
          `There are no lasten or baten for ${c.column.header} to check the ${c.kind} against.`,
        ),
      );
      continue;
    }
    const saldo = (lastenTotal ?? 0) - (batenTotal ?? 0);
    const mutations = (kind: 'storting' | 'onttrekking') =>
      reserves
        .filter((r) => r.year === year && r.stage === stage && r.kind === kind)
        .reduce((s, r) => s + r.amount, 0);
    const expected = c.kind === 'saldo' ? saldo : saldo + mutations('storting') - mutations('onttrekking');
    const given = negativeLasten ? -c.value : c.value;
    if (Math.abs(given - expected) > 1) {
      errors.push(
        err(
          c.line,
          c.column.header,
          `${c.kind}-mismatch`,
          `Het ${c.kind} ${year} (${fmt(c.value)}) klopt niet met de regels erboven (${fmt(negativeLasten ? -expected : expected)}), ook niet binnen een afronding van 1.`,
          `The ${c.kind} ${year} (${fmt(c.value)}) does not match the rows above (${fmt(negativeLasten ? -expected : expected)}), not even within rounding of 1.`,
        ),
      );
    }
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  if (lines.length === 0 && reserves.length === 0) {
    return {
      ok: false,
      errors: [
        err(header.line, null, 'empty', 'Het bestand bevat geen bedragen.', 'The file contains no amounts.'),
      ],
    };
  }
  return { ok: true, budget: { layout, negativeLasten, lines, reserves, columns } };
}

function uniqueColumns(columns: YearColumn[]): { year: number; stage: BudgetStage }[] {
  const seen = new Map<string, { year: number; stage: BudgetStage }>();
  for (const c of columns) seen.set(`${c.year}|${c.stage}`, { year: c.year, stage: c.stage });
  return [...seen.values()];
}
