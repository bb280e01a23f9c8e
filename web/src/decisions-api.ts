/**
 * The decisions API (docs/api/decisions.md) as the web app uses it: beschikkingen and their decision
 * letter, toewijzingen (create, change, end), care delivery (start and stop), declarations; and the bits
 * of the catalogue and contracts API (docs/api/services.md) the allocation form needs to offer only
 * contracted providers. Plus the code lists of the iWmo/iJw 3.2 standard the forms choose from.
 */
import { query, request, type Role } from './api.ts';

/** Who decides and allocates (the caseworkers) and who delivers and declares (provider staff). */
export const DECISION_ROLES: Role[] = ['toegang-medewerker', 'wijkteam-medewerker', 'regisseur'];
export const PROVIDER_ROLES: Role[] = ['aanbieder'];
export const ALLOCATION_READER_ROLES: Role[] = [...DECISION_ROLES, ...PROVIDER_ROLES];

export type LawCode = 'wmo' | 'jeugdwet' | 'participatiewet' | 'schuldhulp';
export type ProductOutcome = 'toegekend' | 'afgewezen';
export type BeschikkingOutcome = 'toegekend' | 'gedeeltelijk-toegekend' | 'afgewezen';
export type ToewijzingStatus = 'actief' | 'gewijzigd' | 'beeindigd' | 'ingetrokken';

export interface BeschikkingProduct {
  id: string;
  serviceId: string;
  serviceName: string;
  productCategoryCode: string | null;
  productCode: string | null;
  outcome: ProductOutcome;
  grounds: string;
  startDate: string | null;
  endDate: string | null;
  volume: number | null;
  unitCode: string | null;
  frequencyCode: string | null;
}

export interface Beschikking {
  id: string;
  reference: string;
  meldingId: string | null;
  personId: string;
  lawCode: string;
  decidedDate: string;
  outcome: BeschikkingOutcome;
  legalGrounds: string;
  objectionDeadlineDate: string;
  products: BeschikkingProduct[];
}

export interface BeschikkingProductInput {
  serviceId: string;
  outcome: ProductOutcome;
  grounds: string;
  startDate?: string;
  endDate?: string;
  volume?: number;
  frequencyCode?: string;
  requestedVolume?: number;
}

export interface BeschikkingInput {
  meldingId: string;
  decidedDate: string;
  legalGrounds: string;
  products: BeschikkingProductInput[];
}

export interface Delivery {
  startDate: string;
  stopDate: string | null;
  stopReasonCode: string | null;
}

export interface ToewijzingChange {
  kind: 'gewijzigd' | 'beeindigd' | 'ingetrokken';
  reasonCode: string;
  previousEndDate: string | null;
  previousVolume: number | null;
  previousBudgetCents: number | null;
  changedAt: string;
}

export interface Toewijzing {
  id: string;
  toewijzingNumber: number;
  beschikkingProductId: string | null;
  referrerTypeCode: string | null;
  client: { personId: string; bsn: string | null; name: string; birthDate: string };
  providerId: string;
  providerName: string;
  contractId: string;
  serviceId: string;
  serviceName: string;
  lawCode: string;
  productCategoryCode: string | null;
  productCode: string | null;
  startDate: string;
  endDate: string | null;
  volume: number | null;
  unitCode: string | null;
  frequencyCode: string | null;
  budgetCents: number | null;
  commitmentCents: number;
  status: ToewijzingStatus;
  changeReasonCode: string | null;
  endReasonCode: string | null;
  version: number;
  deliveries: Delivery[];
  changes: ToewijzingChange[];
}

export interface ToewijzingInput {
  beschikkingProductId: string;
  contractId: string;
  startDate: string;
  endDate: string;
  volume?: number;
  frequencyCode?: string;
  budgetCents?: number;
}

export interface DeclarationLineInput {
  toewijzingNumber: number;
  periodStartDate: string;
  periodEndDate: string;
  volume: number;
  unitCode: string;
  tariffCents: number;
  amountCents: number;
  productCategoryCode?: string;
  productCode?: string;
  reference?: string;
}

export interface DeclarationInput {
  declarationNumber: string;
  lawCode: 'wmo' | 'jeugdwet';
  periodStartDate: string;
  periodEndDate: string;
  lines: DeclarationLineInput[];
}

