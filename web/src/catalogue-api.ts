/**
 * The catalogue, providers, contracts, quality checks, incidents, fraud register (docs/api/services.md),
 * the costs (docs/api/decisions.md) and the wijk outlines (areas) as the web app uses them. Money is integer
 * eurocent; dates are YYYY-MM-DD.
 */
import { ApiError, query, request, type ApiResponse, type Role } from './api.ts';

/** Who sees which screen; mirrors src/access/catalogue-actions.ts and decision-actions.ts (the API decides). */
export const CATALOGUE_ADMIN_ROLES: Role[] = ['functioneel-beheerder'];
export const CATALOGUE_READ_ROLES: Role[] = [
  'toegang-medewerker',
  'wijkteam-medewerker',
  'regisseur',
  'beleidsadviseur',
  'functioneel-beheerder',
  'privacy-officer',
];
export const CONTRACT_MANAGER_ROLES: Role[] = ['functioneel-beheerder', 'beleidsadviseur'];
export const PROVIDER_READ_ROLES: Role[] = [
  'toegang-medewerker',
  'wijkteam-medewerker',
  'regisseur',
  'beleidsadviseur',
  'functioneel-beheerder',
];
export const INCIDENT_REPORT_ROLES: Role[] = PROVIDER_READ_ROLES;
export const FRAUD_REGISTER_ROLES: Role[] = ['beleidsadviseur'];
export const FRAUD_REPORT_ROLES: Role[] = [
  'toegang-medewerker',
  'wijkteam-medewerker',
  'regisseur',
  'beleidsadviseur',
];
export const COSTS_ROLES: Role[] = ['beleidsadviseur'];

