/**
 * The steering API (docs/api/steering.md) as the web app uses it: programmes and the progress report per
 * programme and year (JSON for the screen, PDF and XLSX to download), and the budget import.
 */
import { ApiError, query, request } from './api.ts';
import type { Role } from './api.ts';

/** Who sees the steering screens (the actions progress-report.read and the steering context). */
export const STEERING_ROLES: Role[] = ['beleidsadviseur'];

export const INTERVENTION_STATUSES = ['gepland', 'gestart', 'afgerond', 'gestopt', 'niet-gestart'] as const;
export type InterventionStatus = (typeof INTERVENTION_STATUSES)[number];

export const BUDGET_STAGES = ['begroting', 'begroting-na-wijziging', 'raming', 'realisatie'] as const;
export type BudgetStage = (typeof BUDGET_STAGES)[number];

export type IndicatorStatus = 'op-koers' | 'niet-op-koers' | 'onbekend';
export type IndicatorUnit = 'percentage' | 'aantal' | 'euro' | 'score' | 'dagen';

/** Amounts in euro x 1,000 per stage; null where nothing was recorded. */
export type StageAmounts = Record<BudgetStage, number | null>;

export interface ProgrammeSummary {
  id: string;
  code: string;
  name: string;
  firstYear: number;
  lastYear: number;
  /** For If-Match when changing or deleting (not in the progress report's copy). */
  version?: number;
}

export interface ReportIndicator {
  id: string;
  code: string;
  name: string;
  kind: 'effect' | 'prestatie';
  unit: IndicatorUnit;
  sourceKind: 'berekend' | 'extern';
  source: string;
  direction: 'hoger-is-beter' | 'lager-is-beter';
  themeCode: string | null;
  baseline: { year: number; value: number } | null;
  target: { year: number; value: number } | null;
  realisation: { periodStartDate: string; periodEndDate: string; value: number; source: string } | null;
  status: IndicatorStatus;
}

export interface ReportIntervention {
  id: string;
  name: string;
  themeCode: string;
  themeName: string;
  owner: string;
  startDate: string | null;
  endDate: string | null;
  budgetCents: number | null;
  expectedResult: string;
  achievedResult: string | null;
  statusReason: string | null;
  evaluation: string | null;
}

export interface BudgetRow {
  level: 'thema' | 'taakveld';
  themeCode: string | null;
  themeName: string | null;
  bbvTaakveldCode: string | null;
  lasten: StageAmounts;
  baten: StageAmounts;
}

export interface ProgressReport {
  municipalityName: string;
  generatedDate: string;
  year: number;
  programme: ProgrammeSummary & { description: string };
  summary: {
    indicators: Record<IndicatorStatus, number>;
    interventions: Record<InterventionStatus, number>;
  };
  goals: { id: string | null; code: string | null; name: string | null; indicators: ReportIndicator[] }[];
  interventions: { status: InterventionStatus; items: ReportIntervention[] }[];
  budget: {
    unit: 'euro x 1.000';
    rows: BudgetRow[];
    totals: Record<'lasten' | 'baten' | 'saldo' | 'storting' | 'onttrekking' | 'resultaat', StageAmounts>;
    publishedTotalDiffers: boolean;
    difference: { lasten: number | null; baten: number | null; resultaat: number | null };
  };
}

const programmePath = (programmeId: string) =>
  `/api/v1/steering/programmes/${encodeURIComponent(programmeId)}`;

/** The link that downloads the progress report as PDF or XLSX. */
export function progressReportUrl(programmeId: string, year: number, format: 'pdf' | 'xlsx'): string {
  return `${programmePath(programmeId)}/progress-report/${format}${query({ year })}`;
}