export interface DeclarationLine {
  id: number;
  toewijzingId: string;
  toewijzingNumber: number;
  periodStartDate: string;
  periodEndDate: string;
  volume: number;
  unitCode: string;
  tariffCents: number;
  amountCents: number;
  reference: string | null;
  status: 'geaccepteerd' | 'afgewezen';
  rejectionCode: string | null;
  rejectionReason: string | null;
}

export interface UnknownLine {
  index: number;
  toewijzingNumber: number;
  rejectionCode: string;
  reason: { nl: string; en: string };
}

export interface DeclarationSummary {
  id: string;
  providerId: string;
  declarationNumber: string;
  lawCode: string;
  periodStartDate: string;
  periodEndDate: string;
  submittedAt: string;
  totalCents: number;
  acceptedCents: number;
  status: 'ingediend' | 'verwerkt';
}

export interface Declaration extends DeclarationSummary {
  lines: DeclarationLine[];
  unknownLines: UnknownLine[];
}

export interface CatalogueService {
  id: string;
  code: string;
  name: string;
  description: string;
  kind: 'algemeen' | 'maatwerk';
  lawCode: string;
  productCategoryCode: string | null;
  productCode: string | null;
  unitCode: string | null;
  frequencyCode: string | null;
  active: boolean;
}

export interface ContractSummary {
  id: string;
  reference: string;
  lot: string;
  fundingVariant: string;
  status: string;
  validFromDate: string;
  validUntilDate: string | null;
  providerId: string;
  providerName: string;
}

export interface ContractProduct {
  id: string;
  serviceId: string;
  validFromDate: string;
  validUntilDate: string | null;
  tariffCents: number;
  unitCode: string;
}

export interface Contract extends ContractSummary {
  products: ContractProduct[];
}

/** A contracted provider that can take an allocation: the contract and its tariff on the start date. */
export interface ContractOffer {
  contract: ContractSummary;
  tariffCents: number;
  unitCode: string;
}

const id = (value: string) => encodeURIComponent(value);

export const decisionsApi = {
  services: (lawCode: string, signal?: AbortSignal) =>
    request<{ items: CatalogueService[] }>('GET', `/api/v1/services${query({ kind: 'maatwerk', lawCode })}`, {
      signal,
    }),
  contracts: (serviceId: string, signal?: AbortSignal) =>
    request<{ items: ContractSummary[] }>(
      'GET',
      `/api/v1/contracts${query({ serviceId, status: 'actief' })}`,
      { signal },
    ),
  contract: (contractId: string, signal?: AbortSignal) =>
    request<Contract>('GET', `/api/v1/contracts/${id(contractId)}`, { signal }),

  createBeschikking: (body: BeschikkingInput) =>
    request<Beschikking>('POST', '/api/v1/beschikkingen', { body }),
  beschikkingen: (personId: string, signal?: AbortSignal) =>
    request<{ items: Beschikking[] }>('GET', `/api/v1/beschikkingen${query({ personId })}`, { signal }),
  beschikking: (beschikkingId: string, signal?: AbortSignal) =>
    request<Beschikking>('GET', `/api/v1/beschikkingen/${id(beschikkingId)}`, { signal }),
  letterUrl: (beschikkingId: string) => `/api/v1/beschikkingen/${id(beschikkingId)}/letter`,

  createToewijzing: (body: ToewijzingInput) => request<Toewijzing>('POST', '/api/v1/toewijzingen', { body }),
  toewijzingen: (
    params: { personId?: string; status?: ToewijzingStatus; limit?: number },
    signal?: AbortSignal,
  ) => request<{ items: Toewijzing[] }>('GET', `/api/v1/toewijzingen${query(params)}`, { signal }),
  toewijzing: (toewijzingId: string, signal?: AbortSignal) =>
    request<Toewijzing>('GET', `/api/v1/toewijzingen/${id(toewijzingId)}`, { signal }),
  changeToewijzing: (
    toewijzingId: string,
    version: number | string,
    body: { reasonCode: string; endDate?: string; volume?: number; budgetCents?: number },
  ) =>
    request<Toewijzing>('POST', `/api/v1/toewijzingen/${id(toewijzingId)}/changes`, {
      body,
      ifMatch: version,
    }),
  endToewijzing: (
    toewijzingId: string,
    version: number | string,
    body: { reasonCode: string; endDate: string },
  ) =>
    request<Toewijzing>('POST', `/api/v1/toewijzingen/${id(toewijzingId)}/end`, { body, ifMatch: version }),

  startDelivery: (toewijzingId: string, startDate: string) =>
    request<Toewijzing>('POST', `/api/v1/toewijzingen/${id(toewijzingId)}/delivery/start`, {
      body: { startDate },
    }),
  stopDelivery: (toewijzingId: string, body: { stopDate: string; reasonCode: string }) =>
    request<Toewijzing>('POST', `/api/v1/toewijzingen/${id(toewijzingId)}/delivery/stop`, { body }),

  createDeclaration: (body: DeclarationInput) =>
    request<Declaration>('POST', '/api/v1/declarations', { body }),
  declarations: (signal?: AbortSignal) =>
    request<{ items: DeclarationSummary[] }>('GET', '/api/v1/declarations', { signal }),
  declaration: (declarationId: string, signal?: AbortSignal) =>
    request<Declaration>('GET', `/api/v1/declarations/${id(declarationId)}`, { signal }),
};

