import { sql } from 'kysely';
import { z } from 'zod';
import { localDate } from '../intake/local-date.ts';
import type { Tx } from '../platform/db/database.ts';
import { indicatorRows, indicatorViews } from './indicators.ts';
import { budgetOverview, budgetTotals, type BudgetLineView, type ReserveView } from './budget-repository.ts';

/**
 * The progress report (voortgangsrapportage) of one programme over one year (issue 7, point 5): the
 * societal goals with their indicators (baseline, target, latest realisation, on track or not), the
 * interventions of the implementation plan that ran in the year grouped by status with their results,
 * and the budget per theme (begroting, begroting na wijziging, raming, realisatie of lasten and baten)
 * with the reserve mutations and the result. Aggregated policy data only, no personal data. The same
 * object feeds the screen (JSON), the PDF and the XLSX.
 */

export const INTERVENTION_STATUSES = ['gepland', 'gestart', 'afgerond', 'gestopt', 'niet-gestart'] as const;
export const BUDGET_STAGES = ['begroting', 'begroting-na-wijziging', 'raming', 'realisatie'] as const;
export const INDICATOR_STATUSES = ['op-koers', 'niet-op-koers', 'onbekend'] as const;

export type BudgetStage = (typeof BUDGET_STAGES)[number];
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];

/** Amounts in euro x 1,000 per stage; null where nothing was recorded. */
const StageAmountsSchema = z.object({
  begroting: z.number().nullable(),
  'begroting-na-wijziging': z.number().nullable(),
  raming: z.number().nullable(),
  realisatie: z.number().nullable(),
});
export type StageAmounts = z.infer<typeof StageAmountsSchema>;

const IndicatorSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(['effect', 'prestatie']),
  unit: z
    .enum(['percentage', 'aantal', 'euro', 'score', 'dagen'])
    .nullable()
    .describe('null: a proposed indicator without a unit yet'),
  sourceKind: z.enum(['berekend', 'extern']),
  source: z
    .string()
    .describe('External: the source name; computed: "Grip: <definition name> (<code> v<version>)"'),
  direction: z.enum(['hoger-is-beter', 'lager-is-beter']),
  themeCode: z.string().nullable(),
  baseline: z.object({ year: z.number().int(), value: z.number() }).nullable(),
  target: z
    .object({ year: z.number().int(), value: z.number() })
    .nullable()
    .describe(
      "The target the realisation is judged against: that of the realisation's year (at most the report year), or else the latest earlier one",
    ),
  realisation: z
    .object({
      periodStartDate: z.iso.date(),
      periodEndDate: z.iso.date(),
      value: z.number(),
      source: z.string(),
    })
    .nullable()
    .describe('The latest realisation that started before the end of the report year'),
  status: z.enum(INDICATOR_STATUSES),
});
export type ReportIndicator = z.infer<typeof IndicatorSchema>;

const InterventionSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  themeCode: z.string(),
  themeName: z.string(),
  owner: z.string(),
  startDate: z.iso.date().nullable().meta({ format: 'date' }),
  endDate: z.iso.date().nullable().meta({ format: 'date' }),
  budgetCents: z.number().int().nullable(),
  expectedResult: z.string(),
  achievedResult: z.string().nullable(),
  statusReason: z.string().nullable(),
  evaluation: z.string().nullable(),
});
export type ReportIntervention = z.infer<typeof InterventionSchema>;

const BudgetRowSchema = z.object({
  level: z.enum(['thema', 'taakveld']),
  themeCode: z.string().nullable(),
  themeName: z.string().nullable(),
  bbvTaakveldCode: z.string().nullable(),
  lasten: StageAmountsSchema,
  baten: StageAmountsSchema,
});

