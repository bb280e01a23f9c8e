import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Tx } from '../../platform/db/database.ts';
import { CSV_CONTENT_TYPE } from '../../intake/report-export.ts';
import { XLSX_CONTENT_TYPE } from '../../intake/report-xlsx.ts';
import { prefersEnglish } from '../../platform/http/problem.ts';
import type { GripApp } from '../../platform/http/types.ts';
import { loadDashboardViewInTx, type FilterInput, type ViewResponse } from '../dashboard-service.ts';
import { DASHBOARD_VIEWS, FIGURE_DEFINITIONS } from '../registry.ts';
import { ViewQuerySchema } from '../view-routes.ts';
import { renderDashboardPdf } from './dashboard-pdf.ts';
import { filterNames, municipalityName } from './export-repository.ts';
import { exportFileName, type ExportContext, type Language } from './export-text.ts';
import { viewCsv } from './view-csv.ts';
import { viewXlsx } from './view-xlsx.ts';

/**
 * Exports of the dashboard (issue 8, point 9; docs/api/dashboard.md, "Exports"): one view as CSV or XLSX
 * with exactly the suppressed cells of the screen, and the whole dashboard for a period as a PDF for the
 * council. Same filters as the view; Dutch unless Accept-Language prefers English.
 */

const TAGS = ['Dashboard'];
const BASE = '/api/v1/dashboard';

const Params = z.strictObject({
  code: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,40}$/)
    .describe('Code of the view (GET /api/v1/dashboard/views)'),
});

const CsvSchema = z.string().describe('CSV: semicolons, UTF-8 with byte order mark, decimal commas');
const XlsxSchema = z.string().meta({ format: 'binary' }).describe('Excel workbook (XLSX)');
const PdfSchema = z.string().meta({ format: 'binary' }).describe('PDF document');

function download(reply: FastifyReply, type: string, name: string, body: string | Buffer) {
  return reply
    .header('Content-Type', type)
    .header('Content-Disposition', `attachment; filename="${name}"`)
    .header('X-Content-Type-Options', 'nosniff')
    .send(body);
}

async function contextInTx(
  tx: Tx,
  mc: string,
  language: Language,
  view: ViewResponse,
): Promise<ExportContext> {
  return {
    language,
    municipality: { code: mc, name: await municipalityName(tx, mc) },
    filterNames: await filterNames(tx, mc, view.filters),
    generatedAt: new Date().toISOString(),
  };
}

/** The view as the screen shows it, and what its export header needs, in the caller's tenant transaction. */
function loadForExport(
  request: FastifyRequest,
  code: string,
  filters: FilterInput,
): Promise<{ view: ViewResponse; context: ExportContext }> {
  const mc = request.grip.actor!.municipalityCode;
  const language = prefersEnglish(request) ? 'en' : 'nl';
  return request.tenant(async (tx) => {
    const view = await loadDashboardViewInTx(tx, mc, code, filters, { language });
    return { view, context: await contextInTx(tx, mc, language, view) };
  });
}

export function registerExportRoutes(app: GripApp): void {
  app.get(
    `${BASE}/views/:code/csv`,
    {
      config: { action: 'dashboard-view-csv.read' },
      schema: {
        tags: TAGS,
        summary: 'One dashboard view as CSV (for Excel: semicolons, UTF-8 with BOM)',
        description:
          'The same view and filters as GET /dashboard/views/{code}, with exactly the cells the screen shows ' +
          '("<10", "x"): a header with the view, filters, data version and the suppression rule, one block per ' +
          'table, and the definitions of the figures. Dutch, or English when Accept-Language prefers it.',
        params: Params,
        querystring: ViewQuerySchema,
        response: { 200: { description: 'CSV file', content: { 'text/csv': { schema: CsvSchema } } } },
      },
    },
    async (request, reply) => {
      const { view, context } = await loadForExport(request, request.params.code, request.query);
      const name = `${exportFileName(view.view.code, view.filters)}.csv`;
      return download(reply, CSV_CONTENT_TYPE, name, viewCsv(view, context, FIGURE_DEFINITIONS));
    },
  );

  app.get(
    `${BASE}/views/:code/xlsx`,
    {
      config: { action: 'dashboard-view-xlsx.read' },
      schema: {
        tags: TAGS,
        summary: 'One dashboard view as an Excel workbook (XLSX), one sheet per table',
        description:
          'The same view and filters as GET /dashboard/views/{code}, with exactly the cells the screen shows: ' +
          'a sheet with the view, filters, data version and the suppression rule, one sheet per table and a ' +
          'sheet with the definitions of the figures.',
        params: Params,
        querystring: ViewQuerySchema,
        response: {
          200: { description: 'XLSX file', content: { [XLSX_CONTENT_TYPE]: { schema: XlsxSchema } } },
        },
      },
    },
    async (request, reply) => {
      const { view, context } = await loadForExport(request, request.params.code, request.query);
      const name = `${exportFileName(view.view.code, view.filters)}.xlsx`;
      return download(reply, XLSX_CONTENT_TYPE, name, viewXlsx(view, context, FIGURE_DEFINITIONS));
    },
  );

  app.get(
    `${BASE}/report/pdf`,
    {
      config: { action: 'dashboard-report-pdf.read' },
      schema: {
        tags: TAGS,
        summary: 'The whole dashboard for a period as a PDF for the council (application/pdf)',
        description:
          'A title page (municipality, period, data version, date), every view with its tables and simple bar ' +
          'charts, the suppression rule and an appendix with the definitions. Filters as for the views. Dutch, ' +
          'or English when Accept-Language prefers it.',
        querystring: ViewQuerySchema,
        response: {
          200: { description: 'PDF file', content: { 'application/pdf': { schema: PdfSchema } } },
        },
      },
    },
    async (request, reply) => {
      const mc = request.grip.actor!.municipalityCode;
      const language = prefersEnglish(request) ? 'en' : 'nl';
      // Every view in one tenant transaction, one after the other (on PGlite they share one connection).
      const { views, context } = await request.tenant(async (tx) => {
        const loaded: ViewResponse[] = [];
        for (const view of DASHBOARD_VIEWS)
          loaded.push(await loadDashboardViewInTx(tx, mc, view.code, request.query, { language }));
        if (!loaded[0]) throw new Error('no dashboard views are registered');
        return { views: loaded, context: await contextInTx(tx, mc, language, loaded[0]) };
      });
      const { filters } = views[0]!;
      const pdf = await renderDashboardPdf({
        language: context.language,
        municipality: context.municipality,
        filters,
        filterNames: context.filterNames,
        generatedDate: context.generatedAt.slice(0, 10),
        views,
        definitions: FIGURE_DEFINITIONS,
      });
      const name = `dashboard-sociaal-domein-${filters.from}-tm-${filters.to}.pdf`;
      return download(
        reply,
        'application/pdf',
        name,
        Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength),
      );
    },
  );
}
