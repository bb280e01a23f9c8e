import { z } from 'zod';

/** Request and response shapes of the iWmo/iJw message routes (docs/api/istandaard.md). */

export const ToewijzingParams = z.strictObject({ toewijzingId: z.uuid() });
export const NoQuery = z.strictObject({});

const BilingualSchema = z.object({ nl: z.string(), en: z.string() });

export const LineOutcomeSchema = z.object({
  line: z
    .number()
    .int()
    .describe('Position of the line (start/stop product or prestatie) in the message, from 1'),
  toewijzingNumber: z.number().int().nullable(),
  reference: z.string().nullable().describe('ProductReferentie/ReferentieNummer of a prestatie'),
  status: z.enum(['geaccepteerd', 'afgewezen']),
  code: z.string().describe('Retourcode (LDT_RetourCode of the Basisschema); 0200 when accepted'),
  check: z.string().nullable().describe('Which check rejected the line (English key), null when accepted'),
  reason: BilingualSchema.nullable(),
});

export const ImportResultSchema = z.object({
  messageId: z.uuid(),
  messageCode: z.string().describe('WMO305, WMO307, WMO323, JW305, JW307 or JW323'),
  identification: z.string(),
  provider: z.object({ id: z.uuid(), agbCode: z.string() }),
  declarationId: z.uuid().nullable(),
  lineCount: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  lines: z.array(LineOutcomeSchema),
});

export const MessageListQuery = z.strictObject({
  direction: z.enum(['uitgaand', 'inkomend']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const MessageSummarySchema = z.object({
  id: z.uuid(),
  direction: z.enum(['uitgaand', 'inkomend']),
  messageCode: z.string(),
  lawCode: z.string(),
  providerId: z.uuid(),
  sender: z.string(),
  receiver: z.string(),
  identification: z.string(),
  datedOn: z.iso.date(),
  declarationId: z.uuid().nullable(),
  lineCount: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  processedAt: z.string(),
});

export const MessageListSchema = z.object({ items: z.array(MessageSummarySchema) });
