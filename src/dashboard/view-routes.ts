import { z } from 'zod';
import { notFound, prefersEnglish } from '../platform/http/problem.ts';
import type { GripApp } from '../platform/http/types.ts';
import { currentState, filterOptions, loadDashboardViewInTx } from './dashboard-service.ts';
import { scheduleRefresh } from './refresh.ts';
import { DASHBOARD_VIEWS, FIGURE_DEFINITIONS } from './registry.ts';
import { AGE_GROUPS, DashboardFiltersSchema, LAW_CODES } from './view-model.ts';

/**
 * Dashboard views (docs/api/dashboard.md): the list, one view for a filter state (every table of it,
 * suppressed on the server), what the filters can take, and how every figure is computed.
 */

const TAGS = ['Dashboard'];
const BASE = '/api/v1/dashboard';

const Bilingual = z.object({ nl: z.string(), en: z.string() });
const NoQuery = z.strictObject({});

/** The view filters of the query string: every filter optional, the period defaults to the latest year. */
export const ViewQuerySchema = z
  .strictObject({
    ...DashboardFiltersSchema.shape,
    from: DashboardFiltersSchema.shape.from.optional(),
    to: DashboardFiltersSchema.shape.to.optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ['to'], message: 'to must not be before from' });

const CellSchema = z
  .union([z.number(), z.literal('<10'), z.literal('x'), z.null()])
  .describe("A number, '<10' (small count), 'x' (hidden so a small one cannot be worked out) or null");
const Cells = z.record(z.string(), CellSchema);

const MeasureSchema = z.object({
  code: z.string(),
  label: Bilingual,
  kind: z.enum(['persons', 'households', 'money', 'percentage', 'days', 'score', 'count']),
  definition: z.string(),
  basisMeasure: z.string().optional(),
  numeratorMeasure: z.string().optional(),
  denominatorMeasure: z.string().optional(),
});

const DimensionSchema = z.object({ code: z.string(), label: Bilingual });

export const SuppressedTableSchema = z
  .object({
    code: z.string(),
    title: Bilingual,
    description: Bilingual.optional(),
    dimension: DimensionSchema,
    series: DimensionSchema.optional(),
    measures: z.array(MeasureSchema),
    rows: z.array(
      z.object({ key: z.string(), label: Bilingual, group: z.string().optional(), values: Cells }),
    ),
    total: Cells.optional(),
    overlapping: z.boolean().optional(),
    groups: z.array(z.object({ key: z.string(), label: Bilingual, values: Cells })).optional(),
    chart: z.enum(['bar', 'stacked-bar', 'line', 'map', 'overlap', 'pyramid', 'tiles', 'table']),
    mapLevel: z.enum(['wijk', 'buurt']).optional(),
    drillFilter: z.string().optional(),
    notes: z.array(Bilingual).optional(),
    suppressed: z.object({ primary: z.number().int(), secondary: z.number().int() }),
  })
  .meta({ id: 'DashboardTable' });

export const FiltersSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    law: z.enum(LAW_CODES).optional(),
    wijk: z.string().optional(),
    buurt: z.string().optional(),
    service: z.string().optional(),
    provider: z.string().optional(),
    ageGroup: z.enum(AGE_GROUPS).optional(),
  })
  .meta({ id: 'DashboardFilters' });

export const ViewResponseSchema = z
  .object({
    view: z.object({ code: z.string(), title: Bilingual, description: Bilingual }),
    filters: FiltersSchema,
    dataVersion: z.number().int(),
    refreshedAt: z.string().nullable(),
    suppression: z.object({ threshold: z.number().int(), rule: Bilingual }),
    tables: z.array(SuppressedTableSchema),
  })
  .meta({ id: 'DashboardView' });

const ViewSummarySchema = z.object({ code: z.string(), title: Bilingual, description: Bilingual });

