import { z } from 'zod';
import { SuppressedTableSchema } from '../view-routes.ts';
import { AGE_GROUPS, DashboardFiltersSchema, LAW_CODES } from '../view-model.ts';

/** Request and response shapes of the regional comparison (docs/api/dashboard.md, "Region"). */

const Bilingual = z.object({ nl: z.string(), en: z.string() });
const filter = DashboardFiltersSchema.shape;

/** Filters that are municipal (an area, a service, a provider of one municipality): not offered here. */
export const MUNICIPAL_FILTERS = ['wijk', 'buurt', 'service', 'provider'] as const;

export const RegionViewQuerySchema = z
  .strictObject({
    from: filter.from.optional(),
    to: filter.to.optional(),
    law: filter.law,
    ageGroup: filter.ageGroup,
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ['to'], message: 'to must not be before from' });
export type RegionViewQuery = z.infer<typeof RegionViewQuerySchema>;

export const RegionViewParams = z.strictObject({
  regionCode: z
    .string()
    .regex(/^[a-z0-9-]{2,60}$/)
    .describe('Code of the region (GET /api/v1/dashboard/regions)'),
  code: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,100}$/)
    .describe('Code of the view (GET /api/v1/dashboard/views)'),
});

const MemberSchema = z.object({
  municipalityCode: z.string(),
  name: z.string(),
  onThisServer: z.boolean().describe('The municipality runs on this Grip, so its figures can be compared'),
});

const RegionSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(['samenwerkingsverband', 'jeugdregio', 'arbeidsmarktregio', 'centrumgemeente-bw']),
});

export const RegionListSchema = z
  .object({ items: z.array(RegionSchema.extend({ members: z.array(MemberSchema) })) })
  .meta({ id: 'DashboardRegionList' });

const Cells = SuppressedTableSchema.shape.total.unwrap();
const Rows = SuppressedTableSchema.shape.rows;
const Counts = SuppressedTableSchema.shape.suppressed;
const PartSchema = z.object({ rows: Rows, total: Cells.optional(), suppressed: Counts });

const RegionTableSchema = SuppressedTableSchema.omit({
  rows: true,
  total: true,
  groups: true,
  suppressed: true,
})
  .extend({
    collapsed: z
      .boolean()
      .describe('Municipal rows (wijken, services, …) reduced to one row per municipality'),
    members: z.array(PartSchema.extend({ municipalityCode: z.string() })),
    regionTotal: PartSchema.describe(
      'Total of the members on this server, suppressed so no hidden cell can be worked out',
    ),
  })
  .meta({ id: 'DashboardRegionTable' });

export const RegionViewSchema = z
  .object({
    region: RegionSchema,
    view: z.object({ code: z.string(), title: Bilingual, description: Bilingual }),
    filters: z.object({
      from: z.string(),
      to: z.string(),
      law: z.enum(LAW_CODES).optional(),
      ageGroup: z.enum(AGE_GROUPS).optional(),
    }),
    members: z.array(
      MemberSchema.extend({
        status: z
          .enum(['gegevens', 'geen-gegevens'])
          .describe("'geen-gegevens': not on this Grip, no figures"),
        threshold: z.number().int().optional().describe("The member's own suppression threshold"),
        dataVersion: z.number().int().optional(),
      }),
    ),
    suppression: z.object({
      totalThreshold: z.number().int().describe('The strictest threshold of the members, used for the total'),
      rule: Bilingual,
    }),
    tables: z.array(RegionTableSchema),
    notes: z.array(Bilingual),
  })
  .meta({ id: 'DashboardRegionView' });
