import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { GripApp } from '../platform/http/types.ts';
import { CSV_CONTENT_TYPE, reportCsv, reportFileName, reportXlsx } from './report-export.ts';
import {
  countHelpQuestions,
  listVindplaatsen,
  listWijken,
  type ReportDimension,
} from './report-repository.ts';
import {
  HelpQuestionReportSchema,
  parseGroupBy,
  ReportQuerySchema,
  type HelpQuestionReport,
  type ReportQuery,
} from './report-schemas.ts';
import {
  buildReport,
  fixedCategories,
  vindplaatsCategories,
  wijkCategories,
  type Category,
} from './report-table.ts';
import { XLSX_CONTENT_TYPE } from './report-xlsx.ts';

/**
 * The registration report (docs/api/intake.md, "Registration report"): help questions in a period counted
 * by question type, vindplaats, channel, triage outcome or wijk, or by two of them, with small counts
 * suppressed; as JSON, CSV or XLSX. Aggregates only, no personal data.
 */

const TAGS = ['Rapportages'];
const BASE = '/api/v1/reports/help-questions';

type Format = 'json' | 'csv' | 'xlsx';

const MEDIA: Record<string, Format> = {
  'application/json': 'json',
  'text/csv': 'csv',
  [XLSX_CONTENT_TYPE]: 'xlsx',
};

/** The format the Accept header prefers (highest q, earliest first); JSON when none is acceptable. */
export function preferredFormat(accept: string | undefined): Format {
  if (!accept) return 'json';
  let best: { format: Format; q: number } | null = null;
  for (const part of accept.split(',')) {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const format = MEDIA[type!.trim()];
    if (!format) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { format, q };
  }
  return best?.format ?? 'json';
}

const CsvSchema = z.string().describe('CSV: semicolons, UTF-8 with byte order mark, Dutch headers');
const XlsxSchema = z.string().meta({ format: 'binary' }).describe('Excel workbook (XLSX)');

function send(reply: FastifyReply, report: HelpQuestionReport, format: Format) {
  if (format === 'json') return reply.type('application/json; charset=utf-8').send(report);
  const name = reportFileName(report);
  if (format === 'csv') {
    return reply
      .type(CSV_CONTENT_TYPE)
      .header('Content-Disposition', `attachment; filename="${name}.csv"`)
      .send(reportCsv(report));
  }
  return reply
    .type(XLSX_CONTENT_TYPE)
    .header('Content-Disposition', `attachment; filename="${name}.xlsx"`)
    .send(reportXlsx(report));
}

async function makeReport(request: FastifyRequest, query: ReportQuery): Promise<HelpQuestionReport> {
  const { municipalityCode } = request.grip.actor!;
  const dimensions = parseGroupBy(query.groupBy)!;
  return request.tenant(async (tx) => {
    const counts = await countHelpQuestions(tx, municipalityCode, query, dimensions);
    const categories = async (
      dimension: ReportDimension,
      position: 'first' | 'second',
    ): Promise<Category[]> => {
      if (dimension === 'vindplaats')
        return vindplaatsCategories(await listVindplaatsen(tx, municipalityCode), counts, position);
      if (dimension === 'wijk') return wijkCategories(await listWijken(tx, municipalityCode));
      return fixedCategories(dimension);
    };
    return buildReport({
      fromDate: query.fromDate,
      toDate: query.toDate,
      dimensions,
      rowCategories: await categories(dimensions[0], 'first'),
      columnCategories: dimensions[1] ? await categories(dimensions[1], 'second') : [],
      counts,
    });
  });
}

export function registerReportRoutes(app: GripApp): void {
  app.get(
    BASE,
    {
      config: { action: 'help-question-report.read' },
      schema: {
        tags: TAGS,
        summary: 'Help questions in a period by type, vindplaats, channel, triage outcome or wijk',
        description:
          'Counts of help questions received in the period, by one dimension or, with two separated by a comma, ' +
          'as a cross table. Counts from 1 to 9 are shown as "<10", and other counts are hidden as "x" where ' +
          'a "<10" could otherwise be worked out from a total (meta.suppression). Send Accept: text/csv or ' +
          `${XLSX_CONTENT_TYPE} for an export, or use ${BASE}.csv and .xlsx.`,
        querystring: ReportQuerySchema,
        response: {
          200: {
            description: 'The report',
            content: {
              'application/json': { schema: HelpQuestionReportSchema },
              'text/csv': { schema: CsvSchema },
              [XLSX_CONTENT_TYPE]: { schema: XlsxSchema },
            },
          },
        },
      },
    },
    async (request, reply) =>
      send(reply, await makeReport(request, request.query), preferredFormat(request.headers.accept)),
  );

  app.get(
    `${BASE}.csv`,
    {
      config: { action: 'help-question-report.read' },
      schema: {
        tags: TAGS,
        operationId: 'helpQuestionReportCsv',
        summary: 'The help-question report as CSV (for Excel: semicolons, UTF-8 with BOM, Dutch headers)',
        querystring: ReportQuerySchema,
        response: { 200: { description: 'CSV file', content: { 'text/csv': { schema: CsvSchema } } } },
      },
    },
    async (request, reply) => send(reply, await makeReport(request, request.query), 'csv'),
  );

  app.get(
    `${BASE}.xlsx`,
    {
      config: { action: 'help-question-report.read' },
      schema: {
        tags: TAGS,
        operationId: 'helpQuestionReportXlsx',
        summary: 'The help-question report as an Excel workbook (XLSX) with an explanation sheet',
        querystring: ReportQuerySchema,
        response: {
          200: { description: 'XLSX file', content: { [XLSX_CONTENT_TYPE]: { schema: XlsxSchema } } },
        },
      },
    },
    async (request, reply) => send(reply, await makeReport(request, request.query), 'xlsx'),
  );
}
