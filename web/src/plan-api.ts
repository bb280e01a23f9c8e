/**
 * The plans API (docs/api/plans.md) as the web app uses it: the household's plan, its versions, scores and
 * evaluations, break the glass, the timeline, messages, documents, notifications, the PDF, and the
 * resident's own plan in the portal. Helper functions for the portal screens may follow at the end.
 */
import { ApiError, query, request } from './api.ts';

export const GOAL_OWNER_KINDS = ['inwoner', 'netwerk', 'professional'] as const;
export type GoalOwnerKind = (typeof GOAL_OWNER_KINDS)[number];

export const GOAL_STATUSES = ['open', 'behaald', 'deels-behaald', 'niet-behaald', 'vervallen'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export const PLAN_STATUSES = ['concept', 'actief', 'afgesloten'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const EVALUATION_OUTCOMES = [
  'doelen-behaald',
  'doelen-deels-behaald',
  'bijstellen',
  'afsluiten',
] as const;
export type EvaluationOutcome = (typeof EVALUATION_OUTCOMES)[number];

export const ACTION_STATUSES = ['open', 'bezig', 'gedaan', 'vervallen'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const AGREEMENTS = ['akkoord', 'niet-akkoord'] as const;
export type Agreement = (typeof AGREEMENTS)[number];
export type VersionAgreement = Agreement | 'open';

export type PlanAccessBasis = 'regisseur' | 'betrokken' | 'teamleider' | 'doorbraak';

/** The life domains of the self-sufficiency scores, in the order of the catalogue (migration 0002). */
export const LIFE_DOMAINS = [
  'financien',
  'werk-opleiding',
  'tijdsbesteding',
  'huisvesting',
  'huiselijke-relaties',
  'geestelijke-gezondheid',
  'lichamelijke-gezondheid',
  'middelengebruik',
  'basale-adl',
  'instrumentele-adl',
  'sociaal-netwerk',
  'maatschappelijke-participatie',
] as const;

/** What an upload may be (docs/api/plans.md): shown to the user before they choose a file. */
export const DOCUMENT_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'text/plain': 'TXT',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.oasis.opendocument.text': 'ODT',
};
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

type Bilingual = { nl: string; en: string };

export interface PlanParticipant {
  personId: string;
  name: string;
  birthDate: string;
  role: string;
  age: number;
}

export interface PlanProfessional {
  id: string;
  userId: string | null;
  name: string;
  organisation: string;
  expertise: string;
  involvedFrom: string;
  involvedUntil: string | null;
}

export interface PlanAction {
  id: string;
  description: string;
  ownerKind: GoalOwnerKind;
  status: ActionStatus;
  dueOn: string | null;
  doneOn: string | null;
}

export interface PlanGoalService {
  serviceId: string;
  code: string;
  name: string;
  kind: 'algemeen' | 'maatwerk';
  lawCode: string;
  toewijzingId: string | null;
}

export interface PlanGoal {
  id: string;
  description: string;
  lifeDomainCode: string | null;
  ownerKind: GoalOwnerKind;
  ownerPersonId: string | null;
  ownerProfessionalId: string | null;
  targetDate: string;
  status: GoalStatus;
  actions: PlanAction[];
  services: PlanGoalService[];
}

export interface UserRef {
  userId: string;
  name: string;
}

export interface PlanEvaluation {
  id: string;
  kind: 'start' | 'evaluatie';
  plannedOn: string;
  heldOn: string | null;
  outcome: EvaluationOutcome | null;
  satisfaction: number | null;
  notes: string | null;
  conductedBy: UserRef | null;
}

export interface PlanVersionSummary {
  version: number;
  createdAt: string;
  createdBy: UserRef | null;
  reason: string;
  agreement: VersionAgreement;
  agreementRecordedAt: string | null;
  agreementNote: string | null;
}

export interface Plan {
  id: string;
  householdId: string;
  status: PlanStatus;
  version: number;
  openedOn: string;
  closedOn: string | null;
  updatedAt: string | null;
  team: { id: string; name: string } | null;
  regisseur: { userId: string; name: string } | null;
  contactPerson: { personId: string; name: string } | null;
  participants: PlanParticipant[];
  professionals: PlanProfessional[];
  goals: PlanGoal[];
  evaluations: PlanEvaluation[];
  versions: PlanVersionSummary[];
  access: PlanAccessBasis;
}

/** The editable plan as PUT takes it: ids kept for existing goals, actions and professionals. */
export interface PlanActionInput {
  id?: string;
  description: string;
  ownerKind: GoalOwnerKind;
  status?: ActionStatus;
  dueOn?: string | null;
  doneOn?: string | null;
}

export interface PlanGoalInput {
  id?: string;
  description: string;
  lifeDomainCode?: string | null;
  ownerKind: GoalOwnerKind;
  ownerPersonId?: string | null;
  ownerProfessionalId?: string | null;
  targetDate: string;
  status: GoalStatus;
  actions: PlanActionInput[];
  services: { serviceId: string; toewijzingId?: string | null }[];
}

export interface PlanProfessionalInput {
  id?: string;
  userId?: string | null;
  name: string;
  organisation: string;
  expertise: string;
  involvedFrom: string;
  involvedUntil?: string | null;
}

/** A colleague with a casework role (GET /api/v1/colleagues): who can be appointed regisseur. */
export interface Colleague {
  userId: string;
  name: string;
  roles: string[];
  teams: string[];
}

export interface PlanUpdate {
  reason: string;
  status?: PlanStatus;
  regisseurUserId?: string | null;
  contactPersonId?: string | null;
  professionals: PlanProfessionalInput[];
  goals: PlanGoalInput[];
}

export interface PlanListItem {
  id: string;
  householdId: string;
  address: string | null;
  participants: string[];
  status: PlanStatus;
  regisseur: { userId: string; name: string } | null;
  nextEvaluationOn: string | null;
  unreadMessages: number;
}

export interface ScoreSeries {
  personId: string;
  lifeDomainCode: string;
  measurements: { assessedOn: string; score: number; source: 'intake' | 'evaluatie' | 'start' }[];
}

export interface EvaluationHeld {
  heldOn: string;
  outcome: EvaluationOutcome;
  satisfaction?: number;
  notes?: string;
  scores: { personId: string; lifeDomainCode: string; score: number }[];
  goalStatuses?: { goalId: string; status: GoalStatus }[];
}

/** A change between two versions: what, and per field old → new. */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

type Changes<T> = { added: T[]; removed: T[]; changed: (T & { changes: FieldChange[] })[] };

/** The differences between two versions (src/plans/plan-diff.ts). */
export interface VersionCompare {
  from: number;
  to: number;
  status: { from: string | null; to: string | null } | null;
  regisseur: { from: UserRef | null; to: UserRef | null } | null;
  contactPerson: {
    from: { personId: string; name: string } | null;
    to: { personId: string; name: string } | null;
  } | null;
  goals: Changes<{ id: string; description: string }>;
  actions: Changes<{ goalId: string; id: string; description: string }>;
  services: Changes<{ goalId: string; serviceId: string; code: string; name: string }>;
  professionals: Changes<{ id: string; name: string }>;
  participants: { added: string[]; removed: string[] };
}

export interface PlanVersionSnapshot extends PlanVersionSummary {
  /** The plan as it was in this version. */
  snapshot: Record<string, unknown>;
}

export interface BreakGlass {
  id: string;
  expiresAt: string;
}

export interface BreakGlassItem {
  id: string;
  user: UserRef;
  planId: string;
  householdId: string;
  householdAddress: string | null;
  reason: string;
  grantedAt: string;
  expiresAt: string;
  reviewedAt: string | null;
  reviewedBy: UserRef | null;
  reviewNote: string | null;
}

export interface PlanWorklist {
  evaluations: {
    planId: string;
    householdId: string;
    evaluationId: string;
    plannedOn: string;
    overdue: boolean;
    participants: string[];
  }[];
  eighteen: {
    planId: string;
    personId: string;
    name: string;
    eighteenOn: string;
    toewijzingen: {
      id: string;
      serviceCode: string;
      serviceName: string;
      startDate: string;
      endDate: string | null;
    }[];
  }[];
}

export interface TimelineEvent {
  at: string;
  /** Known by its day only (a melding, a beschikking): show the date, not the time. */
  allDay: boolean;
  kind: string;
  title: Bilingual;
  detail: string | null;
  link: string | null;
}

export interface PlanDocument {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  uploadedAt: string;
  uploadedBy: string | null;
  sha256?: string;
  uploadedAs?: 'professional' | 'inwoner';
}

export interface PlanMessage {
  id: string;
  body: string;
  sentAt: string;
  author: { kind: 'professional' | 'inwoner'; name: string; userId: string };
  document: PlanDocument | null;
  /** Whether the caller had read it before this answer. */
  read: boolean;
}

export interface Notification {
  id: string;
  kind: 'bericht' | 'document' | 'akkoord' | 'evaluatie' | 'signalering';
  title: Bilingual;
  planId: string | null;
  link: string;
  createdAt: string;
  readAt: string | null;
}

/** The resident's plan in the portal, in plain words. */
export interface PortalPlan {
  id: string;
  status: PlanStatus;
  version: number;
  participants: { personId: string; name: string }[];
  regisseur: { name: string } | null;
  professionals: { name: string; organisation: string; expertise: string }[];
  goals: {
    id: string;
    description: string;
    owner: Bilingual | string;
    targetDate: string;
    status: GoalStatus;
    actions: { description: string; dueOn: string | null; doneOn: string | null }[];
    services: { name: string }[];
  }[];
  versions: PlanVersionSummary[];
  [key: string]: unknown;
}

/** A service the plan can link: algemene voorzieningen and maatwerk of every law. */
export interface CatalogueService {
  id: string;
  code: string;
  name: string;
  kind: 'algemeen' | 'maatwerk';
  lawCode: string;
  description?: string;
}

const id = (value: string | number) => encodeURIComponent(String(value));
const plan = (planId: string) => `/api/v1/plans/${id(planId)}`;

/** Sends a file as the raw body (the documents endpoints), with the CSRF token the JSON requests use. */
async function upload<T>(path: string, file: File, csrfToken: string): Promise<{ data: T; status: number }> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        'Content-Type': file.type || 'application/octet-stream',
        'X-File-Name': encodeURIComponent(file.name),
        'X-CSRF-Token': csrfToken,
      },
      body: file,
    });
  } catch {
    throw new ApiError(0, 'network-error', null, null, []);
  }
  if (!response.ok) {
    let body: Record<string, unknown> = {};
    try {
      body = (await response.json()) as Record<string, unknown>;
    } catch {
      // not JSON
    }
    const nl = body.nl as { title?: string; detail?: string } | undefined;
    const en = body.en as { title?: string; detail?: string } | undefined;
    throw new ApiError(
      response.status,
      typeof body.code === 'string' ? body.code : `http-${response.status}`,
      nl?.title && en?.title ? { nl: nl.title, en: en.title } : null,
      nl?.detail && en?.detail ? { nl: nl.detail, en: en.detail } : null,
      [],
    );
  }
  return { data: (await response.json()) as T, status: response.status };
}