export const steeringApi = {
  programmes: (signal?: AbortSignal) =>
    request<{ items: ProgrammeSummary[] }>('GET', '/api/v1/steering/programmes', { signal }),
  budget: (programmeId: string, signal?: AbortSignal) =>
    request<BudgetOverview>('GET', `${programmePath(programmeId)}/budget`, { signal }),
  progressReport: (programmeId: string, year: number, signal?: AbortSignal) =>
    request<ProgressReport>('GET', `${programmePath(programmeId)}/progress-report${query({ year })}`, {
      signal,
    }),
};

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Per year and stage: lasten, baten, saldo (lasten minus baten), reserves and result (euro x 1,000). */
export interface BudgetTotal {
  year: number;
  stage: BudgetStage;
  lasten: number | null;
  baten: number | null;
  saldo: number | null;
  storting: number;
  onttrekking: number;
  resultaat: number | null;
  mismatch: boolean;
}

export interface BudgetOverview {
  programme: ProgrammeSummary;
  totals: BudgetTotal[];
}

export interface BudgetImportResult {
  id: string;
  layout: 'thema' | 'taakveld' | 'totaal';
  lineCount: number;
  reserveCount: number;
  themesCreated: string[];
}

/** The link that downloads the budget in the import layout. */
export function budgetExportUrl(programmeId: string, format: 'csv' | 'xlsx'): string {
  return `${programmePath(programmeId)}/budget.${format}`;
}

/**
 * Sends a budget file as the raw body (docs/import-budgets.md). A file with problems answers 400 with one
 * invalidParams entry per problem, each naming its line; they come back as ApiError.fields.
 */
export async function importBudget(
  programmeId: string,
  file: File,
  stage: BudgetStage,
  csrfToken: string,
): Promise<BudgetImportResult> {
  const type = /\.xlsx$/i.test(file.name) ? XLSX_TYPE : 'text/csv';
  let response: Response;
  try {
    response = await fetch(
      `${programmePath(programmeId)}/budget-imports${query({ stage, fileName: file.name.slice(0, 200) })}`,
      {
        method: 'POST',
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'Content-Type': type, 'X-CSRF-Token': csrfToken },
        body: file,
      },
    );
  } catch {
    throw new ApiError(0, 'network-error', null, null, []);
  }
  if (response.ok) return (await response.json()) as BudgetImportResult;
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    // not JSON
  }
  const nl = body.nl as { title?: string; detail?: string } | undefined;
  const en = body.en as { title?: string; detail?: string } | undefined;
  const fields = Array.isArray(body.invalidParams)
    ? (body.invalidParams as Record<string, unknown>[]).map((p) => ({
        name: String(p.name ?? ''),
        code: String(p.code ?? ''),
        nl: String(p.nl ?? p.reason ?? ''),
        en: String(p.en ?? p.reason ?? ''),
      }))
    : [];
  throw new ApiError(
    response.status,
    typeof body.code === 'string' ? body.code : `http-${response.status}`,
    nl?.title && en?.title ? { nl: nl.title, en: en.title } : null,
    nl?.detail && en?.detail ? { nl: nl.detail, en: en.detail } : null,
    fields,
  );
}

export interface SteeringGoal {
  id: string;
  code: string;
  name: string;
  currentSituation: string;
  desiredSituation: string;
  version: number;
}

export interface SteeringTheme {
  id: string;
  code: string;
  name: string;
  societalGoalId: string | null;
  taakveld: string | null;
  version: number;
}

export interface SteeringIntervention {
  id: string;
  themeId: string;
  name: string;
  owner: string;
  startsOn: string | null;
  endsOn: string | null;
  budgetCents: number | null;
  status: InterventionStatus;
  expectedResult: string;
  achievedResult: string | null;
  statusReason: string | null;
  evaluation: string | null;
  version: number;
}

export interface ProgrammeDetail extends ProgrammeSummary {
  description: string;
  version: number;
  goals: SteeringGoal[];
  themes: SteeringTheme[];
  interventions: SteeringIntervention[];
}