const FilterOptionsSchema = z
  .object({
    period: z.object({
      firstMonth: z.string().nullable(),
      lastMonth: z.string().nullable(),
      defaultFrom: z.string(),
      defaultTo: z.string(),
    }),
    laws: z.array(z.object({ code: z.string(), name: z.string() })),
    wijken: z.array(z.object({ code: z.string(), name: z.string() })),
    buurten: z.array(z.object({ code: z.string(), name: z.string(), wijkCode: z.string() })),
    services: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        lawCode: z.string(),
        kind: z.enum(['algemeen', 'maatwerk']),
      }),
    ),
    providers: z.array(z.object({ id: z.string(), name: z.string() })),
    ageGroups: z.array(z.string()),
  })
  .meta({ id: 'DashboardFilterOptions' });

const DefinitionSchema = z
  .object({
    code: z.string(),
    version: z.number().int(),
    name: Bilingual,
    description: Bilingual,
    source: z.string(),
    indicatorCode: z.string().optional(),
  })
  .meta({ id: 'DashboardDefinition' });

const CodeParams = z.strictObject({ code: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/) });

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function registerViewRoutes(app: GripApp): void {
  // A successful write anywhere may have changed what the summaries are built from: refresh its
  // municipality a little later (debounced), so the next view request finds little to drain.
  app.addHook('onResponse', async (request, reply) => {
    const actor = request.grip?.actor;
    if (actor && UNSAFE.has(request.method) && reply.statusCode < 400) {
      scheduleRefresh(actor.municipalityCode, undefined, (error) =>
        app.log.error({ err: error }, 'dashboard background refresh failed'),
      );
    }
  });

  app.get(
    `${BASE}/views`,
    {
      config: { action: 'dashboard-views.list' },
      schema: {
        tags: TAGS,
        summary: 'The dashboard views, in the order the dashboard shows them',
        querystring: NoQuery,
        response: { 200: z.object({ items: z.array(ViewSummarySchema) }).meta({ id: 'DashboardViewList' }) },
      },
    },
    async () => ({
      items: DASHBOARD_VIEWS.map((v) => ({ code: v.code, title: v.title, description: v.description })),
    }),
  );

  app.get(
    `${BASE}/views/:code`,
    {
      config: { action: 'dashboard-view.read' },
      schema: {
        tags: TAGS,
        summary: 'One dashboard view for a filter state: all its tables, small counts suppressed',
        params: CodeParams,
        querystring: ViewQuerySchema,
        response: { 200: ViewResponseSchema },
      },
    },
    async (request) => {
      const mc = request.grip.actor!.municipalityCode;
      const language = prefersEnglish(request) ? 'en' : 'nl';
      return request.tenant((tx) =>
        loadDashboardViewInTx(tx, mc, request.params.code, request.query, { language }),
      );
    },
  );

  app.get(
    `${BASE}/filter-options`,
    {
      config: { action: 'dashboard-filter-options.read' },
      schema: {
        tags: TAGS,
        summary:
          'What the dashboard filters can take: period, laws, wijken, buurten, services, providers, age groups',
        querystring: NoQuery,
        response: { 200: FilterOptionsSchema },
      },
    },
    async (request) => {
      const mc = request.grip.actor!.municipalityCode;
      return request.tenant(async (tx) => filterOptions(tx, mc, await currentState(tx, mc)));
    },
  );

  app.get(
    `${BASE}/definitions`,
    {
      config: { action: 'dashboard-definitions.list' },
      schema: {
        tags: TAGS,
        summary: 'How every dashboard figure is computed',
        querystring: NoQuery,
        response: {
          200: z.object({ items: z.array(DefinitionSchema) }).meta({ id: 'DashboardDefinitionList' }),
        },
      },
    },
    async () => ({ items: FIGURE_DEFINITIONS.map((d) => ({ ...d })) }),
  );

  app.get(
    `${BASE}/definitions/:code`,
    {
      config: { action: 'dashboard-definition.read' },
      schema: {
        tags: TAGS,
        summary: 'How one dashboard figure is computed',
        params: CodeParams,
        querystring: NoQuery,
        response: { 200: DefinitionSchema },
      },
    },
    async (request) => {
      const definition = FIGURE_DEFINITIONS.find((d) => d.code === request.params.code);
      if (!definition)
        throw notFound({ nl: `Definitie ${request.params.code}`, en: `Definition ${request.params.code}` });
      return { ...definition };
    },
  );
}