export const ProgressReportSchema = z.object({
  municipalityName: z.string(),
  generatedDate: z.iso.date(),
  year: z.number().int(),
  programme: z.object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    firstYear: z.number().int(),
    lastYear: z.number().int(),
    description: z.string(),
  }),
  summary: z.object({
    indicators: z.object({ 'op-koers': z.number(), 'niet-op-koers': z.number(), onbekend: z.number() }),
    interventions: z.object({
      gepland: z.number(),
      gestart: z.number(),
      afgerond: z.number(),
      gestopt: z.number(),
      'niet-gestart': z.number(),
    }),
  }),
  goals: z.array(
    z.object({
      id: z.uuid().nullable().describe('null: indicators of the programme not tied to a goal'),
      code: z.string().nullable(),
      name: z.string().nullable(),
      indicators: z.array(IndicatorSchema),
    }),
  ),
  interventions: z.array(
    z.object({ status: z.enum(INTERVENTION_STATUSES), items: z.array(InterventionSchema) }),
  ),
  budget: z.object({
    unit: z.literal('euro x 1.000'),
    rows: z
      .array(BudgetRowSchema)
      .describe('Lines by theme, or by BBV taakveld where the programme has no themes'),
    totals: z.object({
      lasten: StageAmountsSchema,
      baten: StageAmountsSchema,
      saldo: StageAmountsSchema.describe('Lasten minus baten'),
      storting: StageAmountsSchema,
      onttrekking: StageAmountsSchema,
      resultaat: StageAmountsSchema.describe('Saldo plus stortingen minus onttrekkingen'),
    }),
    publishedTotalDiffers: z
      .boolean()
      .describe('A published programme total differs by more than 1 from the sum of its lines'),
    difference: z
      .object({
        lasten: z.number().nullable(),
        baten: z.number().nullable(),
        resultaat: z.number().nullable(),
      })
      .describe('Realisatie minus the last budget (begroting na wijziging, else begroting)'),
  }),
});
export type ProgressReport = z.infer<typeof ProgressReportSchema>;

const num = (value: string | number | null): number | null => (value === null ? null : Number(value));
/** Sums of amounts in thousands with one decimal, without floating-point noise. */
const round1 = (value: number) => Math.round(value * 10) / 10;

function emptyStages(): StageAmounts {
  return { begroting: null, 'begroting-na-wijziging': null, raming: null, realisatie: null };
}

/** The last budget of a set of amounts: begroting na wijziging where there is one, else the begroting. */
export function lastBudget(amounts: StageAmounts): number | null {
  return amounts['begroting-na-wijziging'] ?? amounts.begroting;
}

/** On track when the realisation is at least as good as the target, in the direction that is better. */
export function indicatorStatus(
  direction: 'hoger-is-beter' | 'lager-is-beter',
  target: number | null,
  realisation: number | null,
): IndicatorStatus {
  if (target === null || realisation === null) return 'onbekend';
  const onTrack = direction === 'hoger-is-beter' ? realisation >= target : realisation <= target;
  return onTrack ? 'op-koers' : 'niet-op-koers';
}

