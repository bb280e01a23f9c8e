import { z } from 'zod';
import { BUDGET_STAGES } from './budget-import.ts';

/** Request and response schemas of the steering API (docs/api/steering.md). */

export const INTERVENTION_STATUSES = ['gepland', 'gestart', 'afgerond', 'gestopt', 'niet-gestart'] as const;
export const UNITS = ['percentage', 'aantal', 'euro', 'score', 'dagen'] as const;
export const FREQUENCIES = ['maand', 'kwartaal', 'jaar', 'tweejaarlijks', 'vierjaarlijks'] as const;
export const DIRECTIONS = ['hoger-is-beter', 'lager-is-beter'] as const;
export const TRACK_STATUSES = ['op-koers', 'niet-op-koers', 'onbekend'] as const;

const Year = z.number().int().min(2000).max(2100);
const Code = z.string().trim().min(1).max(20);
const LongText = (max: number) => z.string().max(max);

export const ProgrammeParams = z.strictObject({ programmeId: z.uuid() });
export const InterventionParams = z.strictObject({ interventionId: z.uuid() });
export const IndicatorParams = z.strictObject({ indicatorId: z.uuid() });
export const GoalParams = z.strictObject({ goalId: z.uuid() });
export const ThemeParams = z.strictObject({ themeId: z.uuid() });
export const RealisationParams = z.strictObject({
  indicatorId: z.uuid(),
  periodStart: z.iso.date(),
  periodEnd: z.iso.date(),
});
export const TargetParams = z.strictObject({
  indicatorId: z.uuid(),
  year: z.coerce.number().int().min(2000).max(2100),
});

export const ProgrammeCreateSchema = z.strictObject({
  code: Code,
  name: z.string().trim().min(1).max(200),
  firstYear: Year,
  lastYear: Year,
  description: LongText(4000).optional(),
});

export const ProgrammeUpdateSchema = ProgrammeCreateSchema.partial();

export const ProgrammeSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  firstYear: z.number().int(),
  lastYear: z.number().int(),
  description: z.string(),
  version: z.number().int().describe('Version for If-Match when changing or deleting'),
});

export const GoalCreateSchema = z.strictObject({
  code: Code,
  name: z.string().trim().min(1).max(500),
  currentSituation: LongText(8000).optional().describe('IST: where we stood at the start'),
  desiredSituation: LongText(8000).optional().describe('SOLL: where we want to go'),
});
export const GoalUpdateSchema = GoalCreateSchema.partial();
export const GoalSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  currentSituation: z.string(),
  desiredSituation: z.string(),
  version: z.number().int(),
});

export const ThemeCreateSchema = z.strictObject({
  code: Code,
  name: z.string().trim().min(1).max(200),
  societalGoalId: z.uuid().nullable().optional(),
  taakveld: z
    .string()
    .regex(/^\d\.\d{1,2}$/)
    .nullable()
    .optional()
    .describe('BBV taakveld code, e.g. 6.1 or 6.71'),
});
export const ThemeUpdateSchema = ThemeCreateSchema.partial();
export const ThemeSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  societalGoalId: z.uuid().nullable(),
  taakveld: z.string().nullable(),
  version: z.number().int(),
});

const InterventionFields = {
  themeId: z.uuid(),
  name: z.string().trim().min(1).max(200),
  owner: z.string().trim().min(1).max(200).describe('Who carries it out'),
  startsOn: z.iso.date().nullable().optional(),
  endsOn: z.iso.date().nullable().optional(),
  budgetCents: z.number().int().min(0).max(1e14).nullable().optional().describe('Budget in euro cents'),
  status: z.enum(INTERVENTION_STATUSES).optional(),
  expectedResult: LongText(4000).optional(),
  achievedResult: LongText(4000).nullable().optional().describe('Required when the status becomes afgerond'),
  statusReason: LongText(4000)
    .nullable()
    .optional()
    .describe('Required when the status becomes gestopt or niet-gestart'),
  evaluation: LongText(4000).nullable().optional(),
};
export const InterventionCreateSchema = z.strictObject(InterventionFields);
export const InterventionUpdateSchema = z.strictObject({
  ...InterventionFields,
  themeId: InterventionFields.themeId.optional(),
  name: InterventionFields.name.optional(),
  owner: InterventionFields.owner.optional(),
});
export const InterventionSchema = z.object({
  id: z.uuid(),
  themeId: z.uuid(),
  name: z.string(),
  owner: z.string(),
  startsOn: z.iso.date().nullable(),
  endsOn: z.iso.date().nullable(),
  budgetCents: z.number().int().nullable(),
  status: z.enum(INTERVENTION_STATUSES),
  expectedResult: z.string(),
  achievedResult: z.string().nullable(),
  statusReason: z.string().nullable(),
  evaluation: z.string().nullable(),
  version: z.number().int(),
});

export const ProgrammeDetailSchema = ProgrammeSchema.extend({
  goals: z.array(GoalSchema),
  themes: z.array(ThemeSchema),
  interventions: z.array(InterventionSchema),
});

