import { z } from 'zod';
import { nullableDate } from '../platform/http/schema-types.ts';
import { Cents, FUNDING_VARIANT } from '../services/service-schemas.ts';
import { CHECK_ITEMS, CHECK_OUTCOMES, CHECK_PHASES } from './quality-checklist.ts';

/** Zod schemas of providers, contracts, quality checks, incidents and fraud suspicions. Money: eurocent. */

const Version = z.number().int().describe('Version; its ETag is the quoted number');
const Bilingual = z.object({ nl: z.string(), en: z.string() });
const Timestamp = z.iso.datetime({ offset: true });
export const IdParams = z.strictObject({ id: z.uuid() });

export const CONTRACT_STATUSES = ['in-voorbereiding', 'actief', 'opgeschort', 'beeindigd'] as const;
export const INCIDENT_KINDS = ['calamiteit', 'incident', 'klacht', 'auditbevinding'] as const;
export const INCIDENT_STATUSES = ['gemeld', 'in-onderzoek', 'afgehandeld'] as const;
export const FRAUD_SOURCES = [
  'declaratiecontrole',
  'melding-client',
  'melding-medewerker',
  'signaal-ketenpartner',
  'audit',
] as const;
export const FRAUD_STATUSES = ['gemeld', 'in-onderzoek', 'maatregel', 'ongegrond', 'afgesloten'] as const;

// Providers.

export const ProviderInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  kvkNumber: z
    .string()
    .regex(/^[0-9]{8}$/)
    .describe('Number in the KvK trade register (8 digits), unique in the municipality'),
  agbCode: z
    .string()
    .regex(/^[0-9]{8}$/)
    .nullable()
    .default(null)
    .describe('AGB code (8 digits), the provider in iWmo/iJw messages; unique in the municipality'),
  city: z.string().trim().min(1).max(80).nullable().default(null),
});
export type ProviderInput = z.infer<typeof ProviderInputSchema>;

export const ProviderSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kvkNumber: z.string().nullable(),
    agbCode: z.string().nullable(),
    city: z.string().nullable(),
    isSynthetic: z.boolean(),
    version: Version,
  })
  .meta({ id: 'Provider' });