export interface SteeringIndicator {
  id: string;
  code: string;
  name: string;
  kind: 'effect' | 'prestatie';
  unit: IndicatorUnit | null;
  sourceKind: 'berekend' | 'extern';
  definition: { code: string; version: number; name: string } | null;
  sourceName: string | null;
  frequency: IndicatorFrequency;
  direction: IndicatorDirection;
  societalGoalId: string | null;
  themeId: string | null;
  baseline: { year: number; value: number } | null;
  note: string;
  version: number;
  targets: { year: number; value: number }[];
  realisations: {
    periodStart: string;
    periodEnd: string;
    value: number | null;
    source: string;
    computed: boolean;
    target: number | null;
    status: IndicatorStatus;
  }[];
  status: IndicatorStatus;
}

export const INDICATOR_UNITS = ['percentage', 'aantal', 'euro', 'score', 'dagen'] as const;
export const INDICATOR_FREQUENCIES = ['maand', 'kwartaal', 'jaar', 'tweejaarlijks', 'vierjaarlijks'] as const;
export type IndicatorFrequency = (typeof INDICATOR_FREQUENCIES)[number];
export const INDICATOR_DIRECTIONS = ['hoger-is-beter', 'lager-is-beter'] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];

/** A named, versioned definition a computed indicator can use. */
export interface IndicatorDefinition {
  code: string;
  version: number;
  name: string;
  nameEn: string;
  description: string;
  unit: IndicatorUnit;
  direction: IndicatorDirection;
}

export const steeringStructureApi = {
  definitions: (signal?: AbortSignal) =>
    request<{ items: IndicatorDefinition[] }>('GET', '/api/v1/steering/indicator-definitions', { signal }),
  indicator: (indicatorId: string, signal?: AbortSignal) =>
    request<SteeringIndicator>('GET', `/api/v1/steering/indicators/${encodeURIComponent(indicatorId)}`, {
      signal,
    }),
  programme: (programmeId: string, signal?: AbortSignal) =>
    request<ProgrammeDetail>('GET', programmePath(programmeId), { signal }),
  indicators: (programmeId: string, signal?: AbortSignal) =>
    request<{ items: SteeringIndicator[] }>('GET', `/api/v1/steering/indicators${query({ programmeId })}`, {
      signal,
    }),
};

/** Bodies of the editing routes (docs/api/steering.md); the server checks every rule and answers 400 per field. */
export interface ProgrammeInput {
  code: string;
  name: string;
  firstYear: number;
  lastYear: number;
  description?: string;
}
export interface GoalInput {
  code: string;
  name: string;
  currentSituation?: string;
  desiredSituation?: string;
}
export interface ThemeInput {
  code: string;
  name: string;
  societalGoalId?: string | null;
  taakveld?: string | null;
}
export interface InterventionInput {
  themeId: string;
  name: string;
  owner: string;
  startsOn?: string | null;
  endsOn?: string | null;
  budgetCents?: number | null;
  expectedResult?: string;
}
export interface InterventionChange {
  status?: InterventionStatus;
  achievedResult?: string | null;
  statusReason?: string | null;
  themeId?: string;
  name?: string;
  owner?: string;
  startsOn?: string | null;
  endsOn?: string | null;
  budgetCents?: number | null;
  expectedResult?: string;
  evaluation?: string | null;
}
export interface IndicatorInput {
  code: string;
  name: string;
  kind: 'effect' | 'prestatie';
  unit?: IndicatorUnit | null;
  sourceKind: 'berekend' | 'extern';
  definitionCode?: string | null;
  definitionVersion?: number | null;
  sourceName?: string | null;
  frequency: IndicatorFrequency;
  direction?: IndicatorDirection;
  societalGoalId?: string | null;
  themeId?: string | null;
  baseline?: { year: number; value: number } | null;
  note?: string;
}
export interface RealisationInput {
  periodStart: string;
  periodEnd: string;
  value: number;
  source: string;
}

