/**
 * The intake API (docs/api/intake.md) as the web app uses it: questionnaires, help questions, the
 * household match, the broad intake, triage, meldingen, the worklist, the resident's own online intake,
 * the resident portal and the registration report.
 */
import { query, request } from './api.ts';
import type { Answers, QuestionnaireDefinition } from './questionnaire.ts';

export const CHANNELS = ['telefoon', 'balie', 'online', 'email', 'huisbezoek', 'spreekuur', 'brief'] as const;
export type Channel = (typeof CHANNELS)[number];

export const REFERRER_KINDS = [
  'zelf',
  'netwerk',
  'gemeente',
  'huisarts',
  'jeugdarts',
  'medisch-specialist',
  'gecertificeerde-instelling',
  'rechter',
  'school',
  'politie',
  'veilig-thuis',
  'woningcorporatie',
  'andere-hulpverlener',
] as const;
export type ReferrerKind = (typeof REFERRER_KINDS)[number];

export const QUESTION_TYPES = [
  'inkomen',
  'werk',
  'schulden',
  'huishouden',
  'mobiliteit',
  'opvoeding',
  'psychisch',
  'wonen',
  'eenzaamheid',
  'mantelzorg',
  'veiligheid',
  'gezondheid',
  'verslaving',
  'dagbesteding',
  'zelfzorg',
  'onderwijs',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const LAW_CODES = ['wmo', 'jeugdwet', 'participatiewet', 'schuldhulp'] as const;
export type LawCode = (typeof LAW_CODES)[number];

export const TRIAGE_OUTCOMES = [
  'informatie-advies',
  'verwijzing-algemene-voorziening',
  'melding',
  'urgent',
] as const;
export type TriageOutcome = (typeof TRIAGE_OUTCOMES)[number];

export const URGENT_REASONS = ['onveilige-situatie', 'veilig-thuis', 'dakloosheid', 'acute-crisis'] as const;
export type UrgentReason = (typeof URGENT_REASONS)[number];

export const INTAKE_MODES = ['balie', 'telefoon', 'huisbezoek', 'online', 'spreekuur'] as const;
export type IntakeMode = (typeof INTAKE_MODES)[number];

export const SUSPENSION_REASONS = [
  'wacht-op-gegevens-inwoner',
  'wacht-op-advies',
  'verzoek-inwoner',
] as const;
export type SuspensionReason = (typeof SUSPENSION_REASONS)[number];

export type DueState = 'op-tijd' | 'bijna' | 'te-laat';

export interface Vindplaats {
  id: string;
  kind: string;
  name: string;
  wijkCode: string | null;
  buurtCode: string | null;
  active: boolean;
}

export interface Buurt {
  code: string;
  name: string;
  wijkCode: string;
}

export interface Address {
  street: string;
  houseNumber: number;
  houseLetter?: string | null;
  houseNumberAddition?: string | null;
  postcode: string;
  city: string;
  buurtCode?: string;
}

export interface NewPersonInput {
  bsn?: string;
  givenNames: string;
  familyNamePrefix?: string | null;
  familyName: string;
  birthDate: string;
  phone?: string;
  email?: string;
  address: Address;
}

export interface HelpQuestionCreate {
  channel: Channel;
  vindplaatsId: string;
  referrerKind?: ReferrerKind | null;
  referrerName?: string | null;
  questionTypes: QuestionType[];
  mainLawCode?: LawCode | null;
  freeText?: string | null;
  person: { personId: string } | NewPersonInput | null;
}

export interface HelpQuestion {
  id: string;
  reference: string;
  receivedAt: string;
  channel: Channel;
  vindplaatsId: string;
  referrerKind: ReferrerKind | null;
  referrerName: string | null;
  questionTypes: string[];
  mainLawCode: string | null;
  freeText: string | null;
  status: 'open' | 'afgesloten';
  closedAt: string | null;
  personId: string | null;
  householdId: string | null;
  teamId: string | null;
  registeredBy: string | null;
  relatedQuestionId: string | null;
  householdPlanId: string | null;
}

export interface MatchInput {
  bsn?: string;
  familyName?: string;
  birthDate?: string;
  postcode?: string;
  houseNumber?: number;
}

export interface CandidateAddress {
  street: string;
  houseNumber: number;
  houseLetter: string | null;
  houseNumberAddition: string | null;
  postcode: string;
  city: string;
  buurtCode?: string | null;
}

/** "Dorpsstraat 12A-2, 7551 AB Hengelo" */
export function addressText(a: CandidateAddress | Address | null | undefined): string | null {
  if (!a) return null;
  const number = `${a.houseNumber}${a.houseLetter ?? ''}${a.houseNumberAddition ? `-${a.houseNumberAddition}` : ''}`;
  const postcode = /^\d{4}[A-Z]{2}$/.test(a.postcode)
    ? `${a.postcode.slice(0, 4)} ${a.postcode.slice(4)}`
    : a.postcode;
  return `${a.street} ${number}, ${postcode} ${a.city}`;
}

export interface MatchCandidate {
  personId: string;
  householdId: string | null;
  name: string;
  birthDate: string;
  address: CandidateAddress | null;
  match: 'bsn' | 'likely' | 'possible';
  reason: { code: string; nl: string; en: string } | null;
  /** Open help questions of the household. */
  openQuestions: number;
  planId: string | null;
}

export interface Intake {
  id: string;
  helpQuestionId: string;
  questionnaireVersionId: string;
  /** Number of the questionnaire version the answers belong to. */
  questionnaireVersion: number;
  mode: IntakeMode;
  status: 'concept' | 'afgerond';
  startedAt: string;
  completedAt: string | null;
  conductedBy: string | null;
  answers: Answers;
  applicableQuestionIds: string[];
  ownStrength: string | null;
  networkStrength: string | null;
  lifeDomainScores: { lifeDomainCode: string; score: number; assessedDate: string }[];
  version: number;
}

export interface Triage {
  helpQuestionId: string;
  outcome: TriageOutcome;
  decidedAt: string;
  decidedBy: string | null;
  referredServiceId: string | null;
  urgentReason: UrgentReason | null;
  homeVisitDate: string | null;
  homeVisitHeldDate: string | null;
}

export interface Suspension {
  id: string;
  fromDate: string;
  untilDate: string | null;
  reason: SuspensionReason;
}

export interface Melding {
  id: string;
  helpQuestionId: string;
  personId: string;
  lawCode: string;
  meldedDate: string;
  investigationDueDate: string | null;
  aanvraagDate: string | null;
  decisionDueDate: string | null;
  suspendedDays: number;
  status: 'onderzoek' | 'aanvraag' | 'besloten' | 'ingetrokken';
  closedDate: string | null;
  suspensions: Suspension[];
  /** The running clock; null once closed. */
  clock: 'onderzoek' | 'beslissing' | null;
  dueDate: string | null;
  state: DueState | null;
}

export interface HouseholdMember {
  personId: string;
  name: string;
  birthDate: string;
  role: string;
}

export interface HelpQuestionDetail extends HelpQuestion {
  vindplaats: { id: string; name: string; kind: string };
  person: {
    id: string;
    bsn: string;
    givenNames: string;
    familyNamePrefix: string | null;
    familyName: string;
    birthDate: string;
    phone: string | null;
    email: string | null;
  } | null;
  household: { id: string; address: CandidateAddress; members: HouseholdMember[] } | null;
  intake: Intake | null;
  /** The resident's own online intake, when the intake above is the professional's that followed it. */
  residentIntake: Intake | null;
  triage: Triage | null;
  melding: Melding | null;
}

export interface TriageInput {
  outcome: TriageOutcome;
  referredServiceId?: string;
  lawCode?: LawCode;
  urgentReason?: UrgentReason;
  homeVisitDate?: string;
}

export interface ServiceLocation {
  id: string;
  name: string;
  buurtCode: string;
  wijkCode: string | null;
  streetAddress: string | null;
  openingHours: string | null;
  distanceKm?: number | null;
  inResidentWijk: boolean;
}

export interface AlgemeneVoorziening {
  id: string;
  code: string;
  name: string;
  description: string;
  lawCode: string;
  delivery: 'individueel' | 'collectief';
  targetGroup: string;
  minAge: number | null;
  maxAge: number | null;
  inResidentWijk: boolean;
  nearestDistanceKm: number | null;
  locations: ServiceLocation[];
}

export interface WorklistItem {
  kind: 'hulpvraag' | 'melding';
  helpQuestionId: string;
  reference: string;
  receivedAt: string;
  questionTypes: string[];
  personId: string | null;
  personName: string | null;
  meldingId: string | null;
  lawCode: string | null;
  meldingStatus: 'onderzoek' | 'aanvraag' | null;
  /** Due date of the running legal clock; null for a question without melding. */
  dueDate: string | null;
  clock: 'onderzoek' | 'beslissing' | null;
  state: DueState | null;
  daysLeft: number | null;
  /** The clock stands still now. */
  suspended: boolean;
  urgentReason: UrgentReason | null;
  homeVisitDate: string | null;
}

export interface Team {
  id: string;
  name: string;
  kind: 'toegang' | 'wijkteam' | 'beleid' | 'beheer' | 'privacy' | 'aanbieder';
}

export interface Worklist {
  teamId: string;
  teamName: string;
  totals: { items: number; opTijd: number; bijna: number; teLaat: number; urgent: number };
  items: WorklistItem[];
  page: number;
  pageSize: number;
}

export interface QuestionnaireVersionSummary {
  id: string;
  version: number;
  status: 'concept' | 'gepubliceerd' | 'vervallen';
  publishedAt: string | null;
}

export interface Questionnaire {
  id: string;
  name: string;
  versions: QuestionnaireVersionSummary[];
}

export interface QuestionnaireVersion extends QuestionnaireVersionSummary {
  questionnaireId: string;
  questionnaireName?: string;
  definition: QuestionnaireDefinition;
}

export interface OnlineContact {
  givenNames?: string;
  familyNamePrefix?: string | null;
  familyName?: string;
  birthDate?: string;
  bsn?: string;
  phone?: string;
  email?: string;
  address?: Partial<Address>;
}

export interface PublicQuestionnaire {
  id: string;
  questionnaireId: string;
  version: number;
  municipalityCode: string;
  municipalityName: string;
  definition: QuestionnaireDefinition;
}

export interface OnlineDraft {
  draftId: string;
  municipalityCode: string;
  /** The questionnaire version of this draft (it stays the same when a newer one is published). */
  version: PublicQuestionnaire;
  answers: Answers;
  contact: OnlineContact;
  updatedAt: string;
  expiresAt: string;
  /** Reference of the help question once submitted. */
  submittedReference: string | null;
}

type Bilingual = { nl: string; en: string };

export interface MyHelpQuestion {
  id: string;
  reference: string;
  receivedDate: string;
  questionTypes: (Bilingual & { code: string })[];
  status: Bilingual & { code: 'open' | 'afgesloten' };
  outcome: (Bilingual & { code: TriageOutcome }) | null;
  nextStep: Bilingual;
  dueDate: string | null;
}

export const REPORT_DIMENSIONS = ['type', 'vindplaats', 'channel', 'outcome', 'wijk'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

/** A count; "<10" for 1 to 9; "x" when hidden so that a "<10" cannot be worked out from a total. */
export type ReportCell = number | '<10' | 'x';

export interface ReportCategory {
  key: string;
  label: string;
}

export interface Report {
  fromDate: string;
  toDate: string;
  groupBy: ReportDimension[];
  rowDimension: ReportCategory;
  columnDimension: ReportCategory | null;
  columns: ReportCategory[];
  rows: (ReportCategory & { cells: ReportCell[]; total: ReportCell })[];
  totals: { cells: ReportCell[]; total: ReportCell };
  meta: {
    threshold: number;
    suppression: { nl: string; en: string };
    suppressedCells: { small: number; secondary: number };
    counting: { nl: string; en: string };
    period: { nl: string; en: string };
  };
}

const id = (value: string) => encodeURIComponent(value);

export const intakeApi = {
  vindplaatsen: (signal?: AbortSignal) =>
    request<{ items: Vindplaats[] }>('GET', '/api/v1/vindplaatsen', { signal }),
  buurten: (signal?: AbortSignal) => request<{ items: Buurt[] }>('GET', '/api/v1/buurten', { signal }),

  match: (body: MatchInput) =>
    request<{ items: MatchCandidate[] }>('POST', '/api/v1/households/_match', { body }),
  createHelpQuestion: (body: HelpQuestionCreate) =>
    request<HelpQuestion>('POST', '/api/v1/help-questions', { body }),
  helpQuestion: (questionId: string, signal?: AbortSignal) =>
    request<HelpQuestionDetail>('GET', `/api/v1/help-questions/${id(questionId)}`, { signal }),
  startIntake: (questionId: string, mode: IntakeMode) =>
    request<Intake>('POST', `/api/v1/help-questions/${id(questionId)}/intake`, { body: { mode } }),
  saveIntake: (
    intakeId: string,
    version: number | string,
    body: { answers: Answers; ownStrength?: string | null; networkStrength?: string | null },
  ) => request<Intake>('PUT', `/api/v1/intakes/${id(intakeId)}`, { body, ifMatch: version }),
  completeIntake: (intakeId: string, version: number | string) =>
    request<Intake>('POST', `/api/v1/intakes/${id(intakeId)}/complete`, { body: {}, ifMatch: version }),
  recordHomeVisit: (questionId: string, heldDate: string) =>
    request<{ plannedDate: string; heldDate: string }>(
      'POST',
      `/api/v1/help-questions/${id(questionId)}/home-visit`,
      { body: { heldDate } },
    ),
  triage: (questionId: string, body: TriageInput) =>
    request<unknown>('POST', `/api/v1/help-questions/${id(questionId)}/triage`, { body }),
  algemeneVoorzieningen: (personId: string | null, signal?: AbortSignal) =>
    request<{ origin: { buurtCode: string; wijkCode: string | null } | null; items: AlgemeneVoorziening[] }>(
      'GET',
      `/api/v1/services/algemene-voorzieningen${query({ nearPersonId: personId ?? undefined })}`,
      { signal },
    ),
  recordAanvraag: (meldingId: string, aanvraagDate: string) =>
    request<unknown>('POST', `/api/v1/meldingen/${id(meldingId)}/aanvraag`, { body: { aanvraagDate } }),
  suspend: (meldingId: string, body: { fromDate: string; reason: SuspensionReason }) =>
    request<unknown>('POST', `/api/v1/meldingen/${id(meldingId)}/suspensions`, { body }),
  endSuspension: (meldingId: string, suspensionId: string, untilDate: string) =>
    request<unknown>('POST', `/api/v1/meldingen/${id(meldingId)}/suspensions/${id(suspensionId)}/end`, {
      body: { untilDate },
    }),
  teams: (signal?: AbortSignal) => request<{ items: Team[] }>('GET', '/api/v1/teams', { signal }),
  worklist: (teamId: string | undefined, signal?: AbortSignal) =>
    request<Worklist>('GET', `/api/v1/worklist${query({ teamId, pageSize: 500 })}`, { signal }),

  questionnaires: (signal?: AbortSignal) =>
    request<{ items: Questionnaire[] }>('GET', '/api/v1/questionnaires', { signal }),
  currentQuestionnaire: (signal?: AbortSignal) =>
    request<QuestionnaireVersion>('GET', '/api/v1/questionnaires/current', { signal }),
  questionnaireVersion: (versionId: string, signal?: AbortSignal) =>
    request<QuestionnaireVersion>('GET', `/api/v1/questionnaire-versions/${id(versionId)}`, { signal }),
  newDraftVersion: (questionnaireId: string) =>
    request<QuestionnaireVersion>('POST', `/api/v1/questionnaires/${id(questionnaireId)}/versions`, {
      body: {},
    }),
  /** `etag`: the ETag of the version as fetched (a hash, not a number). */
  updateVersion: (versionId: string, etag: string, definition: unknown) =>
    request<QuestionnaireVersion>('PUT', `/api/v1/questionnaire-versions/${id(versionId)}`, {
      body: { definition },
      ifMatch: etag,
    }),
  publishVersion: (versionId: string, etag: string | null) =>
    request<QuestionnaireVersion>('POST', `/api/v1/questionnaire-versions/${id(versionId)}/publish`, {
      body: {},
      ifMatch: etag ?? undefined,
    }),

  onlineQuestionnaire: (municipality: string, signal?: AbortSignal) =>
    request<PublicQuestionnaire>('GET', `/api/v1/online-intake/questionnaire${query({ municipality })}`, {
      signal,
      sessionRequired: false,
    }),
  createDraft: (municipalityCode: string) =>
    request<OnlineDraft & { resumeToken: string }>('POST', '/api/v1/online-intake/drafts', {
      body: { municipalityCode },
      sessionRequired: false,
    }),
  draft: (draftId: string, token: string, signal?: AbortSignal) =>
    request<OnlineDraft>('GET', `/api/v1/online-intake/drafts/${id(draftId)}`, {
      headers: { 'X-Resume-Token': token },
      signal,
      sessionRequired: false,
    }),
  /** `version`: the ETag of the draft as last fetched or saved. */
  saveDraft: (
    draftId: string,
    token: string,
    version: number | string,
    body: { answers: Answers; contact: OnlineContact },
  ) =>
    request<OnlineDraft>('PUT', `/api/v1/online-intake/drafts/${id(draftId)}`, {
      body,
      ifMatch: version,
      headers: { 'X-Resume-Token': token },
      sessionRequired: false,
    }),
  submitDraft: (draftId: string, token: string, idempotencyKey: string) =>
    request<{ reference: string }>('POST', `/api/v1/online-intake/drafts/${id(draftId)}/submit`, {
      headers: { 'X-Resume-Token': token, 'Idempotency-Key': idempotencyKey },
      sessionRequired: false,
    }),

  myHelpQuestions: (signal?: AbortSignal) =>
    request<{ items: MyHelpQuestion[]; message: { nl: string; en: string } | null }>(
      'GET',
      '/api/v1/my/help-questions',
      { signal },
    ),
  report: (params: { fromDate: string; toDate: string; groupBy: string }, signal?: AbortSignal) =>
    request<Report>('GET', `/api/v1/reports/help-questions${query(params)}`, { signal }),
};

/** The address of a report export (a link the browser downloads with the session cookie). */
export const reportExportUrl = (
  format: 'csv' | 'xlsx',
  params: { fromDate: string; toDate: string; groupBy: string },
) => `/api/v1/reports/help-questions.${format}${query(params)}`;
