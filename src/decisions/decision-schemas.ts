import { z } from 'zod';
import { nullableDate } from '../platform/http/schema-types.ts';

/** Request and response schemas of beschikkingen, toewijzingen, delivery, declarations and costs. */

const Code2 = z.string().regex(/^[0-9]{2}$/);
const UnitCode = Code2.describe('Eenheid (iWmo/iJw list), e.g. 04 uur, 14 etmaal, 83 euro');
const FrequencyCode = z
  .string()
  .regex(/^[0-9]$/)
  .describe('Frequentie: 1 dag, 2 week, 4 maand, 6 totaal');
const Cents = z.number().int().min(0).max(99_999_999_999);
const Text = (max: number) => z.string().trim().min(1).max(max);

export const BeschikkingProductInputSchema = z.strictObject({
  serviceId: z.uuid(),
  outcome: z.enum(['toegekend', 'afgewezen']),
  grounds: Text(2000).describe('Why this product is granted or refused, in plain Dutch'),
  startDate: z.iso.date().optional(),
  endDate: z.iso.date().optional(),
  volume: z.number().int().min(1).max(100_000).optional(),
  frequencyCode: FrequencyCode.optional(),
  requestedVolume: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .optional()
    .describe('What the resident asked for; a smaller granted volume makes it a partial grant'),
});

export const BeschikkingCreateSchema = z.strictObject({
  meldingId: z.uuid(),
  decidedDate: z.iso.date(),
  legalGrounds: Text(2000),
  products: z.array(BeschikkingProductInputSchema).min(1).max(20),
});

export const BeschikkingProductSchema = z.object({
  id: z.uuid(),
  serviceId: z.uuid(),
  serviceName: z.string(),
  productCategoryCode: z.string().nullable(),
  productCode: z.string().nullable(),
  outcome: z.enum(['toegekend', 'afgewezen']),
  grounds: z.string(),
  startDate: nullableDate(),
  endDate: nullableDate(),
  volume: z.number().int().nullable(),
  unitCode: z.string().nullable(),
  frequencyCode: z.string().nullable(),
});

export const BeschikkingSchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  meldingId: z.uuid().nullable(),
  personId: z.uuid(),
  lawCode: z.string(),
  decidedDate: z.iso.date(),
  outcome: z.enum(['toegekend', 'gedeeltelijk-toegekend', 'afgewezen']),
  legalGrounds: z.string(),
  objectionDeadlineDate: z.iso.date(),
  products: z.array(BeschikkingProductSchema),
});

export const BeschikkingListSchema = z.object({ items: z.array(BeschikkingSchema) });
export const BeschikkingListQuery = z.strictObject({ personId: z.uuid() });

export const ToewijzingCreateSchema = z.strictObject({
  beschikkingProductId: z.uuid().optional(),
  personId: z.uuid().optional().describe('Only for youth care on referral without a beschikking'),
  serviceId: z.uuid().optional().describe('Only for youth care on referral without a beschikking'),
  referrerTypeCode: z.enum(['01', '02', '03', '04', '05', '06', '08']).optional(),
  contractId: z.uuid(),
  startDate: z.iso.date(),
  endDate: z.iso.date(),
  volume: z.number().int().min(1).max(100_000).optional(),
  frequencyCode: FrequencyCode.optional(),
  budgetCents: Cents.optional(),
});

export const ToewijzingChangeSchema = z.strictObject({
  reasonCode: Code2.describe('RedenWijziging; 13 (Verwijderd) withdraws the allocation'),
  endDate: z.iso.date().optional(),
  volume: z.number().int().min(1).max(100_000).optional(),
  budgetCents: Cents.optional(),
});

export const ToewijzingEndSchema = z.strictObject({
  reasonCode: Code2.describe('RedenBeeindiging'),
  endDate: z.iso.date(),
});

export const DeliveryStartSchema = z.strictObject({ startDate: z.iso.date() });
export const DeliveryStopSchema = z.strictObject({ stopDate: z.iso.date(), reasonCode: Code2 });

export const DeliverySchema = z.object({
  startDate: z.iso.date(),
  stopDate: nullableDate(),
  stopReasonCode: z.string().nullable(),
});