/**
 * The contracts that can take an allocation of a product for a period: active, covering the whole
 * period, and with the product contracted on the start date (the server checks the same and has the last
 * word). Reads the details of at most `max` candidate contracts.
 */
export async function contractOffers(
  serviceId: string,
  startDate: string,
  endDate: string,
  signal?: AbortSignal,
  max = 40,
): Promise<ContractOffer[]> {
  const { data } = await decisionsApi.contracts(serviceId, signal);
  const candidates = data.items
    .filter(
      (c) =>
        c.status === 'actief' &&
        c.validFromDate <= startDate &&
        (c.validUntilDate === null || c.validUntilDate >= endDate),
    )
    .slice(0, max);
  const details = await Promise.all(candidates.map((c) => decisionsApi.contract(c.id, signal)));
  const offers: ContractOffer[] = [];
  for (const [i, { data: contract }] of details.entries()) {
    const product = contract.products.find(
      (p) =>
        p.serviceId === serviceId &&
        p.validFromDate <= startDate &&
        (p.validUntilDate === null || p.validUntilDate >= startDate),
    );
    if (product)
      offers.push({ contract: candidates[i]!, tariffCents: product.tariffCents, unitCode: product.unitCode });
  }
  return offers.sort((a, b) => a.contract.providerName.localeCompare(b.contract.providerName, 'nl'));
}

/** Code lists of the iWmo/iJw 3.2 standard (Basisschema.xsd, as stored in istandaard_code). */
export const UNIT_CODES = ['01', '04', '14', '16', '82', '83', '84'] as const;
export const FREQUENCY_CODES = ['1', '2', '4', '6'] as const;
/** RedenWijziging: the same list in iWmo and iJw; 01 is no longer to be used. */
export const CHANGE_REASON_CODES = [
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '11',
  '12',
  '13',
  '14',
] as const;
/** RedenBeeindiging differs between the two standards. */
export const END_REASON_CODES: Record<'wmo' | 'jeugdwet', readonly string[]> = {
  wmo: ['02', '19', '20', '21', '22', '23', '31', '36', '37', '38', '39'],
  jeugdwet: ['02', '20', '31', '32', '33', '34', '35', '36', '37', '38', '39'],
};
export const endReasonsFor = (lawCode: string): readonly string[] =>
  END_REASON_CODES[lawCode === 'jeugdwet' ? 'jeugdwet' : 'wmo'];

/** Euro amounts typed by people: "33,50", "€ 1.234,5", "12". Returns eurocent, or null. */
export function parseEuroInput(text: string): number | null {
  const value = text.replace(/[€\s]/g, '');
  if (!/^\d{1,3}(\.\d{3})*(,\d{1,2})?$|^\d+(,\d{1,2})?$|^\d+\.\d{1,2}$/.test(value)) return null;
  let normalised: string;
  if (/^\d+\.\d{1,2}$/.test(value)) normalised = value;
  else normalised = value.replace(/\./g, '').replace(',', '.');
  const cents = Math.round(Number(normalised) * 100);
  return Number.isSafeInteger(cents) ? cents : null;
}

/** Eurocent as "33,50" for a money field. */
export const formatEuroInput = (cents: number) =>
  (cents / 100).toLocaleString('nl-NL', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    useGrouping: false,
  });

/** Eurocent as "€ 1.234,50" (Dutch) or "€1,234.50" (English). */
export function formatEuro(cents: number, lang: 'nl' | 'en'): string {
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
  }).format(cents / 100);
}
