import { z } from 'zod';

/** Response of the resident portal (docs/api/intake.md, "Resident portal"). */

const BilingualSchema = z.object({ nl: z.string(), en: z.string() });

export const OwnHelpQuestionSchema = z
  .object({
    id: z.uuid(),
    reference: z.string().describe('Reference number, e.g. HV-2026-0000123'),
    receivedDate: z.iso.date().describe('Day the question came in (in the Netherlands)'),
    questionTypes: z
      .array(BilingualSchema.extend({ code: z.string() }))
      .describe('What the question is about'),
    status: BilingualSchema.extend({ code: z.enum(['open', 'afgesloten']) }),
    outcome: BilingualSchema.extend({
      code: z.enum(['informatie-advies', 'verwijzing-algemene-voorziening', 'melding', 'urgent']),
    })
      .nullable()
      .describe('Outcome of the triage in plain words; null while there is none'),
    nextStep: BilingualSchema.describe('What happens next, in plain words'),
    dueDate: z.iso
      .date()
      .nullable()
      .meta({ format: 'date' })
      .describe('Legal deadline of the next step, where one runs'),
  })
  .meta({ id: 'OwnHelpQuestion' });

export const OwnHelpQuestionListSchema = z
  .object({
    items: z.array(OwnHelpQuestionSchema),
    message: BilingualSchema.nullable().describe(
      'Why the list is empty (no resident linked to this account, or no questions yet); null otherwise',
    ),
  })
  .meta({ id: 'OwnHelpQuestionList' });

export type OwnHelpQuestionList = z.infer<typeof OwnHelpQuestionListSchema>;
