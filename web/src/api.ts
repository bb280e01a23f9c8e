/**
 * The Grip API as the web app uses it: same-origin fetch with the session cookie, the CSRF token on every
 * write, and RFC 9457 problem details turned into an ApiError that forms can show per field.
 */

export type Role =
  | 'toegang-medewerker'
  | 'wijkteam-medewerker'
  | 'regisseur'
  | 'beleidsadviseur'
  | 'functioneel-beheerder'
  | 'privacy-officer'
  | 'aanbieder'
  | 'inwoner';

export const ROLES: readonly Role[] = [
  'toegang-medewerker',
  'wijkteam-medewerker',
  'regisseur',
  'beleidsadviseur',
  'functioneel-beheerder',
  'privacy-officer',
  'aanbieder',
  'inwoner',
];

export interface RoleAssignment {
  role: Role;
  teamId: string | null;
  wijkCode: string | null;
}

export interface Session {
  userId: string;
  municipalityCode: string;
  username: string;
  displayName: string;
  authMethod: 'local' | 'oidc';
  roles: RoleAssignment[];
  csrfToken: string;
}

export interface Municipality {
  code: string;
  name: string;
}

export interface LoginOptions {
  defaultMunicipality: string;
  /** True when log-in through the municipality's identity provider (OpenID Connect) is configured. */
  oidc: boolean;
  oidcMunicipality: string | null;
}

export interface Person {
  id: string;
  bsn: string;
  givenNames: string;
  familyNamePrefix: string | null;
  familyName: string;
  birthDate: string;
  isSynthetic: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface PersonPage {
  items: Person[];
  page: number;
  pageSize: number;
  total: number;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  active: boolean;
  isDemo: boolean;
  /** Role aanbieder: the care provider the account works for. */
  providerId: string | null;
  locked: boolean;
  roles: RoleAssignment[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type Outcome = 'success' | 'denied' | 'error';

export interface LogEntry {
  id: string;
  occurredAt: string;
  requestId: string;
  actorUserId: string | null;
  actorRole: string | null;
  action: string;
  purpose: string;
  legalGround: string;
  subjectType: string | null;
  subjectIds: string[];
  outcome: Outcome;
  httpStatus: number | null;
}

export interface LogPage {
  items: LogEntry[];
  nextBefore: string | null;
}

export interface Bilingual {
  nl: string;
  en: string;
}

export interface FieldProblem {
  /** The field, e.g. "bsn" or "roles.0.role" (body fields carry no prefix; query fields start with "query."). */
  name: string;
  code: string;
  nl: string;
  en: string;
}

/** A failed API call. status 0 means the server could not be reached. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: Bilingual | null;
  readonly detail: Bilingual | null;
  readonly fields: FieldProblem[];

  constructor(
    status: number,
    code: string,
    title: Bilingual | null,
    detail: Bilingual | null,
    fields: FieldProblem[],
  ) {
    super(detail?.en ?? `${status} ${code}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.title = title;
    this.detail = detail;
    this.fields = fields;
  }
}

let csrfToken: string | null = null;
let onSessionLost: ((code: string) => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when an API call answers 401 (session gone or expired) while the user thought they were logged in. */
export function setSessionLostHandler(handler: ((code: string) => void) | null): void {
  onSessionLost = handler;
}

interface RequestOptions {
  body?: unknown;
  ifMatch?: string | number;
  signal?: AbortSignal;
  /** false: a 401 is an expected answer (log-in, "who am I") and does not end the session in the app. */
  sessionRequired?: boolean;
  /** Extra headers, e.g. X-Resume-Token or Idempotency-Key of the online intake. */
  headers?: Record<string, string>;
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  etag: string | null;
}

function asBilingual(value: unknown): Bilingual | null {
  if (value && typeof value === 'object') {
    const { nl, en } = value as Record<string, unknown>;
    if (typeof nl === 'string' && typeof en === 'string') return { nl, en };
  }
  return null;
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy error page, for example): keep the status only.
  }
  const nlPart = body.nl as Record<string, unknown> | undefined;
  const enPart = body.en as Record<string, unknown> | undefined;
  const title = asBilingual({ nl: nlPart?.title, en: enPart?.title });
  const detail = asBilingual({ nl: nlPart?.detail, en: enPart?.detail });
  const fields: FieldProblem[] = Array.isArray(body.invalidParams)
    ? (body.invalidParams as Record<string, unknown>[]).map((p) => ({
        name: String(p.name ?? ''),
        code: String(p.code ?? ''),
        nl: String(p.nl ?? p.reason ?? ''),
        en: String(p.en ?? p.reason ?? ''),
      }))
    : [];
  const code = typeof body.code === 'string' ? body.code : `http-${response.status}`;
  return new ApiError(response.status, code, title, detail, fields);
}

export async function request<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network-error', null, null, []);
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (error.status === 401 && options.sessionRequired !== false) onSessionLost?.(error.code);
    throw error;
  }
  const etagHeader = response.headers.get('ETag');
  const etag = etagHeader ? etagHeader.replace(/^W\//, '').replace(/"/g, '') : null;
  const data = response.status === 204 ? (undefined as T) : ((await response.json()) as T);
  return { data, status: response.status, etag };
}

