import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { XLSX_CONTENT_TYPE } from '../intake/report-xlsx.ts';
import { notFound } from '../platform/http/problem.ts';
import type { GripApp } from '../platform/http/types.ts';
import { buildProgressReport, ProgressReportSchema, type ProgressReport } from './progress-report.ts';
import { renderProgressReportPdf } from './progress-report-pdf.ts';
import { progressReportXlsx } from './progress-report-xlsx.ts';

/**
 * The progress report per programme and year (issue 7, point 5; docs/api/steering.md, "Progress
 * report"): JSON for the screen, and the same report as a PDF for the council and as an XLSX workbook.
 */

const TAGS = ['Sturing'];
const BASE = '/api/v1/steering/programmes/:programmeId/progress-report';

const Params = z.strictObject({ programmeId: z.uuid() });
const Query = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).describe('The year the report is about (begrotingsjaar)'),
});
const PdfSchema = z.string().meta({ format: 'binary' }).describe('PDF document');
const XlsxSchema = z.string().meta({ format: 'binary' }).describe('Excel workbook (XLSX)');

async function report(
  request: FastifyRequest,
  params: z.infer<typeof Params>,
  query: z.infer<typeof Query>,
): Promise<ProgressReport> {
  const { municipalityCode } = request.grip.actor!;
  const result = await request.tenant((tx) =>
    buildProgressReport(tx, municipalityCode, params.programmeId, query.year),
  );
  if (!result) throw notFound({ nl: 'Dit programma', en: 'This programme' });
  return result;
}

function fileName(r: ProgressReport, extension: string): string {
  const code = r.programme.code.replace(/[^A-Za-z0-9.-]/g, '_');
  return `voortgangsrapportage-${code}-${r.year}.${extension}`;
}

function download(reply: FastifyReply, type: string, name: string, body: Buffer) {
  return reply
    .header('Content-Type', type)
    .header('Content-Disposition', `attachment; filename="${name}"`)
    .header('X-Content-Type-Options', 'nosniff')
    .send(body);
}

export function registerProgressReportRoutes(app: GripApp): void {
  app.get(
    BASE,
    {
      config: { action: 'progress-report.read' },
      schema: {
        tags: TAGS,
        summary: 'Progress report of a programme over a year',
        description:
          'Goals with their indicators (baseline, target, latest realisation, on track or not), the interventions ' +
          'that ran in the year by status with their results, and the budget per theme against realisation, ' +
          'with reserves and result (euro x 1,000). The same report is available as PDF and XLSX.',
        params: Params,
        querystring: Query,
        response: { 200: ProgressReportSchema },
      },
    },
    async (request) => report(request, request.params, request.query),
  );

  app.get(
    `${BASE}/pdf`,
    {
      config: { action: 'progress-report-pdf.read' },
      schema: {
        tags: TAGS,
        summary: 'The progress report as a PDF for the council (application/pdf)',
        params: Params,
        querystring: Query,
        response: {
          200: { description: 'PDF file', content: { 'application/pdf': { schema: PdfSchema } } },
        },
      },
    },
    async (request, reply) => {
      const r = await report(request, request.params, request.query);
      const pdf = await renderProgressReportPdf(r);
      return download(
        reply,
        'application/pdf',
        fileName(r, 'pdf'),
        Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength),
      );
    },
  );

  app.get(
    `${BASE}/xlsx`,
    {
      config: { action: 'progress-report-xlsx.read' },
      schema: {
        tags: TAGS,
        summary: 'The progress report as an Excel workbook (XLSX)',
        params: Params,
        querystring: Query,
        response: {
          200: { description: 'XLSX file', content: { [XLSX_CONTENT_TYPE]: { schema: XlsxSchema } } },
        },
      },
    },
    async (request, reply) => {
      const r = await report(request, request.params, request.query);
      return download(reply, XLSX_CONTENT_TYPE, fileName(r, 'xlsx'), progressReportXlsx(r));
    },
  );
}
