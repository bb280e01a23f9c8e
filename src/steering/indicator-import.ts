import type { FastifyError } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Tx } from '../platform/db/database.ts';
import { handleError } from '../platform/http/errors.ts';
import { invalid, problem, sendProblem } from '../platform/http/problem.ts';
import type { GripApp } from '../platform/http/types.ts';
import { readCsv } from './budget-import.ts';
import type { CellValue, SheetRow } from './xlsx-reader.ts';

/**
 * Import of external indicator figures (issue 7 point 2): realisations and targets of external indicators
 * from a CSV file (docs/api/steering.md, "As built: indicator import"). One header row, then one row per
 * figure: indicator code, kind (realisatie / streefwaarde), a year or a period, the value and (for a
 * realisation) its source. Every row is checked first; any problem refuses the whole file with line
 * numbers (400) and nothing is written. Computed indicators are refused per row (code
 * `computed-indicator`): Grip computes them, they are never typed in or imported.
 */

const MAX_BYTES = 2 * 1024 * 1024;
const MAX_ROWS = 10_000;

export interface IndicatorImportError {
  line: number;
  column?: string;
  code: string;
  message: { nl: string; en: string };
}

export interface IndicatorFigure {
  line: number;
  indicatorCode: string;
  kind: 'realisatie' | 'streefwaarde';
  periodStart: string;
  periodEnd: string;
  year: number;
  value: number;
  source: string;
}

/** Header names accepted per column (compared lower-case, spaces and dashes as underscores). */
const COLUMNS = {
  indicator: ['indicator', 'indicatorcode', 'indicator_code', 'code'],
  kind: ['soort', 'kind', 'type'],
  year: ['jaar', 'year'],
  periodStart: ['periode_start', 'periodestart', 'period_start', 'van', 'from'],
  periodEnd: ['periode_eind', 'periode_einde', 'periodeeinde', 'period_end', 'tot', 'to'],
  value: ['waarde', 'value'],
  source: ['bron', 'source'],
} as const;
type Column = keyof typeof COLUMNS;

const KINDS: Record<string, IndicatorFigure['kind']> = {
  realisatie: 'realisatie',
  realisation: 'realisatie',
  streefwaarde: 'streefwaarde',
  target: 'streefwaarde',
  doel: 'streefwaarde',
};

/**
 * A value: "12,5" or "1.234,5" (Dutch: comma decimal, dots group thousands) or "12.5" (a dot without a comma
 * is the decimal point — survey figures are often written so); numbers from a sheet as they are.
 */
export function parseValue(value: CellValue | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const t = value
    .trim()
    .replace(/^€\s*/, '')
    .replace(/\s*%$/, '')
    .replace(/[\u2212\u2013]/g, '-');
  const dutch = /^-?(\d{1,3}(\.\d{3})+|\d+),\d+$/.test(t);
  if (dutch) return Number(t.replace(/\./g, '').replace(',', '.'));
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
}

const text = (v: CellValue | undefined) => (v === null || v === undefined ? '' : String(v).trim());
const headerName = (v: CellValue | undefined) =>
  text(v)
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
const err = (line: number, column: string | undefined, code: string, nl: string, en: string) => ({
  line,
  ...(column ? { column } : {}),
  code,
  message: { nl, en },
});