const interventionPath = (id: string) => `/api/v1/steering/interventions/${encodeURIComponent(id)}`;
const goalPath = (id: string) => `/api/v1/steering/goals/${encodeURIComponent(id)}`;
const themePath = (id: string) => `/api/v1/steering/themes/${encodeURIComponent(id)}`;
const indicatorPath = (id: string) => `/api/v1/steering/indicators/${encodeURIComponent(id)}`;

/**
 * The beleidsadviseur's changes: the programme structure and indicators (create, change, delete), intervention
 * status, indicator targets and realisations. Changes and deletes send the version the user saw (If-Match):
 * someone else's change in between answers 412, a delete with something still under the item 409.
 */
export const steeringEditApi = {
  createProgramme: (body: ProgrammeInput) =>
    request<ProgrammeSummary & { description: string }>('POST', '/api/v1/steering/programmes', { body }),
  createGoal: (programmeId: string, body: GoalInput) =>
    request<SteeringGoal>('POST', `${programmePath(programmeId)}/goals`, { body }),
  createTheme: (programmeId: string, body: ThemeInput) =>
    request<SteeringTheme>('POST', `${programmePath(programmeId)}/themes`, { body }),
  createIntervention: (programmeId: string, body: InterventionInput) =>
    request<SteeringIntervention>('POST', `${programmePath(programmeId)}/interventions`, { body }),
  /** If-Match is the version the user saw: a change by someone else in between answers 412. */
  changeIntervention: (id: string, version: number, body: InterventionChange) =>
    request<SteeringIntervention>('PATCH', interventionPath(id), { body, ifMatch: version }),
  updateProgramme: (id: string, version: number, body: Partial<ProgrammeInput>) =>
    request<ProgrammeSummary & { description: string; version: number }>('PATCH', programmePath(id), {
      body,
      ifMatch: version,
    }),
  deleteProgramme: (id: string, version: number) =>
    request<void>('DELETE', programmePath(id), { ifMatch: version }),
  updateGoal: (id: string, version: number, body: Partial<GoalInput>) =>
    request<SteeringGoal>('PATCH', goalPath(id), { body, ifMatch: version }),
  deleteGoal: (id: string, version: number) => request<void>('DELETE', goalPath(id), { ifMatch: version }),
  updateTheme: (id: string, version: number, body: Partial<ThemeInput>) =>
    request<SteeringTheme>('PATCH', themePath(id), { body, ifMatch: version }),
  deleteTheme: (id: string, version: number) => request<void>('DELETE', themePath(id), { ifMatch: version }),
  deleteIntervention: (id: string, version: number) =>
    request<void>('DELETE', interventionPath(id), { ifMatch: version }),
  createIndicator: (body: IndicatorInput) =>
    request<SteeringIndicator>('POST', '/api/v1/steering/indicators', { body }),
  updateIndicator: (id: string, version: number, body: Partial<IndicatorInput>) =>
    request<SteeringIndicator>('PATCH', indicatorPath(id), { body, ifMatch: version }),
  deleteIndicator: (id: string, version: number) =>
    request<void>('DELETE', indicatorPath(id), { ifMatch: version }),
  deleteTarget: (indicatorId: string, year: number) =>
    request<SteeringIndicator>('DELETE', `${indicatorPath(indicatorId)}/targets/${year}`),
  deleteRealisation: (indicatorId: string, periodStart: string, periodEnd: string) =>
    request<SteeringIndicator>(
      'DELETE',
      `${indicatorPath(indicatorId)}/realisations/${encodeURIComponent(periodStart)}/${encodeURIComponent(periodEnd)}`,
    ),
  setTarget: (indicatorId: string, year: number, value: number) =>
    request<SteeringIndicator>('PUT', `${indicatorPath(indicatorId)}/targets/${year}`, { body: { value } }),
  addRealisation: (indicatorId: string, body: RealisationInput) =>
    request<SteeringIndicator>('POST', `${indicatorPath(indicatorId)}/realisations`, { body }),
};
