import { z } from 'zod';
import { ALERT_FIGURES } from './alert-figures.ts';
import type { AlertRow, AlertRuleRow } from './alert-repository.ts';

/** Request and response schemas of the alert routes (camelCase, NLGov API Design Rules). */

const Timestamp = z.iso.datetime({ offset: true });
const Figure = z
  .enum(ALERT_FIGURES)
  .describe(
    'spending-above-budget: spending this year above the pro-rata budget (total or one taakveld); ' +
      'indicator-off-track: a steering indicator niet op koers; overdue-decisions-rising: meldingen past ' +
      'their legal term now against a month ago',
  );
const Threshold = z
  .number()
  .min(0)
  .max(100)
  .describe('Percentage above the reference that breaches the rule (0–100; stored with one decimal)');

export const AlertRuleParams = z.strictObject({ ruleId: z.uuid() });

export const AlertRuleCreateSchema = z.strictObject({
  figure: Figure,
  thresholdPct: Threshold.nullable().optional().describe('Required except for indicator-off-track'),
  taakveld: z
    .string()
    .regex(/^\d\.\d{1,2}$/)
    .nullable()
    .optional()
    .describe('spending-above-budget only: the BBV taakveld (e.g. 6.71); empty for the total'),
  indicatorId: z.uuid().nullable().optional().describe('indicator-off-track only: the indicator watched'),
  ownerUserId: z.uuid().describe('Account of this municipality with a dashboard role, notified on a breach'),
  active: z.boolean().optional().describe('Default true'),
});

/** Every field may change; the resulting rule is checked as on create. */
export const AlertRuleUpdateSchema = AlertRuleCreateSchema.partial();

export const AlertRuleSchema = z
  .object({
    id: z.uuid(),
    figure: Figure,
    thresholdPct: z.number().nullable(),
    taakveld: z.string().nullable(),
    indicatorId: z.uuid().nullable(),
    owner: z.object({ userId: z.uuid(), name: z.string() }),
    active: z.boolean(),
    breached: z.boolean().describe('An alert of this rule is open: the breach lasts'),
    version: z.number().int().describe('Version for If-Match when changing or deleting'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'DashboardAlertRule' });

export const AlertRuleListSchema = z.object({ items: z.array(AlertRuleSchema) });

export const AlertQuery = z.strictObject({
  ruleId: z.uuid().optional().describe('Only the alerts of this rule'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

export const AlertSchema = z
  .object({
    id: z.uuid(),
    ruleId: z.uuid().nullable().describe('Empty once the rule was removed'),
    figure: z.string(),
    ownerUserId: z.uuid(),
    firedAt: Timestamp,
    endedAt: Timestamp.nullable().describe('When the figure was back within the rule; empty while it lasts'),
    value: z.number(),
    reference: z.number(),
    text: z.object({ nl: z.string(), en: z.string() }),
  })
  .meta({ id: 'DashboardAlert' });

export const AlertListSchema = z.object({
  items: z.array(AlertSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export const NoContent = z.null().describe('Deleted');

export function ruleBody(r: AlertRuleRow): z.infer<typeof AlertRuleSchema> {
  return {
    id: r.id,
    figure: r.figure_code,
    thresholdPct: r.threshold_pct === null ? null : Number(r.threshold_pct),
    taakveld: r.taakveld_code,
    indicatorId: r.indicator_id,
    owner: { userId: r.owner_user_id, name: r.owner_name },
    active: r.active,
    breached: r.open_alert_id !== null,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export function alertBody(a: AlertRow): z.infer<typeof AlertSchema> {
  return {
    id: a.id,
    ruleId: a.rule_id,
    figure: a.figure_code,
    ownerUserId: a.owner_user_id,
    firedAt: new Date(a.fired_at).toISOString(),
    endedAt: a.ended_at === null ? null : new Date(a.ended_at).toISOString(),
    value: Number(a.value),
    reference: Number(a.reference),
    text: { nl: a.text_nl, en: a.text_en },
  };
}