export async function buildProgressReport(
  tx: Tx,
  municipalityCode: string,
  programmeId: string,
  year: number,
  today: string = localDate(),
): Promise<ProgressReport | undefined> {
  const programme = (
    await sql<{
      id: string;
      code: string;
      name: string;
      first_year: number;
      last_year: number;
      description: string;
      municipality_name: string;
    }>`
      SELECT p.id, p.code, p.name, p.first_year, p.last_year, p.description, m.name AS municipality_name
      FROM programme p JOIN municipality m ON m.code = p.municipality_code
      WHERE p.municipality_code = ${municipalityCode} AND p.id = ${programmeId}`.execute(tx)
  ).rows[0];
  if (!programme) return undefined;
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;

  const goals = (
    await sql<{ id: string; code: string; name: string }>`
      SELECT id, code, name FROM societal_goal
      WHERE municipality_code = ${municipalityCode} AND programme_id = ${programmeId}
      ORDER BY code, name`.execute(tx)
  ).rows;
  const themes = (
    await sql<{
      id: string;
      code: string;
      name: string;
      societal_goal_id: string | null;
      bbv_taakveld_code: string | null;
    }>`
      SELECT id, code, name, societal_goal_id, bbv_taakveld_code FROM theme
      WHERE municipality_code = ${municipalityCode} AND programme_id = ${programmeId}
      ORDER BY code, name`.execute(tx)
  ).rows;
  const themeById = new Map(themes.map((t) => [t.id, t]));

  // Indicators of the programme (tied to one of its goals or themes), with the arithmetic of the indicator
  // screens (indicators.ts): computed ones computed by their definition, the status of a realisation
  // against the target of its own year (or the latest earlier target).
  const views = await indicatorViews(
    tx,
    municipalityCode,
    await indicatorRows(tx, municipalityCode, { programmeId }),
  );

  const goalSections: ProgressReport['goals'] = goals.map((g) => ({
    id: g.id,
    code: g.code,
    name: g.name,
    indicators: [],
  }));
  const loose: ReportIndicator[] = [];
  const summaryIndicators = { 'op-koers': 0, 'niet-op-koers': 0, onbekend: 0 };
  for (const i of views) {
    const theme = i.themeId ? themeById.get(i.themeId) : undefined;
    const goalId = i.societalGoalId ?? theme?.societal_goal_id ?? null;
    const latest = i.realisations
      .filter((r) => r.value !== null && r.periodStart <= yearEnd)
      .sort((a, b) => a.periodEnd.localeCompare(b.periodEnd) || a.periodStart.localeCompare(b.periodStart))
      .at(-1);
    const targetYear = (until: number) =>
      i.targets.filter((t) => t.year <= until).sort((a, b) => b.year - a.year)[0] ?? null;
    const target = targetYear(latest ? Math.min(year, Number(latest.periodEnd.slice(0, 4))) : year);
    const realisation = latest
      ? {
          periodStartDate: latest.periodStart,
          periodEndDate: latest.periodEnd,
          value: latest.value!,
          source: latest.source,
        }
      : null;
    const status = latest ? latest.status : 'onbekend';
    summaryIndicators[status]++;
    const item: ReportIndicator = {
      id: i.id,
      code: i.code,
      name: i.name,
      kind: i.kind,
      unit: i.unit,
      sourceKind: i.sourceKind,
      source: i.definition
        ? `Grip: ${i.definition.name} (${i.definition.code} v${i.definition.version})`
        : (i.sourceName ?? ''),
      direction: i.direction,
      themeCode: theme?.code ?? null,
      baseline: i.baseline,
      target,
      realisation,
      status,
    };
    const section = goalSections.find((g) => g.id === goalId);
    if (section) section.indicators.push(item);
    else loose.push(item);
  }
  if (loose.length > 0) goalSections.push({ id: null, code: null, name: null, indicators: loose });

  // Interventions that ran (or were planned to run) in the year; undated ones always count.
  const interventions = (
    await sql<{
      id: string;
      name: string;
      theme_id: string;
      owner: string;
      starts_on: string | null;
      ends_on: string | null;
      budget_cents: string | null;
      status: (typeof INTERVENTION_STATUSES)[number];
      expected_result: string;
      achieved_result: string | null;
      status_reason: string | null;
      evaluation: string | null;
    }>`
      SELECT v.id, v.name, v.theme_id, v.owner, v.starts_on::text AS starts_on, v.ends_on::text AS ends_on,
             v.budget_cents::text AS budget_cents, v.status, v.expected_result, v.achieved_result,
             v.status_reason, v.evaluation
      FROM intervention v
      JOIN theme t ON t.municipality_code = v.municipality_code AND t.id = v.theme_id
      WHERE v.municipality_code = ${municipalityCode} AND t.programme_id = ${programmeId}
        AND (v.starts_on IS NULL OR v.starts_on <= ${yearEnd}::date)
        AND (v.ends_on IS NULL OR v.ends_on >= ${yearStart}::date)
      ORDER BY t.code, v.starts_on NULLS FIRST, v.name`.execute(tx)
  ).rows;
  const summaryInterventions = { gepland: 0, gestart: 0, afgerond: 0, gestopt: 0, 'niet-gestart': 0 };
  const byStatus = INTERVENTION_STATUSES.map((status) => ({ status, items: [] as ReportIntervention[] }));
  for (const v of interventions) {
    const theme = themeById.get(v.theme_id)!;
    summaryInterventions[v.status]++;
    byStatus
      .find((s) => s.status === v.status)!
      .items.push({
        id: v.id,
        name: v.name,
        themeCode: theme.code,
        themeName: theme.name,
        owner: v.owner,
        startDate: v.starts_on,
        endDate: v.ends_on,
        budgetCents: num(v.budget_cents),
        expectedResult: v.expected_result,
        achievedResult: v.achieved_result,
        statusReason: v.status_reason,
        evaluation: v.evaluation,
      });
  }

  const budget = await reportBudget(tx, municipalityCode, programmeId, year);
  return {
    municipalityName: programme.municipality_name,
    generatedDate: today,
    year,
    programme: {
      id: programme.id,
      code: programme.code,
      name: programme.name,
      firstYear: programme.first_year,
      lastYear: programme.last_year,
      description: programme.description,
    },
    summary: { indicators: summaryIndicators, interventions: summaryInterventions },
    goals: goalSections,
    interventions: byStatus,
    budget,
  };
}

