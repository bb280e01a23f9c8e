import type { FastifyError, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { safeText } from '../intake/report-export.ts';
import { writeXlsx, XLSX_CONTENT_TYPE, type SheetValue } from '../intake/report-xlsx.ts';
import { handleError } from '../platform/http/errors.ts';
import { invalid, notFound, problem, sendProblem } from '../platform/http/problem.ts';
import type { GripApp } from '../platform/http/types.ts';
import { parseBudget, readCsv, type ImportError } from './budget-import.ts';
import { budgetExportRows, budgetOverview, programmeRow, writeBudgetImport } from './budget-repository.ts';
import {
  BudgetImportQuery,
  BudgetSchema,
  ImportResultSchema,
  NoQuery,
  ProgrammeParams,
} from './steering-schemas.ts';
import { readFirstSheet, XlsxError } from './xlsx-reader.ts';

/**
 * Budgets of a programme (docs/api/steering.md, docs/import-budgets.md): the overview per year and stage,
 * export as CSV or XLSX in the import layout, and import of a CSV or XLSX file — one transaction per file,
 * malformed rows rejected with their line numbers and nothing written.
 */

const TAGS = ['Sturing'];
const BASE = '/api/v1/steering/programmes/:programmeId';
const PROGRAMME = { nl: 'Dit programma', en: 'This programme' };
const MAX_BYTES = 5 * 1024 * 1024;
const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';

function importProblem(errors: ImportError[]) {
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

function csvField(value: SheetValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  const text = safeText(value);
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function fileName(code: string) {
  return `begroting-${code.replace(/[^A-Za-z0-9.-]+/g, '-')}`;
}

export function registerBudgetRoutes(app: GripApp): void {
  app.get(
    `${BASE}/budget`,
    {
      config: { action: 'budget.read' },
      schema: {
        tags: TAGS,
        summary:
          'Budget of a programme: lines, reserves, and per year and stage lasten, baten, saldo and result',
        params: ProgrammeParams,
        querystring: NoQuery,
        response: { 200: BudgetSchema },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      const overview = await request.tenant((tx) =>
        budgetOverview(tx, municipalityCode, request.params.programmeId),
      );
      if (!overview) throw notFound(PROGRAMME);
      return overview;
    },
  );

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `${BASE}/budget.${format}`,
      {
        config: { action: 'budget.export' },
        schema: {
          tags: TAGS,
          operationId: format === 'csv' ? 'budgetExportCsv' : 'budgetExportXlsx',
          summary: `Budget of a programme as ${format.toUpperCase()}, in the import layout (by theme, a column per stage and year)`,
          params: ProgrammeParams,
          querystring: NoQuery,
          response: {
            200: {
              description: `${format.toUpperCase()} file`,
              content: {
                [format === 'csv' ? 'text/csv' : XLSX_CONTENT_TYPE]: {
                  schema: z.string().meta({ format: 'binary' }).describe('The file'),
                },
              },
            },
          },
        },
      },
      async (request, reply) => {
        const { municipalityCode } = request.grip.actor!;
        const overview = await request.tenant((tx) =>
          budgetOverview(tx, municipalityCode, request.params.programmeId),
        );
        if (!overview) throw notFound(PROGRAMME);
        const rows = budgetExportRows(overview);
        const name = fileName(overview.programme.code);
        if (format === 'csv') {
          const text = `\uFEFF${rows.map((r) => r.map(csvField).join(';')).join('\r\n')}\r\n`;
          return reply
            .type(CSV_CONTENT_TYPE)
            .header('Content-Disposition', `attachment; filename="${name}.csv"`)
            .send(text);
        }
        const safe = rows.map((r) => r.map((v) => (typeof v === 'string' ? safeText(v) : v)));
        return (reply as FastifyReply)
          .type(XLSX_CONTENT_TYPE)
          .header('Content-Disposition', `attachment; filename="${name}.xlsx"`)
          .send(
            writeXlsx([
              {
                name: 'Begroting',
                rows: safe,
                header: true,
                columnWidths: [40, 10, 10, 8, ...rows[0]!.slice(4).map(() => 18)],
              },
            ]),
          );
      },
    );
  }

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
      `${BASE}/budget-imports`,
      {
        bodyLimit: MAX_BYTES,
        config: { action: 'budget.import' },
        schema: {
          tags: TAGS,
          summary: 'Import a budget file (CSV or XLSX) into the programme: all its lines or none',
          description:
            'The file is the body: Content-Type text/csv (UTF-8, ; or , separated) or ' +
            `${XLSX_CONTENT_TYPE} (the first sheet). Layout and rules: docs/import-budgets.md. Malformed rows: ` +
            '400 with one invalidParams entry per problem, named "line N" or "line N: column". Each line ' +
            'replaces the line with the same theme or taakveld, year, side and stage.',
          params: ProgrammeParams,
          querystring: BudgetImportQuery,
          response: { 201: ImportResultSchema },
        },
      },
      async (request, reply) => {
        const { municipalityCode, userId } = request.grip.actor!;
        const contentType = String(request.headers['content-type'] ?? '').toLowerCase();
        const format = contentType.startsWith(XLSX_CONTENT_TYPE)
          ? 'xlsx'
          : /^(text\/csv|text\/plain|application\/csv)/.test(contentType)
            ? 'csv'
            : null;
        if (!format)
          throw problem(415, 'unsupported-media-type', {
            nl: `Stuur het bestand als CSV (text/csv) of XLSX (${XLSX_CONTENT_TYPE}).`,
            en: `Send the file as CSV (text/csv) or XLSX (${XLSX_CONTENT_TYPE}).`,
          });
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        let rows;
        try {
          rows = format === 'xlsx' ? readFirstSheet(body) : readCsv(body.toString('utf8'));
        } catch (error) {
          if (
            error instanceof XlsxError ||
            error instanceof RangeError ||
            (error as { code?: string }).code?.startsWith('Z_')
          )
            throw problem(400, 'unreadable-file', {
              nl: 'Het bestand is geen leesbaar XLSX-bestand.',
              en: 'The file is not a readable XLSX file.',
            });
          throw error;
        }
        const parsed = parseBudget(rows, request.query.stage ?? 'begroting');
        if (!parsed.ok) throw importProblem(parsed.errors);
        const summary = await request.tenant(async (tx) => {
          if (!(await programmeRow(tx, municipalityCode, request.params.programmeId)))
            throw notFound(PROGRAMME);
          const result = await writeBudgetImport(tx, {
            municipalityCode,
            userId,
            programmeId: request.params.programmeId,
            fileName: request.query.fileName ?? `begroting.${format}`,
            format,
            budget: parsed.budget,
          });
          if (!result.ok) throw importProblem(result.errors);
          return result.summary;
        });
        return reply.code(201).send(summary);
      },
    );
  });
}