export const planApi = {
  myPlans: (page = 1, signal?: AbortSignal) =>
    request<{ items: PlanListItem[]; page: number; pageSize: number; total: number }>(
      'GET',
      `/api/v1/plans${query({ mine: 'true', page })}`,
      { signal },
    ),
  householdPlan: (householdId: string, signal?: AbortSignal) =>
    request<Plan>('GET', `/api/v1/households/${id(householdId)}/plan`, { signal }),
  plan: (planId: string, signal?: AbortSignal) => request<Plan>('GET', plan(planId), { signal }),
  /** If-Match: the version as read; a 412 carries the newer plan in the body's `current`. */
  colleagues: (signal?: AbortSignal) =>
    request<{ items: Colleague[] }>('GET', '/api/v1/colleagues', { signal }),
  updatePlan: (planId: string, version: number | string, body: PlanUpdate) =>
    request<Plan>('PUT', plan(planId), { body, ifMatch: version }),
  version: (planId: string, n: number, signal?: AbortSignal) =>
    request<PlanVersionSnapshot>('GET', `${plan(planId)}/versions/${id(n)}`, { signal }),
  compare: (planId: string, from: number, to: number, signal?: AbortSignal) =>
    request<VersionCompare>('GET', `${plan(planId)}/versions/compare${query({ from, to })}`, { signal }),
  recordAgreement: (planId: string, n: number, body: { agreement: Agreement; note?: string }) =>
    request<unknown>('POST', `${plan(planId)}/versions/${id(n)}/agreement`, { body }),

  scores: (planId: string, signal?: AbortSignal) =>
    request<{ series: ScoreSeries[] }>('GET', `${plan(planId)}/scores`, { signal }),
  planEvaluation: (planId: string, plannedOn: string) =>
    request<PlanEvaluation>('POST', `${plan(planId)}/evaluations`, { body: { plannedOn } }),
  evaluationHeld: (planId: string, evaluationId: string, body: EvaluationHeld) =>
    request<{ evaluation: PlanEvaluation; version: number }>(
      'POST',
      `${plan(planId)}/evaluations/${id(evaluationId)}/held`,
      { body },
    ),
  worklist: (signal?: AbortSignal) => request<PlanWorklist>('GET', '/api/v1/plan-worklist', { signal }),

  breakGlass: (planId: string, reason: string) =>
    request<BreakGlass>('POST', `${plan(planId)}/break-glass`, { body: { reason } }),
  breakGlassList: (params: { reviewed?: boolean; page?: number }, signal?: AbortSignal) =>
    request<{ items: BreakGlassItem[]; page: number; pageSize: number; total: number }>(
      'GET',
      `/api/v1/break-glass${query({ reviewed: params.reviewed === undefined ? undefined : String(params.reviewed), page: params.page })}`,
      { signal },
    ),
  reviewBreakGlass: (breakGlassId: string, note: string) =>
    request<unknown>('POST', `/api/v1/break-glass/${id(breakGlassId)}/review`, { body: { note } }),

  timeline: (planId: string, signal?: AbortSignal) =>
    request<{ items: TimelineEvent[] }>('GET', `${plan(planId)}/timeline`, { signal }),
  messages: (planId: string, signal?: AbortSignal) =>
    request<{ items: PlanMessage[]; unread: number }>('GET', `${plan(planId)}/messages`, { signal }),
  sendMessage: (planId: string, body: { body: string; documentId?: string }) =>
    request<PlanMessage>('POST', `${plan(planId)}/messages`, { body }),
  documents: (planId: string, signal?: AbortSignal) =>
    request<{ items: PlanDocument[] }>('GET', `${plan(planId)}/documents`, { signal }),
  /** `csrfToken`: the session's (useCurrentSession().csrfToken); the raw body cannot go through request(). */
  uploadDocument: (planId: string, file: File, csrfToken: string) =>
    upload<PlanDocument>(`${plan(planId)}/documents`, file, csrfToken),
  pdfUrl: (planId: string) => `${plan(planId)}/pdf`,
  documentUrl: (documentId: string) => `/api/v1/documents/${id(documentId)}`,

  notifications: (signal?: AbortSignal, params: { unread?: boolean; page?: number } = {}) =>
    request<{ items: Notification[]; unreadCount: number; page: number; pageSize: number; total: number }>(
      'GET',
      `/api/v1/notifications${query({ unread: params.unread === undefined ? undefined : String(params.unread), page: params.page })}`,
      { signal },
    ),
  readNotification: (notificationId: string) =>
    request<unknown>('POST', `/api/v1/notifications/${id(notificationId)}/read`, { body: {} }),

  /**
   * The catalogue to link services from. GET /api/v1/services (every kind and law) is asked for in the
   * contract's discussion; until it exists, the algemene voorzieningen are what can be offered.
   */
  services: async (signal?: AbortSignal): Promise<CatalogueService[]> => {
    try {
      const { data } = await request<{ items: CatalogueService[] }>('GET', '/api/v1/services', { signal });
      return data.items;
    } catch (error) {
      if (!(error instanceof ApiError) || (error.status !== 404 && error.status !== 405)) throw error;
      const { data } = await request<{ items: (CatalogueService & { kind?: string })[] }>(
        'GET',
        '/api/v1/services/algemene-voorzieningen',
        { signal },
      );
      return data.items.map((s) => ({ ...s, kind: 'algemeen' as const }));
    }
  },

  portalPlan: (signal?: AbortSignal) => request<PortalPlan>('GET', '/api/v1/portal/plan', { signal }),
  portalAgreement: (n: number, body: { agreement: Agreement; note?: string }) =>
    request<unknown>('POST', `/api/v1/portal/plan/versions/${id(n)}/agreement`, { body }),
  portalPdfUrl: () => '/api/v1/portal/plan/pdf',
  portalMessages: (signal?: AbortSignal) =>
    request<{ items: PlanMessage[]; unread: number }>('GET', '/api/v1/portal/plan/messages', { signal }),
  portalSendMessage: (body: { body: string; documentId?: string }) =>
    request<PlanMessage>('POST', '/api/v1/portal/plan/messages', { body }),
  portalUploadDocument: (file: File, csrfToken: string) =>
    upload<PlanDocument>('/api/v1/portal/plan/documents', file, csrfToken),
  portalDocumentUrl: (documentId: string) => `/api/v1/portal/documents/${id(documentId)}`,
};

/** A stale If-Match: someone else saved the plan in between. */
export const isConflict = (error: unknown) => error instanceof ApiError && error.status === 412;

/** The resident or professional is not involved in this plan: the way out is breaking the glass. */
export const isNotInvolved = (error: unknown) =>
  error instanceof ApiError && error.status === 403 && error.code === 'plan-not-involved';

// Portal, plan list, break glass, notifications (H4)

/** The resident's list of their plan's documents (GET /api/v1/portal/plan/documents), newest first. */
export const portalDocuments = (signal?: AbortSignal) =>
  request<{ items: PlanDocument[] }>('GET', '/api/v1/portal/plan/documents', { signal });