/**
 * The budget of the year with the arithmetic of the budget screen (budgetTotals in budget-repository.ts):
 * published programme totals where the file gave them, else the sum of the lines. Once any budget of the
 * year was changed, a line or reserve whose budget was not changed counts with its begroting as its
 * begroting na wijziging, so the totals after changes add up.
 */
async function reportBudget(
  tx: Tx,
  municipalityCode: string,
  programmeId: string,
  year: number,
): Promise<ProgressReport['budget']> {
  const overview = await budgetOverview(tx, municipalityCode, programmeId);
  const lines = (overview?.lines ?? []).filter((l) => l.year === year);
  const reserves = (overview?.reserves ?? []).filter((r) => r.year === year);
  const changed =
    lines.some((l) => l.stage === 'begroting-na-wijziging') ||
    reserves.some((r) => r.stage === 'begroting-na-wijziging');
  if (changed) {
    const lineKey = (l: BudgetLineView) => `${l.level}|${l.themeId}|${l.taakveld}|${l.side}`;
    const changedLines = new Set(lines.filter((l) => l.stage === 'begroting-na-wijziging').map(lineKey));
    for (const l of lines.filter((x) => x.stage === 'begroting' && !changedLines.has(lineKey(x))))
      lines.push({ ...l, stage: 'begroting-na-wijziging' });
    const reserveKey = (r: ReserveView) => `${r.reserveName}|${r.kind}`;
    const changedReserves = new Set(
      reserves.filter((r) => r.stage === 'begroting-na-wijziging').map(reserveKey),
    );
    for (const r of reserves.filter((x) => x.stage === 'begroting' && !changedReserves.has(reserveKey(x))))
      reserves.push({ ...r, stage: 'begroting-na-wijziging' });
  }

  const rows: ProgressReport['budget']['rows'] = [];
  for (const l of lines) {
    if (l.level === 'totaal') continue;
    let row = rows.find(
      (r) => r.level === l.level && r.themeCode === l.themeCode && r.bbvTaakveldCode === l.taakveld,
    );
    if (!row) {
      row = {
        level: l.level,
        themeCode: l.themeCode,
        themeName: l.themeName,
        bbvTaakveldCode: l.taakveld,
        lasten: emptyStages(),
        baten: emptyStages(),
      };
      rows.push(row);
    }
    row[l.side][l.stage] = round1((row[l.side][l.stage] ?? 0) + l.amount);
  }
  rows.sort(
    (a, b) =>
      a.level.localeCompare(b.level) ||
      (a.themeCode ?? '').localeCompare(b.themeCode ?? '', 'nl', { numeric: true }) ||
      (a.bbvTaakveldCode ?? '').localeCompare(b.bbvTaakveldCode ?? '', 'nl', { numeric: true }),
  );

  const totals = {
    lasten: emptyStages(),
    baten: emptyStages(),
    saldo: emptyStages(),
    storting: emptyStages(),
    onttrekking: emptyStages(),
    resultaat: emptyStages(),
  };
  let publishedTotalDiffers = false;
  for (const t of budgetTotals(lines, reserves)) {
    totals.lasten[t.stage] = t.lasten;
    totals.baten[t.stage] = t.baten;
    totals.saldo[t.stage] = t.saldo;
    totals.storting[t.stage] = t.storting;
    totals.onttrekking[t.stage] = t.onttrekking;
    totals.resultaat[t.stage] = t.resultaat;
    publishedTotalDiffers ||= t.mismatch;
  }
  const diff = (amounts: StageAmounts) => {
    const last = lastBudget(amounts);
    return last === null || amounts.realisatie === null ? null : round1(amounts.realisatie - last);
  };
  return {
    unit: 'euro x 1.000',
    rows,
    totals,
    publishedTotalDiffers,
    difference: {
      lasten: diff(totals.lasten),
      baten: diff(totals.baten),
      resultaat: diff(totals.resultaat),
    },
  };
}