export const LAWS = ['wmo', 'jeugdwet', 'participatiewet', 'schuldhulp'] as const;
export type Law = (typeof LAWS)[number];
export const SERVICE_KINDS = ['algemeen', 'maatwerk'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];
export const DELIVERIES = ['individueel', 'collectief'] as const;
export type Delivery = (typeof DELIVERIES)[number];
export const FUNDING_VARIANTS = ['inspanningsgericht', 'outputgericht', 'taakgericht'] as const;
export type FundingVariant = (typeof FUNDING_VARIANTS)[number];
export const CAPACITY_UNITS = [
  'plaatsen',
  'clienten-per-week',
  'uren-per-week',
  'dagdelen-per-week',
] as const;
export type CapacityUnit = (typeof CAPACITY_UNITS)[number];
export const CONTRACT_STATUSES = ['in-voorbereiding', 'actief', 'opgeschort', 'beeindigd'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export const CHECK_ITEMS = [
  'kvk-uittreksel',
  'ubo-eigendom',
  'vog-bestuurders',
  'verklaring-belastingdienst',
  'jaarrekening',
  'kwaliteitskeurmerk',
  'klachtenregeling',
  'meldcode-huiselijk-geweld',
  'skj-big-registratie',
  'referenties',
  'audit',
  'steekproef-dossiers',
  'clientervaring',
] as const;
export type CheckItem = (typeof CHECK_ITEMS)[number];
export const CHECK_OUTCOMES = ['voldaan', 'niet-voldaan', 'niet-van-toepassing', 'open'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];
export const CHECK_PHASES = ['voor-contractering', 'tijdens-contract'] as const;
export type CheckPhase = (typeof CHECK_PHASES)[number];
export type ChecklistState = CheckOutcome | 'ontbreekt';
export const INCIDENT_KINDS = ['calamiteit', 'incident', 'klacht', 'auditbevinding'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export const INCIDENT_STATUSES = ['gemeld', 'in-onderzoek', 'afgehandeld'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const FRAUD_SOURCES = [
  'declaratiecontrole',
  'melding-client',
  'melding-medewerker',
  'signaal-ketenpartner',
  'audit',
] as const;
export type FraudSource = (typeof FRAUD_SOURCES)[number];
export const FRAUD_STATUSES = ['gemeld', 'in-onderzoek', 'maatregel', 'ongegrond', 'afgesloten'] as const;
export type FraudStatus = (typeof FRAUD_STATUSES)[number];
export const COST_GROUPS = ['service', 'provider', 'law', 'wijk'] as const;
export type CostGroup = (typeof COST_GROUPS)[number];

export interface Bilingual {
  nl: string;
  en: string;
}

export interface Service {
  id: string;
  code: string;
  name: string;
  description: string;
  kind: ServiceKind;
  delivery: Delivery;
  lawCode: Law;
  productCategoryCode: string | null;
  productCode: string | null;
  unitCode: string | null;
  frequencyCode: string | null;
  fundingVariant: FundingVariant | null;
  targetGroup: string;
  minAge: number | null;
  maxAge: number | null;
  active: boolean;
  version: number;
}

export type ServiceInput = Omit<Service, 'id' | 'code' | 'active' | 'version'>;

export interface Tariff {
  id: string;
  serviceId: string;
  validFromDate: string;
  validUntilDate: string | null;
  tariffCents: number;
  unitCode: string;
  version: number;
}

export interface ServiceLocation {
  id: string;
  serviceId: string;
  name: string;
  buurtCode: string;
  buurtName: string;
  wijkCode: string;
  wijkName: string;
  streetAddress: string | null;
  longitude: number | null;
  latitude: number | null;
  capacity: number | null;
  capacityUnit: CapacityUnit | null;
  openingHours: string | null;
  providerId: string | null;
  version: number;
}

export interface LocationInput {
  name: string;
  buurtCode: string;
  streetAddress: string | null;
  longitude?: number | null;
  latitude?: number | null;
  capacity: number | null;
  capacityUnit: CapacityUnit | null;
  openingHours: string | null;
  providerId?: string | null;
}

export interface ServiceProviderLine {
  providerId: string;
  providerName: string;
  contractId: string;
  contractReference: string;
  contractStatus: string;
  validFromDate: string;
  validUntilDate: string | null;
  tariffCents: number;
}

export interface ServiceDetail extends Service {
  productCategoryName: string | null;
  tariffs: Tariff[];
  locations: ServiceLocation[];
  providers: ServiceProviderLine[];
}

export interface Provider {
  id: string;
  name: string;
  kvkNumber: string | null;
  agbCode: string | null;
  city: string | null;
  isSynthetic: boolean;
  version: number;
}

export interface ProviderInput {
  name: string;
  kvkNumber: string;
  agbCode: string | null;
  city: string | null;
}

export interface ContractSummary {
  id: string;
  reference: string;
  lot: string;
  fundingVariant: FundingVariant;
  status: ContractStatus;
  validFromDate: string;
  validUntilDate: string | null;
}

export interface ProviderDetail extends Provider {
  contracts: ContractSummary[];
  services: { serviceId: string; code: string; name: string; lawCode: string }[];
}

export interface ContractProduct {
  id: string;
  contractId: string;
  serviceId: string;
  serviceCode: string;
  serviceName: string;
  lawCode: string;
  validFromDate: string;
  validUntilDate: string | null;
  tariffCents: number;
  unitCode: string;
  version: number;
}

export interface Contract {
  id: string;
  providerId: string;
  providerName: string;
  reference: string;
  lot: string;
  fundingVariant: FundingVariant;
  fundingDescription: Bilingual;
  validFromDate: string;
  validUntilDate: string | null;
  regionCode: string | null;
  lumpSumCentsPerMonth: number | null;
  status: ContractStatus;
  statusChangedAt: string | null;
  version: number;
  products: ContractProduct[];
}

export interface ContractCreate {
  providerId: string;
  reference: string;
  lot: string;
  fundingVariant: FundingVariant;
  validFromDate: string;
  validUntilDate: string | null;
  regionCode: string | null;
  lumpSumCentsPerMonth: number | null;
}

export interface QualityCheck {
  id: string;
  providerId: string;
  phase: CheckPhase;
  item: CheckItem;
  outcome: CheckOutcome;
  checkedDate: string;
  notes: string;
  recordedBy: string | null;
  recordedAt: string;
}

export interface ChecklistLine {
  item: CheckItem;
  label: Bilingual;
  required: boolean;
  state: ChecklistState;
  checkedDate: string | null;
  blocks: boolean;
}

export interface QualityChecks {
  checks: QualityCheck[];
  checklist: { jeugdwet: boolean; complete: boolean; lines: ChecklistLine[] };
}

export interface FollowUpAction {
  id: string;
  actionDate: string;
  description: string;
  statusAfter: string;
  recordedBy: string;
  recordedAt: string;
}

export interface Incident {
  id: string;
  providerId: string;
  providerName: string;
  kind: IncidentKind;
  occurredDate: string;
  reportedDate: string;
  summary: string;
  status: IncidentStatus;
  closedDate: string | null;
  version: number;
  actions?: FollowUpAction[];
}

export interface FraudSuspicion {
  id: string;
  providerId: string;
  providerName: string;
  reportedDate: string;
  source: FraudSource;
  summary: string;
  status: FraudStatus;
  followUp: string;
  closedDate: string | null;
  reportedBy: string | null;
  version: number;
  actions?: FollowUpAction[];
}

export interface CostCell {
  month: string;
  key: string;
  label: string;
  fundingVariant: FundingVariant;
  clients: number | null;
  commitmentCents: number | null;
  realisationCents: number | null;
  lumpSumCents: number | null;
  suppressed: boolean;
}

export interface Costs {
  groupBy: CostGroup;
  fromMonth: string;
  toMonth: string;
  threshold: number;
  cells: CostCell[];
  totals: { commitmentCents: number; realisationCents: number; lumpSumCents: number };
}

export interface NearLocation {
  id: string;
  name: string;
  buurtCode: string;
  wijkCode: string;
  wijkName: string;
  streetAddress: string | null;
  openingHours: string | null;
  longitude: number | null;
  latitude: number | null;
  capacity: number | null;
  capacityUnit: string | null;
  distanceKm: number | null;
  inOriginWijk: boolean;
}

export interface NearService {
  id: string;
  code: string;
  name: string;
  description: string;
  lawCode: string;
  delivery: Delivery;
  targetGroup: string;
  minAge: number | null;
  maxAge: number | null;
  inOriginWijk: boolean;
  nearestDistanceKm: number | null;
  locations: NearLocation[];
}

export interface NearResult {
  origin: {
    resolvedFrom: 'buurt' | 'wijk' | 'postcode' | 'postcode-area' | 'address';
    buurtCode: string | null;
    wijkCode: string;
    wijkName: string;
  } | null;
  items: NearService[];
}

export interface NearQuery {
  municipality?: string;
  postcode?: string;
  houseNumber?: string;
  wijkCode?: string;
  buurtCode?: string;
  lawCode?: string;
}

export type Position = [number, number];
export type AreaGeometry =
  { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };

export interface WijkFeatures {
  type: 'FeatureCollection';
  attribution: string;
  features: {
    type: 'Feature';
    id: string;
    geometry: AreaGeometry;
    properties: { code: string; name: string; centroid: Position };
  }[];
}

export interface PointFeatures {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id: string;
    geometry: { type: 'Point'; coordinates: number[] };
    properties: Record<string, unknown>;
  }[];
}

/**
 * Some checks of these routes name their field "body.x" where the schema checks say "x": one form of the
 * name for the forms (see fieldErrorsFrom in hooks.ts).
 */
function plainFields(error: unknown): unknown {
  if (!(error instanceof ApiError) || !error.fields.some((f) => f.name.startsWith('body.'))) return error;
  return new ApiError(
    error.status,
    error.code,
    error.title,
    error.detail,
    error.fields.map((f) => ({ ...f, name: f.name.replace(/^body\./, '') })),
  );
}

async function call<T>(
  method: string,
  path: string,
  options: Parameters<typeof request>[2] = {},
): Promise<ApiResponse<T>> {
  try {
    return await request<T>(method, path, options);
  } catch (error) {
    throw plainFields(error);
  }
}

const id = encodeURIComponent;

export const catalogueApi = {
  listServices: (params: { kind?: string; lawCode?: string; active?: string }, signal?: AbortSignal) =>
    call<{ items: Service[] }>('GET', `/api/v1/services${query(params)}`, { signal }),
  getService: (serviceId: string, signal?: AbortSignal) =>
    call<ServiceDetail>('GET', `/api/v1/services/${id(serviceId)}`, { signal }),
  createService: (body: ServiceInput & { code: string }) =>
    call<Service>('POST', '/api/v1/services', { body }),
  updateService: (serviceId: string, version: number, body: ServiceInput) =>
    call<Service>('PUT', `/api/v1/services/${id(serviceId)}`, { body, ifMatch: version }),
  setServiceActive: (serviceId: string, version: number, active: boolean) =>
    call<Service>('PUT', `/api/v1/services/${id(serviceId)}/active`, { body: { active }, ifMatch: version }),
  createTariff: (
    serviceId: string,
    body: { validFromDate: string; validUntilDate: string | null; tariffCents: number; unitCode?: string },
  ) => call<Tariff>('POST', `/api/v1/services/${id(serviceId)}/tariffs`, { body }),
  updateTariff: (
    serviceId: string,
    tariffId: string,
    version: number,
    body: { validFromDate: string; validUntilDate: string | null; tariffCents: number },
  ) =>
    call<Tariff>('PUT', `/api/v1/services/${id(serviceId)}/tariffs/${id(tariffId)}`, {
      body,
      ifMatch: version,
    }),
  createLocation: (serviceId: string, body: LocationInput) =>
    call<ServiceLocation>('POST', `/api/v1/services/${id(serviceId)}/locations`, { body }),
  updateLocation: (locationId: string, version: number, body: LocationInput) =>
    call<ServiceLocation>('PUT', `/api/v1/service-locations/${id(locationId)}`, { body, ifMatch: version }),
  deleteLocation: (locationId: string, version: number) =>
    call<void>('DELETE', `/api/v1/service-locations/${id(locationId)}`, { ifMatch: version }),

  listProviders: (params: { q?: string; page?: number; pageSize?: number }, signal?: AbortSignal) =>
    call<{ items: Provider[]; total: number; page: number }>('GET', `/api/v1/providers${query(params)}`, {
      signal,
    }),
  getProvider: (providerId: string, signal?: AbortSignal) =>
    call<ProviderDetail>('GET', `/api/v1/providers/${id(providerId)}`, { signal }),
  createProvider: (body: ProviderInput) => call<Provider>('POST', '/api/v1/providers', { body }),
  updateProvider: (providerId: string, version: number, body: ProviderInput) =>
    call<Provider>('PUT', `/api/v1/providers/${id(providerId)}`, { body, ifMatch: version }),

  listContracts: (
    params: { providerId?: string; status?: string; serviceId?: string },
    signal?: AbortSignal,
  ) =>
    call<{ items: (ContractSummary & { providerId: string; providerName: string })[] }>(
      'GET',
      `/api/v1/contracts${query(params)}`,
      { signal },
    ),
  getContract: (contractId: string, signal?: AbortSignal) =>
    call<Contract>('GET', `/api/v1/contracts/${id(contractId)}`, { signal }),
  createContract: (body: ContractCreate) => call<Contract>('POST', '/api/v1/contracts', { body }),
  setContractStatus: (contractId: string, version: number, status: 'actief' | 'opgeschort' | 'beeindigd') =>
    call<Contract>('POST', `/api/v1/contracts/${id(contractId)}/status`, {
      body: { status },
      ifMatch: version,
    }),
  addContractProduct: (
    contractId: string,
    body: { serviceId: string; validFromDate: string; validUntilDate: string | null; tariffCents: number },
  ) => call<ContractProduct>('POST', `/api/v1/contracts/${id(contractId)}/products`, { body }),
  updateContractProduct: (
    productId: string,
    version: number,
    body: { validFromDate: string; validUntilDate: string | null; tariffCents: number },
  ) => call<ContractProduct>('PUT', `/api/v1/contract-products/${id(productId)}`, { body, ifMatch: version }),

  qualityChecks: (providerId: string, signal?: AbortSignal) =>
    call<QualityChecks>('GET', `/api/v1/providers/${id(providerId)}/quality-checks`, { signal }),
  recordQualityCheck: (
    providerId: string,
    body: { phase: CheckPhase; item: CheckItem; outcome: CheckOutcome; checkedDate: string; notes: string },
  ) =>
    call<QualityCheck & { incidentId: string | null }>(
      'POST',
      `/api/v1/providers/${id(providerId)}/quality-checks`,
      {
        body,
      },
    ),

  listIncidents: (params: { providerId?: string; status?: string; kind?: string }, signal?: AbortSignal) =>
    call<{ items: Incident[] }>('GET', `/api/v1/provider-incidents${query(params)}`, { signal }),
  getIncident: (incidentId: string, signal?: AbortSignal) =>
    call<Incident>('GET', `/api/v1/provider-incidents/${id(incidentId)}`, { signal }),
  reportIncident: (providerId: string, body: { kind: IncidentKind; occurredDate: string; summary: string }) =>
    call<Incident>('POST', `/api/v1/providers/${id(providerId)}/incidents`, { body }),
  followUpIncident: (
    incidentId: string,
    version: number,
    body: { actionDate: string; description: string; status: IncidentStatus },
  ) =>
    call<Incident>('POST', `/api/v1/provider-incidents/${id(incidentId)}/actions`, {
      body,
      ifMatch: version,
    }),

  listFraud: (params: { providerId?: string; status?: string; open?: string }, signal?: AbortSignal) =>
    call<{ items: FraudSuspicion[] }>('GET', `/api/v1/fraud-suspicions${query(params)}`, { signal }),
  getFraud: (fraudId: string, signal?: AbortSignal) =>
    call<FraudSuspicion>('GET', `/api/v1/fraud-suspicions/${id(fraudId)}`, { signal }),
  reportFraud: (body: { providerId: string; source: FraudSource; summary: string }) =>
    call<FraudSuspicion>('POST', '/api/v1/fraud-suspicions', { body }),
  followUpFraud: (
    fraudId: string,
    version: number,
    body: { actionDate: string; description: string; status: FraudStatus },
  ) =>
    call<FraudSuspicion>('POST', `/api/v1/fraud-suspicions/${id(fraudId)}/actions`, {
      body,
      ifMatch: version,
    }),

  costs: (
    params: { groupBy: CostGroup; fromMonth: string; toMonth: string; lawCode?: string },
    signal?: AbortSignal,
  ) => call<Costs>('GET', `/api/v1/costs${query(params)}`, { signal }),

  /** Public: without a session the municipality is required. */
  nearby: (params: NearQuery, signal?: AbortSignal) =>
    call<NearResult>('GET', `/api/v1/algemene-voorzieningen${query({ ...params })}`, {
      signal,
      sessionRequired: false,
    }),
  nearbyMap: (params: NearQuery, signal?: AbortSignal) =>
    call<PointFeatures>('GET', `/api/v1/algemene-voorzieningen/map${query({ ...params })}`, {
      signal,
      sessionRequired: false,
    }),
  buurten: (signal?: AbortSignal) =>
    call<{ items: { code: string; name: string; wijkCode: string }[] }>('GET', '/api/v1/buurten', { signal }),
  wijkGeometry: (signal?: AbortSignal) =>
    call<WijkFeatures>('GET', '/api/v1/wijken/geojson', { signal, sessionRequired: false }),
};

/** 1234567 eurocent as "€ 12.345,67" (Dutch) or "€12,345.67" (English). */
export function formatCents(cents: number, lang: 'nl' | 'en'): string {
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
  }).format(cents / 100);
}

/** "12,50" or "12.50" or "12" typed as euros → eurocent; null when it is not an amount. */
export function parseEuros(text: string): number | null {
  const value = text.trim().replace(/^€\s*/, '').replace(/\s/g, '');
  if (!/^\d{1,9}([.,]\d{1,2})?$/.test(value)) return null;
  const [whole, fraction = ''] = value.split(/[.,]/) as [string, string?];
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}
