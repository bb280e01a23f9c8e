import { z } from 'zod';
import { nullableDate } from '../platform/http/schema-types.ts';
import { LAW_CODES } from './help-question-schemas.ts';
import { MAX_TEXT_LENGTH } from './questionnaire-definition.ts';
import { TRIAGE_OUTCOMES, URGENT_REASONS } from './triage.ts';

/** Schemas of the broad intake, triage and meldingen (docs/api/intake.md). Also the OpenAPI schemas. */

export const INTAKE_MODES = ['balie', 'telefoon', 'huisbezoek', 'online', 'spreekuur'] as const;
export const SUSPENSION_REASONS = [
  'wacht-op-gegevens-inwoner',
  'wacht-op-advies',
  'verzoek-inwoner',
] as const;

const Timestamp = z.iso.datetime({ offset: true });

export const IntakeSchema = z
  .object({
    id: z.uuid(),
    helpQuestionId: z.uuid(),
    questionnaireVersionId: z.uuid(),
    questionnaireVersion: z
      .number()
      .int()
      .describe('Number of the questionnaire version the answers belong to'),
    mode: z.enum(INTAKE_MODES),
    status: z.enum(['concept', 'afgerond']),
    startedAt: Timestamp,
    completedAt: Timestamp.nullable(),
    conductedBy: z.uuid().nullable(),
    answers: z.record(z.string(), z.unknown()).describe('Answers keyed by question id'),
    applicableQuestionIds: z
      .array(z.string())
      .describe('Questions that apply given the answers so far (showIf), in order'),
    ownStrength: z.string().nullable(),
    networkStrength: z.string().nullable(),
    lifeDomainScores: z
      .array(z.object({ lifeDomainCode: z.string(), score: z.number().int(), assessedDate: z.iso.date() }))
      .describe('Scores stored when the intake was completed'),
    version: z.number().int(),
  })
  .meta({ id: 'Intake' });

export const IntakeStartSchema = z.strictObject({ mode: z.enum(INTAKE_MODES) }).meta({ id: 'IntakeStart' });

const StrengthSchema = z.string().max(MAX_TEXT_LENGTH).nullable().optional();

export const IntakeSaveSchema = z
  .strictObject({
    answers: z
      .record(z.string(), z.unknown())
      .describe('All answers so far, keyed by question id (replaces them)'),
    ownStrength: StrengthSchema.describe('What the resident can do themselves; absent: unchanged'),
    networkStrength: StrengthSchema.describe("What the resident's network can do; absent: unchanged"),
  })
  .meta({ id: 'IntakeSave' });

export const SuspensionSchema = z
  .object({
    id: z.uuid(),
    fromDate: z.iso.date(),
    untilDate: nullableDate(),
    reason: z.enum(SUSPENSION_REASONS),
  })
  .meta({ id: 'ClockSuspension' });

export const MeldingSchema = z
  .object({
    id: z.uuid(),
    helpQuestionId: z.uuid(),
    personId: z.uuid(),
    lawCode: z.string(),
    meldedDate: z.iso.date(),
    investigationDueDate: nullableDate(),
    aanvraagDate: nullableDate(),
    decisionDueDate: nullableDate(),
    suspendedDays: z.number().int(),
    status: z.enum(['onderzoek', 'aanvraag', 'besloten', 'ingetrokken']),
    closedDate: nullableDate(),
    suspensions: z.array(SuspensionSchema),
    clock: z.enum(['onderzoek', 'beslissing']).nullable().describe('The running clock; null once closed'),
    dueDate: nullableDate(),
    state: z.enum(['op-tijd', 'bijna', 'te-laat']).nullable(),
  })
  .meta({ id: 'Melding' });

export const TriageSchema = z
  .object({
    helpQuestionId: z.uuid(),
    outcome: z.enum(TRIAGE_OUTCOMES),
    decidedAt: Timestamp,
    decidedBy: z.uuid().nullable(),
    referredServiceId: z.uuid().nullable(),
    urgentReason: z.enum(URGENT_REASONS).nullable(),
    homeVisitDate: nullableDate(),
    homeVisitHeldDate: nullableDate(),
  })
  .meta({ id: 'Triage' });

export const TriageCreateSchema = z
  .strictObject({
    outcome: z.enum(TRIAGE_OUTCOMES),
    referredServiceId: z
      .uuid()
      .nullable()
      .optional()
      .describe('verwijzing-algemene-voorziening: the service'),
    lawCode: z.enum(LAW_CODES).nullable().optional().describe('melding: the law'),
    urgentReason: z.enum(URGENT_REASONS).nullable().optional().describe('urgent: why'),
    homeVisitDate: nullableDate()
      .optional()
      .describe('Planned home visit (required for the first melding of a resident)'),
  })
  .meta({ id: 'TriageCreate' });

export const TriageResultSchema = z
  .object({
    triage: TriageSchema,
    questionStatus: z.enum(['open', 'afgesloten']),
    melding: MeldingSchema.nullable(),
    householdPlan: z
      .object({ planId: z.uuid(), opened: z.boolean().describe('True when this melding opened the plan') })
      .nullable()
      .describe("The household's plan a melding opened or joined; null for other outcomes"),
  })
  .meta({ id: 'TriageResult' });

export const AanvraagSchema = z
  .strictObject({ aanvraagDate: z.iso.date().describe('Day the aanvraag was received') })
  .meta({ id: 'MeldingAanvraag' });

export const SuspensionCreateSchema = z
  .strictObject({ fromDate: z.iso.date(), reason: z.enum(SUSPENSION_REASONS) })
  .meta({ id: 'ClockSuspensionCreate' });

export const SuspensionEndSchema = z
  .strictObject({ untilDate: z.iso.date().describe('Last day the clock stood still') })
  .meta({ id: 'ClockSuspensionEnd' });