export const ToewijzingSchema = z.object({
  id: z.uuid(),
  toewijzingNumber: z.number().int(),
  beschikkingProductId: z.uuid().nullable(),
  referrerTypeCode: z.string().nullable(),
  client: z.object({
    personId: z.uuid(),
    bsn: z.string().nullable(),
    name: z.string(),
    birthDate: z.iso.date(),
  }),
  providerId: z.uuid(),
  providerName: z.string(),
  contractId: z.uuid(),
  serviceId: z.uuid(),
  serviceName: z.string(),
  lawCode: z.string(),
  productCategoryCode: z.string().nullable(),
  productCode: z.string().nullable(),
  startDate: z.iso.date(),
  endDate: nullableDate(),
  volume: z.number().int().nullable(),
  unitCode: z.string().nullable(),
  frequencyCode: z.string().nullable(),
  budgetCents: z.number().int().nullable(),
  commitmentCents: z.number().int(),
  status: z.enum(['actief', 'gewijzigd', 'beeindigd', 'ingetrokken']),
  changeReasonCode: z.string().nullable(),
  endReasonCode: z.string().nullable(),
  version: z.number().int(),
  deliveries: z.array(DeliverySchema),
  changes: z.array(
    z.object({
      kind: z.enum(['gewijzigd', 'beeindigd', 'ingetrokken']),
      reasonCode: z.string(),
      previousEndDate: nullableDate(),
      previousVolume: z.number().int().nullable(),
      previousBudgetCents: z.number().int().nullable(),
      changedAt: z.string(),
    }),
  ),
});

export const ToewijzingListQuery = z.strictObject({
  personId: z.uuid().optional(),
  providerId: z.uuid().optional(),
  status: z.enum(['actief', 'gewijzigd', 'beeindigd', 'ingetrokken']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const ToewijzingListSchema = z.object({ items: z.array(ToewijzingSchema) });

export const DeclarationLineInputSchema = z.strictObject({
  toewijzingNumber: z.number().int().min(1).max(99_999_999),
  periodStartDate: z.iso.date(),
  periodEndDate: z.iso.date(),
  volume: z.number().int().min(0).max(1_000_000),
  unitCode: UnitCode,
  tariffCents: Cents,
  amountCents: Cents,
  productCategoryCode: Code2.optional(),
  productCode: z
    .string()
    .regex(/^[A-Z0-9]{5}$/)
    .optional(),
  reference: z.string().trim().min(1).max(20).optional(),
});

export const DeclarationCreateSchema = z.strictObject({
  declarationNumber: z.string().trim().min(1).max(12),
  lawCode: z.enum(['wmo', 'jeugdwet']),
  periodStartDate: z.iso.date(),
  periodEndDate: z.iso.date(),
  lines: z.array(DeclarationLineInputSchema).min(1).max(5000),
});

export const DeclarationLineSchema = z.object({
  id: z.number().int(),
  toewijzingId: z.uuid(),
  toewijzingNumber: z.number().int(),
  periodStartDate: z.iso.date(),
  periodEndDate: z.iso.date(),
  volume: z.number().int(),
  unitCode: z.string(),
  tariffCents: z.number().int(),
  amountCents: z.number().int(),
  reference: z.string().nullable(),
  status: z.enum(['geaccepteerd', 'afgewezen']),
  rejectionCode: z.string().nullable(),
  rejectionReason: z.string().nullable(),
});

export const RejectedUnknownLineSchema = z.object({
  index: z.number().int(),
  toewijzingNumber: z.number().int(),
  rejectionCode: z.string(),
  reason: z.object({ nl: z.string(), en: z.string() }),
});

export const DeclarationSchema = z.object({
  id: z.uuid(),
  providerId: z.uuid(),
  declarationNumber: z.string(),
  lawCode: z.string(),
  periodStartDate: z.iso.date(),
  periodEndDate: z.iso.date(),
  submittedAt: z.string(),
  totalCents: z.number().int(),
  acceptedCents: z.number().int(),
  status: z.enum(['ingediend', 'verwerkt']),
  lines: z.array(DeclarationLineSchema),
  /** Lines naming no allocation of this provider: rejected (9338) and not stored, as there is nothing to link them to. */
  unknownLines: z.array(RejectedUnknownLineSchema),
});

export const DeclarationListSchema = z.object({
  items: z.array(DeclarationSchema.omit({ lines: true, unknownLines: true })),
});

export const CostsQuery = z.strictObject({
  groupBy: z.enum(['service', 'provider', 'law', 'wijk']).default('service'),
  fromMonth: z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/),
  toMonth: z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/),
  lawCode: z.enum(['wmo', 'jeugdwet', 'participatiewet', 'schuldhulp']).optional(),
});

export const CostCellSchema = z.object({
  month: z.string(),
  key: z.string(),
  label: z.string(),
  fundingVariant: z.enum(['inspanningsgericht', 'outputgericht', 'taakgericht']),
  clients: z.number().int().nullable(),
  commitmentCents: z.number().int().nullable(),
  realisationCents: z.number().int().nullable(),
  lumpSumCents: z.number().int().nullable(),
  suppressed: z.boolean(),
});

export const CostsSchema = z.object({
  groupBy: z.enum(['service', 'provider', 'law', 'wijk']),
  fromMonth: z.string(),
  toMonth: z.string(),
  threshold: z.number().int(),
  cells: z.array(CostCellSchema),
  totals: z.object({
    commitmentCents: z.number().int(),
    realisationCents: z.number().int(),
    lumpSumCents: z.number().int(),
  }),
});