export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const api = {
  municipalities: () =>
    request<{ items: Municipality[] }>('GET', '/api/v1/municipalities', { sessionRequired: false }),
  loginOptions: () => request<LoginOptions>('GET', '/api/v1/login-options', { sessionRequired: false }),
  login: (body: { municipalityCode?: string; username: string; password: string }) =>
    request<Session>('POST', '/api/v1/session', { body, sessionRequired: false }),
  session: () => request<Session>('GET', '/api/v1/session', { sessionRequired: false }),
  logout: () => request<void>('DELETE', '/api/v1/session', { sessionRequired: false }),

  listPersons: (
    params: { familyName?: string; birthDate?: string; page?: number; pageSize?: number },
    signal?: AbortSignal,
  ) => request<PersonPage>('GET', `/api/v1/persons${query(params)}`, { signal }),
  searchPersonByBsn: (bsn: string) =>
    request<{ items: Person[] }>('POST', '/api/v1/persons/_search', { body: { bsn } }),
  getPerson: (id: string, signal?: AbortSignal) =>
    request<Person>('GET', `/api/v1/persons/${encodeURIComponent(id)}`, { signal }),
  createPerson: (body: {
    bsn: string;
    givenNames: string;
    familyNamePrefix: string | null;
    familyName: string;
    birthDate: string;
  }) => request<Person>('POST', '/api/v1/persons', { body }),
  updatePerson: (
    id: string,
    version: number,
    body: Partial<Pick<Person, 'givenNames' | 'familyNamePrefix' | 'familyName' | 'birthDate'>>,
  ) => request<Person>('PATCH', `/api/v1/persons/${encodeURIComponent(id)}`, { body, ifMatch: version }),

  /** One page of care providers by name (for linking an aanbieder account). */
  providers: (page: number, signal?: AbortSignal) =>
    request<{ items: { id: string; name: string; agbCode: string | null }[]; total: number; page: number }>(
      'GET',
      `/api/v1/providers?pageSize=200&page=${page}`,
      { signal },
    ),
  listUsers: (signal?: AbortSignal) => request<{ items: User[] }>('GET', '/api/v1/users', { signal }),
  createUser: (body: {
    username: string;
    displayName: string;
    email: string | null;
    password?: string;
    oidcSubject?: string;
    roles: RoleAssignment[];
    providerId: string | null;
  }) => request<User>('POST', '/api/v1/users', { body }),
  updateUser: (
    id: string,
    version: number,
    body: {
      displayName?: string;
      email?: string | null;
      active?: boolean;
      unlock?: true;
      roles?: RoleAssignment[];
      providerId?: string | null;
    },
  ) => request<User>('PATCH', `/api/v1/users/${encodeURIComponent(id)}`, { body, ifMatch: version }),

  processingLog: (
    params: {
      subjectId?: string;
      actorUserId?: string;
      action?: string;
      outcome?: string;
      from?: string;
      to?: string;
      before?: string;
      limit?: number;
    },
    signal?: AbortSignal,
  ) => request<LogPage>('GET', `/api/v1/processing-log${query(params)}`, { signal }),
};