export const ProviderListQuery = z.strictObject({
  q: z.string().trim().min(1).max(100).optional().describe('Part of the name, or a KvK number or AGB code'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const ContractSummarySchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  lot: z.string(),
  fundingVariant: FUNDING_VARIANT,
  status: z.enum(CONTRACT_STATUSES),
  validFromDate: z.iso.date(),
  validUntilDate: nullableDate(),
});

export const ProviderDetailSchema = ProviderSchema.extend({
  contracts: z.array(ContractSummarySchema),
  services: z.array(
    z.object({ serviceId: z.uuid(), code: z.string(), name: z.string(), lawCode: z.string() }),
  ),
}).meta({ id: 'ProviderDetail' });

// Contracts.

export const ContractCreateSchema = z.strictObject({
  providerId: z.uuid(),
  reference: z.string().trim().min(1).max(60).describe('Contract reference, unique in the municipality'),
  lot: z.string().trim().min(1).max(200).describe('Perceel of the procurement'),
  fundingVariant: FUNDING_VARIANT,
  validFromDate: z.iso.date(),
  validUntilDate: nullableDate().default(null),
  regionCode: z.string().nullable().default(null).describe('Region that procured the contract jointly'),
  lumpSumCentsPerMonth: Cents.nullable()
    .default(null)
    .describe('Taakgericht only (and required there): the lump sum per month'),
});
export const ContractUpdateSchema = ContractCreateSchema.omit({ providerId: true, reference: true });
export type ContractInput = z.infer<typeof ContractUpdateSchema>;

export const ContractStatusSchema = z.strictObject({
  status: z.enum(['actief', 'opgeschort', 'beeindigd']),
});

export const ContractProductSchema = z
  .object({
    id: z.uuid(),
    contractId: z.uuid(),
    serviceId: z.uuid(),
    serviceCode: z.string(),
    serviceName: z.string(),
    lawCode: z.string(),
    validFromDate: z.iso.date(),
    validUntilDate: nullableDate(),
    tariffCents: z.number().int().describe('Per unit (inspanningsgericht), per trajectory (outputgericht)'),
    unitCode: z.string(),
    version: Version,
  })
  .meta({ id: 'ContractProduct' });

export const ContractSchema = z
  .object({
    id: z.uuid(),
    providerId: z.uuid(),
    providerName: z.string(),
    reference: z.string(),
    lot: z.string(),
    fundingVariant: FUNDING_VARIANT,
    fundingDescription: Bilingual,
    validFromDate: z.iso.date(),
    validUntilDate: nullableDate(),
    regionCode: z.string().nullable(),
    lumpSumCentsPerMonth: z.number().int().nullable(),
    status: z.enum(CONTRACT_STATUSES),
    statusChangedAt: Timestamp.nullable(),
    version: Version,
    products: z.array(ContractProductSchema),
  })
  .meta({ id: 'Contract' });

export const ContractListQuery = z.strictObject({
  providerId: z.uuid().optional(),
  status: z.enum(CONTRACT_STATUSES).optional(),
  serviceId: z.uuid().optional().describe('Contracts that include this service'),
});

export const ContractProductCreateSchema = z.strictObject({
  serviceId: z.uuid(),
  validFromDate: z.iso.date(),
  validUntilDate: nullableDate().default(null),
  tariffCents: Cents,
  unitCode: z
    .string()
    .regex(/^[0-9]{2}$/)
    .optional()
    .describe("Defaults to the service's unit; must be the service's unit when it has one"),
});
export const ContractProductUpdateSchema = z.strictObject({
  validFromDate: z.iso.date(),
  validUntilDate: nullableDate(),
  tariffCents: Cents,
});

// Quality checks.

export const QualityCheckInputSchema = z.strictObject({
  phase: z.enum(CHECK_PHASES),
  item: z.enum(CHECK_ITEMS),
  outcome: z.enum(CHECK_OUTCOMES),
  checkedDate: z.iso.date(),
  notes: z.string().trim().max(2000).default(''),
});
export const QualityCheckSchema = z
  .object({
    id: z.uuid(),
    providerId: z.uuid(),
    phase: z.enum(CHECK_PHASES),
    item: z.enum(CHECK_ITEMS),
    outcome: z.enum(CHECK_OUTCOMES),
    checkedDate: z.iso.date(),
    notes: z.string(),
    recordedBy: z.string().nullable().describe('Display name of who recorded it'),
    recordedAt: Timestamp,
  })
  .meta({ id: 'QualityCheck' });
export const ChecklistSchema = z
  .object({
    jeugdwet: z.boolean().describe('Jeugdwet products contracted (SKJ/BIG registration then required)'),
    complete: z.boolean().describe('No required item open, failed or missing: a contract may become active'),
    lines: z.array(
      z.object({
        item: z.enum(CHECK_ITEMS),
        label: Bilingual,
        required: z.boolean(),
        state: z.enum(['voldaan', 'niet-van-toepassing', 'open', 'niet-voldaan', 'ontbreekt']),
        checkedDate: nullableDate(),
        blocks: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'QualityChecklist' });
export const QualityChecksSchema = z
  .object({ checks: z.array(QualityCheckSchema), checklist: ChecklistSchema })
  .meta({ id: 'QualityChecks' });
export const QualityCheckCreatedSchema = QualityCheckSchema.extend({
  incidentId: z
    .uuid()
    .nullable()
    .describe('An audit not met opens an incident (auditbevinding) to follow up'),
});

// Incidents and fraud suspicions: both followed up by dated actions that set the status.

export const ActionSchema = z.object({
  id: z.uuid(),
  actionDate: z.iso.date(),
  description: z.string(),
  statusAfter: z.string(),
  recordedBy: z.string(),
  recordedAt: Timestamp,
});

export const IncidentCreateSchema = z.strictObject({
  kind: z.enum(INCIDENT_KINDS),
  occurredDate: z.iso.date(),
  reportedDate: z.iso.date().optional().describe('Defaults to today'),
  summary: z.string().trim().min(1).max(2000).describe('What happened, without personal data of clients'),
});
export const IncidentSchema = z
  .object({
    id: z.uuid(),
    providerId: z.uuid(),
    providerName: z.string(),
    kind: z.enum(INCIDENT_KINDS),
    occurredDate: z.iso.date(),
    reportedDate: z.iso.date(),
    summary: z.string(),
    status: z.enum(INCIDENT_STATUSES),
    closedDate: nullableDate(),
    version: Version,
    actions: z.array(ActionSchema),
  })
  .meta({ id: 'ProviderIncident' });
export const IncidentListQuery = z.strictObject({
  providerId: z.uuid().optional(),
  status: z.enum(INCIDENT_STATUSES).optional(),
  kind: z.enum(INCIDENT_KINDS).optional(),
});
export const IncidentActionInputSchema = z.strictObject({
  actionDate: z.iso.date(),
  description: z.string().trim().min(1).max(2000),
  status: z.enum(INCIDENT_STATUSES).describe('Status after this action; afgehandeld closes it'),
});

export const FraudCreateSchema = z.strictObject({
  providerId: z.uuid(),
  source: z.enum(FRAUD_SOURCES),
  reportedDate: z.iso.date().optional().describe('Defaults to today'),
  summary: z.string().trim().min(1).max(2000),
});
export const FraudSchema = z
  .object({
    id: z.uuid(),
    providerId: z.uuid(),
    providerName: z.string(),
    reportedDate: z.iso.date(),
    source: z.enum(FRAUD_SOURCES),
    summary: z.string(),
    status: z.enum(FRAUD_STATUSES),
    followUp: z.string().describe('Summary of the follow-up (the latest action)'),
    closedDate: nullableDate(),
    reportedBy: z.string().nullable(),
    version: Version,
    actions: z.array(ActionSchema),
  })
  .meta({ id: 'FraudSuspicion' });
export const FraudListQuery = z.strictObject({
  providerId: z.uuid().optional(),
  status: z.enum(FRAUD_STATUSES).optional(),
  open: z.enum(['true', 'false']).optional().describe('Only open (true) or only closed (false) suspicions'),
});
export const FraudActionInputSchema = z.strictObject({
  actionDate: z.iso.date(),
  description: z.string().trim().min(1).max(2000),
  status: z.enum(FRAUD_STATUSES).describe('Status after this action; ongegrond and afgesloten close it'),
});