export const IndicatorCreateSchema = z.strictObject({
  code: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1).max(300),
  kind: z.enum(['effect', 'prestatie']),
  unit: z.enum(UNITS).nullable().optional().describe('Computed indicators take the unit of their definition'),
  sourceKind: z.enum(['berekend', 'extern']),
  definitionCode: z.string().optional(),
  definitionVersion: z.number().int().min(1).optional(),
  sourceName: z.string().trim().min(1).max(200).optional(),
  frequency: z.enum(FREQUENCIES),
  direction: z.enum(DIRECTIONS).optional().describe('Required for external indicators'),
  societalGoalId: z.uuid().nullable().optional(),
  themeId: z.uuid().nullable().optional(),
  baseline: z.strictObject({ year: Year, value: z.number() }).nullable().optional(),
  note: LongText(2000).optional(),
});

/** Every field may change; the whole resulting indicator is checked as on create. */
export const IndicatorUpdateSchema = IndicatorCreateSchema.partial().extend({
  definitionCode: z.string().nullable().optional(),
  definitionVersion: z.number().int().min(1).nullable().optional(),
  sourceName: z.string().trim().min(1).max(200).nullable().optional(),
  direction: z.enum(DIRECTIONS).optional(),
});
export const NoContent = z.null().describe('Deleted');

const TrackStatus = z.enum(TRACK_STATUSES);
export const IndicatorSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(['effect', 'prestatie']),
  unit: z.enum(UNITS).nullable(),
  sourceKind: z.enum(['berekend', 'extern']),
  definition: z.object({ code: z.string(), version: z.number().int(), name: z.string() }).nullable(),
  sourceName: z.string().nullable(),
  frequency: z.string(),
  direction: z.enum(DIRECTIONS),
  societalGoalId: z.uuid().nullable(),
  themeId: z.uuid().nullable(),
  programmeId: z.uuid().nullable(),
  baseline: z.object({ year: z.number().int(), value: z.number() }).nullable(),
  note: z.string(),
  targets: z.array(z.object({ year: z.number().int(), value: z.number() })),
  realisations: z.array(
    z.object({
      periodStart: z.iso.date(),
      periodEnd: z.iso.date(),
      value: z.number().nullable(),
      source: z.string(),
      computed: z.boolean(),
      target: z.number().nullable(),
      status: TrackStatus,
    }),
  ),
  status: TrackStatus,
  version: z.number().int(),
});
export const IndicatorListQuery = z.strictObject({ programmeId: z.uuid().optional() });
export const TargetSchema = z.strictObject({ value: z.number() });
export const RealisationCreateSchema = z.strictObject({
  periodStart: z.iso.date(),
  periodEnd: z.iso.date(),
  value: z.number(),
  source: z.string().trim().min(1).max(200),
});
export const DefinitionSchema = z.object({
  code: z.string(),
  version: z.number().int(),
  name: z.string(),
  nameEn: z.string(),
  description: z.string(),
  unit: z.enum(UNITS),
  direction: z.enum(DIRECTIONS),
});

const Stage = z.enum(BUDGET_STAGES);
export const BudgetImportQuery = z.strictObject({
  stage: Stage.optional().describe(
    'Stage of year columns whose header has no stage word (default begroting)',
  ),
  fileName: z.string().max(200).optional(),
});
export const ImportErrorSchema = z.object({
  line: z.number().int(),
  column: z.string().nullable(),
  code: z.string(),
  nl: z.string(),
  en: z.string(),
});
export const ImportResultSchema = z.object({
  id: z.uuid(),
  layout: z.enum(['thema', 'taakveld', 'totaal']),
  lineCount: z.number().int(),
  reserveCount: z.number().int(),
  themesCreated: z.array(z.string()),
});
export const BudgetSchema = z.object({
  programme: z.object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    firstYear: z.number().int(),
    lastYear: z.number().int(),
  }),
  lines: z.array(
    z.object({
      id: z.uuid(),
      level: z.enum(['thema', 'taakveld', 'totaal']),
      themeId: z.uuid().nullable(),
      themeCode: z.string().nullable(),
      themeName: z.string().nullable(),
      taakveld: z.string().nullable(),
      year: z.number().int(),
      side: z.enum(['lasten', 'baten']),
      stage: Stage,
      amount: z.number(),
      source: z.enum(['invoer', 'import', 'grip-kosten']),
    }),
  ),
  reserves: z.array(
    z.object({
      id: z.uuid(),
      reserveName: z.string(),
      kind: z.enum(['storting', 'onttrekking']),
      year: z.number().int(),
      stage: Stage,
      amount: z.number(),
    }),
  ),
  totals: z.array(
    z.object({
      year: z.number().int(),
      stage: Stage,
      lasten: z.number().nullable(),
      baten: z.number().nullable(),
      saldo: z.number().nullable(),
      storting: z.number(),
      onttrekking: z.number(),
      resultaat: z.number().nullable(),
      themeLasten: z.number().nullable(),
      themeBaten: z.number().nullable(),
      publishedLasten: z.number().nullable(),
      publishedBaten: z.number().nullable(),
      mismatch: z.boolean(),
    }),
  ),
});
export const NoQuery = z.strictObject({});