/** Pure parsing of the rows (first row the header): figures, or every problem with its line number. */
export function parseIndicatorFigures(
  rows: SheetRow[],
): { ok: true; figures: IndicatorFigure[] } | { ok: false; errors: IndicatorImportError[] } {
  const errors: IndicatorImportError[] = [];
  const [header, ...data] = rows;
  if (!header)
    return {
      ok: false,
      errors: [err(1, undefined, 'empty-file', 'Het bestand is leeg.', 'The file is empty.')],
    };
  const index = new Map<Column, number>();
  header.cells.forEach((cell, i) => {
    const name = headerName(cell);
    for (const [column, names] of Object.entries(COLUMNS) as [Column, readonly string[]][])
      if (names.includes(name) && !index.has(column)) index.set(column, i);
  });
  for (const column of ['indicator', 'value'] as const)
    if (!index.has(column))
      errors.push(
        err(
          header.line,
          COLUMNS[column][0],
          'column-missing',
          `De kolom "${COLUMNS[column][0]}" ontbreekt.`,
          `The column "${COLUMNS[column][0]}" is missing.`,
        ),
      );
  if (!index.has('year') && !(index.has('periodStart') && index.has('periodEnd')))
    errors.push(
      err(
        header.line,
        'jaar',
        'column-missing',
        'Geef een kolom "jaar" of de kolommen "periode_start" en "periode_eind".',
        'Give a column "jaar" or the columns "periode_start" and "periode_eind".',
      ),
    );
  if (errors.length > 0) return { ok: false, errors };
  if (data.length === 0)
    return {
      ok: false,
      errors: [
        err(
          header.line,
          undefined,
          'no-rows',
          'Het bestand bevat geen regels onder de kopregel.',
          'The file has no rows below the header.',
        ),
      ],
    };
  if (data.length > MAX_ROWS)
    return {
      ok: false,
      errors: [
        err(
          header.line,
          undefined,
          'too-many-rows',
          `Hoogstens ${MAX_ROWS} regels per bestand.`,
          `At most ${MAX_ROWS} rows per file.`,
        ),
      ],
    };

  const cell = (row: SheetRow, column: Column) => {
    const i = index.get(column);
    return i === undefined ? '' : text(row.cells[i]);
  };
  const figures: IndicatorFigure[] = [];
  const seen = new Map<string, number>();
  for (const row of data) {
    const line = row.line;
    const before = errors.length;
    const indicatorCode = cell(row, 'indicator');
    if (!indicatorCode)
      errors.push(
        err(line, 'indicator', 'required', 'De indicatorcode ontbreekt.', 'The indicator code is missing.'),
      );
    const kindText = cell(row, 'kind').toLowerCase();
    const kind = kindText === '' ? 'realisatie' : KINDS[kindText];
    if (!kind)
      errors.push(
        err(
          line,
          'soort',
          'unknown-kind',
          `Onbekende soort "${kindText}" (realisatie of streefwaarde).`,
          `Unknown kind "${kindText}" (realisatie or streefwaarde).`,
        ),
      );
    const yearText = cell(row, 'year');
    let periodStart = cell(row, 'periodStart');
    let periodEnd = cell(row, 'periodEnd');
    let year = 0;
    if (yearText) {
      if (!/^\d{4}$/.test(yearText) || Number(yearText) < 2000 || Number(yearText) > 2100)
        errors.push(
          err(
            line,
            'jaar',
            'invalid-year',
            `"${yearText}" is geen jaar (2000–2100).`,
            `"${yearText}" is not a year (2000–2100).`,
          ),
        );
      else {
        year = Number(yearText);
        periodStart ||= `${year}-01-01`;
        periodEnd ||= `${year}-12-31`;
      }
    } else if (!isDate(periodStart) || !isDate(periodEnd))
      errors.push(
        err(
          line,
          'periode_start',
          'invalid-period',
          'Geef een jaar, of begin en einde van de periode als JJJJ-MM-DD.',
          'Give a year, or the start and end of the period as YYYY-MM-DD.',
        ),
      );
    else if (periodEnd < periodStart)
      errors.push(
        err(
          line,
          'periode_eind',
          'ends-before-start',
          'Het einde van de periode ligt voor het begin.',
          'The end of the period lies before its start.',
        ),
      );
    else year = Number(periodEnd.slice(0, 4));
    if (year && yearText && (!isDate(periodStart) || !isDate(periodEnd) || periodEnd < periodStart))
      errors.push(
        err(
          line,
          'periode_start',
          'invalid-period',
          'De periode is ongeldig (JJJJ-MM-DD, einde na begin).',
          'The period is invalid (YYYY-MM-DD, end after start).',
        ),
      );
    const amount = parseValue(row.cells[index.get('value')!]);
    if (amount === null)
      errors.push(
        err(
          line,
          'waarde',
          'invalid-number',
          `"${cell(row, 'value')}" is geen getal.`,
          `"${cell(row, 'value')}" is not a number.`,
        ),
      );
    const source = cell(row, 'source');
    if (kind === 'realisatie' && !source)
      errors.push(
        err(
          line,
          'bron',
          'required',
          'Een realisatie heeft een bron (monitor, enquête, CBS, panel).',
          'A realisation needs a source (monitor, survey, CBS, panel).',
        ),
      );
    if (errors.length > before || !kind || typeof amount !== 'number') continue;
    const key =
      kind === 'realisatie' ? `${indicatorCode}|r|${periodStart}|${periodEnd}` : `${indicatorCode}|t|${year}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      errors.push(
        err(
          line,
          undefined,
          'duplicate-row',
          `Dezelfde indicator en periode staan al op regel ${earlier}.`,
          `The same indicator and period already appear on line ${earlier}.`,
        ),
      );
      continue;
    }
    seen.set(key, line);
    figures.push({ line, indicatorCode, kind, periodStart, periodEnd, year, value: amount, source });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, figures };
}

/** Values that do not fit the indicator's unit (same rules as entering one by hand). */
function unitProblem(figure: IndicatorFigure, unit: string | null): IndicatorImportError | null {
  const { line, value } = figure;
  if (unit === null)
    return err(
      line,
      'indicator',
      'unit-missing',
      `Indicator ${figure.indicatorCode} heeft nog geen eenheid.`,
      `Indicator ${figure.indicatorCode} has no unit yet.`,
    );
  if (unit === 'percentage' && (value < 0 || value > 100))
    return err(
      line,
      'waarde',
      'percentage-out-of-range',
      `Een percentage ligt tussen 0 en 100 (niet ${value}).`,
      `A percentage lies between 0 and 100 (not ${value}).`,
    );
  if ((unit === 'aantal' || unit === 'euro' || unit === 'dagen') && value < 0)
    return err(
      line,
      'waarde',
      'negative',
      'Deze waarde kan niet negatief zijn.',
      'This value cannot be negative.',
    );
  return null;
}

export interface IndicatorImportSummary {
  realisations: number;
  targets: number;
  replaced: number;
  indicators: number;
}

/** Checks the figures against the indicators and writes them all, or returns every problem and writes nothing. */
export async function writeIndicatorFigures(
  tx: Tx,
  municipalityCode: string,
  figures: IndicatorFigure[],
): Promise<{ ok: true; summary: IndicatorImportSummary } | { ok: false; errors: IndicatorImportError[] }> {
  const codes = [...new Set(figures.map((f) => f.indicatorCode))];
  const indicators = await tx
    .selectFrom('indicator')
    .select(['id', 'code', 'unit', 'source_kind'])
    .where('municipality_code', '=', municipalityCode)
    .where('code', 'in', codes)
    .forUpdate()
    .execute();
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const errors: IndicatorImportError[] = [];
  for (const f of figures) {
    const indicator = byCode.get(f.indicatorCode);
    if (!indicator) {
      errors.push(
        err(
          f.line,
          'indicator',
          'unknown-indicator',
          `Er is geen indicator met code ${f.indicatorCode}.`,
          `There is no indicator with code ${f.indicatorCode}.`,
        ),
      );
      continue;
    }
    if (indicator.source_kind === 'berekend' && f.kind === 'realisatie') {
      errors.push(
        err(
          f.line,
          'indicator',
          'computed-indicator',
          `Indicator ${f.indicatorCode} wordt door Grip berekend; een realisatie kan niet worden ingelezen.`,
          `Indicator ${f.indicatorCode} is computed by Grip; a realisation cannot be imported.`,
        ),
      );
      continue;
    }
    const problem = unitProblem(f, indicator.unit);
    if (problem) errors.push(problem);
  }
  if (errors.length > 0) return { ok: false, errors };

  const summary: IndicatorImportSummary = {
    realisations: 0,
    targets: 0,
    replaced: 0,
    indicators: codes.length,
  };
  for (const f of figures) {
    const indicatorId = byCode.get(f.indicatorCode)!.id;
    if (f.kind === 'streefwaarde') {
      const old = await tx
        .deleteFrom('indicator_target')
        .where('municipality_code', '=', municipalityCode)
        .where('indicator_id', '=', indicatorId)
        .where('year', '=', f.year)
        .executeTakeFirst();
      summary.replaced += Number(old.numDeletedRows);
      await tx
        .insertInto('indicator_target')
        .values({
          municipality_code: municipalityCode,
          indicator_id: indicatorId,
          year: f.year,
          target_value: f.value,
        })
        .execute();
      summary.targets++;
    } else {
      const old = await tx
        .deleteFrom('indicator_realisation')
        .where('municipality_code', '=', municipalityCode)
        .where('indicator_id', '=', indicatorId)
        .where('period_start', '=', f.periodStart)
        .where('period_end', '=', f.periodEnd)
        .executeTakeFirst();
      summary.replaced += Number(old.numDeletedRows);
      await tx
        .insertInto('indicator_realisation')
        .values({
          municipality_code: municipalityCode,
          indicator_id: indicatorId,
          period_start: f.periodStart,
          period_end: f.periodEnd,
          value: f.value,
          source: f.source,
        })
        .execute();
      summary.realisations++;
    }
  }
  return { ok: true, summary };
}

function importProblem(errors: IndicatorImportError[]) {
  return invalid(
    errors.slice(0, 100).map((e) => ({
      name: e.column ? `line ${e.line}: ${e.column}` : `line ${e.line}`,
      code: e.code,
      reason: {
        nl: `Regel ${e.line}${e.column ? `, kolom "${e.column}"` : ''}: ${e.message.nl}`,
        en: `Line ${e.line}${e.column ? `, column "${e.column}"` : ''}: ${e.message.en}`,
      },
    })),
  );
}

const ResultSchema = z.object({
  realisations: z.number().int(),
  targets: z.number().int(),
  replaced: z.number().int(),
  indicators: z.number().int(),
});

export function registerIndicatorImportRoutes(app: GripApp): void {
  app.register(async (plugin) => {
    const uploads = plugin.withTypeProvider<ZodTypeProvider>();
    uploads.removeAllContentTypeParsers();
    uploads.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_BYTES }, (_request, body, done) =>
      done(null, body),
    );
    uploads.setErrorHandler((error: FastifyError, request, reply) =>
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? sendProblem(
            reply,
            problem(413, 'file-too-large', {
              nl: `Het bestand is groter dan ${MAX_BYTES / 1024 / 1024} MB.`,
              en: `The file is larger than ${MAX_BYTES / 1024 / 1024} MB.`,
            }),
          )
        : handleError(error, request, reply),
    );
    uploads.post(
      '/api/v1/steering/indicator-imports',
      {
        bodyLimit: MAX_BYTES,
        config: { action: 'indicator.import' },
        schema: {
          tags: ['Sturing'],
          summary: 'Import realisations and targets of external indicators from CSV: all rows or none',
          description:
            'Body: CSV (text/csv, UTF-8, ; or , separated) with a header row: indicator, soort (realisatie or ' +
            'streefwaarde, default realisatie), jaar or periode_start + periode_eind, waarde, bron (required for ' +
            'a realisation). Malformed rows: 400 with one invalidParams entry per problem, named "line N: column". ' +
            'A realisation of a computed indicator: code computed-indicator. The same period (or target year) ' +
            'replaces the stored figure.',
          response: { 201: ResultSchema },
        },
      },
      async (request, reply) => {
        const { municipalityCode } = request.grip.actor!;
        const contentType = String(request.headers['content-type'] ?? '').toLowerCase();
        if (!/^(text\/csv|text\/plain|application\/csv)/.test(contentType))
          throw problem(415, 'unsupported-media-type', {
            nl: 'Stuur het bestand als CSV (text/csv).',
            en: 'Send the file as CSV (text/csv).',
          });
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const parsed = parseIndicatorFigures(readCsv(body.toString('utf8')));
        if (!parsed.ok) throw importProblem(parsed.errors);
        const summary = await request.tenant(async (tx) => {
          const result = await writeIndicatorFigures(tx, municipalityCode, parsed.figures);
          if (!result.ok) throw importProblem(result.errors);
          return result.summary;
        });
        return reply.code(201).send(summary);
      },
    );
  });
}
