import { z } from 'zod';
import type { InvalidParam } from '../platform/http/problem.ts';
import { isValidBsn } from '../residents/bsn.ts';
import { BirthDateSchema } from './help-question-schemas.ts';
import { QuestionnaireDefinitionSchema } from './questionnaire-definition.ts';

/**
 * Input and output of the resident's own online intake (docs/api/intake.md, "The resident's own intake").
 * Contact details may be incomplete in a draft, but what is there must be valid; at submission the name,
 * birth date, address and a phone number or e-mail address are required.
 */

const MunicipalityCodeSchema = z
  .string()
  .refine((value) => /^GM\d{4}$/.test(value), {
    message:
      'Een gemeentecode is GM met vier cijfers, zoals GM0164.|A municipality code is GM and four digits, such as GM0164.',
  })
  .describe('CBS code of the municipality, e.g. GM0164');

/** Dutch numbers (06 12345678, 074-1234567) or international ones (+31 6 12345678, 0049 …); stored compact. */
export const PhoneSchema = z
  .string()
  .max(30)
  .transform((value) => value.replace(/[\s().-]/g, ''))
  .refine((value) => /^(?:0[1-9]\d{8}|\+[1-9]\d{7,14}|00[1-9]\d{7,13})$/.test(value), {
    message:
      'Geef een telefoonnummer van 10 cijfers (zoals 06 12345678) of met landnummer (zoals +31 6 12345678).|' +
      'Give a phone number of 10 digits (such as 06 12345678) or with a country code (such as +31 6 12345678).',
  })
  .describe('Phone number; spaces, dashes and brackets are allowed and removed');

export const EmailSchema = z
  .string()
  .trim()
  .max(200)
  .refine((value) => /^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$/.test(value), {
    message: 'Dit is geen geldig e-mailadres.|This is not a valid e-mail address.',
  })
  .describe('E-mail address');

/** Dutch postcode: four digits (not starting with 0) and two letters, not SA, SD or SS. Stored as 7551AB. */
export const PostcodeSchema = z
  .string()
  .max(10)
  .transform((value) => value.replace(/\s+/g, '').toUpperCase())
  .refine((value) => /^[1-9]\d{3}[A-Z]{2}$/.test(value) && !/(SA|SD|SS)$/.test(value), {
    message:
      'Een postcode is vier cijfers en twee letters, zoals 7551 AB.|A postcode is four digits and two letters, such as 7551 AB.',
  })
  .describe('Dutch postcode, e.g. 7551 AB');

const ContactBsnSchema = z
  .string()
  .refine((value) => /^\d{9}$/.test(value) && isValidBsn(value), {
    message:
      'Dit BSN klopt niet: het heeft 9 cijfers en moet voldoen aan de 11-proef.|This BSN is not right: it has 9 digits and must pass the eleven test.',
  })
  .describe('Burgerservicenummer, when the resident gives it (9 digits, 11-proef)');

const AddressDraftSchema = z
  .strictObject({
    street: z.string().trim().min(1).max(200).optional(),
    houseNumber: z.number().int().min(1).max(99999).optional(),
    houseLetter: z
      .string()
      .refine((value) => /^[A-Za-z]$/.test(value), {
        message: 'Een huisletter is één letter.|A house letter is one letter.',
      })
      .nullable()
      .optional(),
    houseNumberAddition: z
      .string()
      .trim()
      .refine((value) => /^[A-Za-z0-9]{1,4}$/.test(value), {
        message: 'Een toevoeging is 1 tot 4 letters of cijfers.|An addition is 1 to 4 letters or digits.',
      })
      .nullable()
      .optional(),
    postcode: PostcodeSchema.optional(),
    city: z.string().trim().min(1).max(80).optional(),
  })
  .meta({ id: 'OnlineIntakeAddress' });

export const ContactDraftSchema = z
  .strictObject({
    bsn: ContactBsnSchema.nullable().optional(),
    givenNames: z.string().trim().min(1).max(200).optional(),
    familyNamePrefix: z.string().trim().max(20).nullable().optional(),
    familyName: z.string().trim().min(1).max(200).optional(),
    birthDate: BirthDateSchema.optional(),
    phone: PhoneSchema.nullable().optional(),
    email: EmailSchema.nullable().optional(),
    address: AddressDraftSchema.optional(),
  })
  .describe('Who the resident is and how to reach them; may be incomplete in a draft')
  .meta({ id: 'OnlineIntakeContact' });

export type ContactDraft = z.infer<typeof ContactDraftSchema>;

export interface CompleteContact {
  bsn?: string;
  givenNames: string;
  familyNamePrefix: string | null;
  familyName: string;
  birthDate: string;
  phone?: string;
  email?: string;
  address: {
    street: string;
    houseNumber: number;
    houseLetter: string | null;
    houseNumberAddition: string | null;
    postcode: string;
    city: string;
  };
}

/** What a submission needs of the contact details; the errors name the missing fields under `contact.`. */
export function completeContact(contact: ContactDraft): {
  contact?: CompleteContact;
  errors: InvalidParam[];
} {
  const errors: InvalidParam[] = [];
  const required = (name: string) =>
    errors.push({
      name: `contact.${name}`,
      code: 'required',
      reason: { nl: 'Dit veld is verplicht.', en: 'This field is required.' },
    });
  if (!contact.givenNames) required('givenNames');
  if (!contact.familyName) required('familyName');
  if (!contact.birthDate) required('birthDate');
  const address = contact.address ?? {};
  if (!contact.address) required('address');
  else {
    if (!address.street) required('address.street');
    if (address.houseNumber === undefined) required('address.houseNumber');
    if (!address.postcode) required('address.postcode');
    if (!address.city) required('address.city');
  }
  if (!contact.phone && !contact.email) {
    errors.push({
      name: 'contact.phone',
      code: 'required',
      reason: {
        nl: 'Geef een telefoonnummer of een e-mailadres, zodat we contact met u kunnen opnemen.',
        en: 'Give a phone number or an e-mail address, so that we can contact you.',
      },
    });
  }
  if (errors.length > 0) return { errors };
  return {
    errors,
    contact: {
      ...(contact.bsn ? { bsn: contact.bsn } : {}),
      givenNames: contact.givenNames!,
      familyNamePrefix: contact.familyNamePrefix || null,
      familyName: contact.familyName!,
      birthDate: contact.birthDate!,
      ...(contact.phone ? { phone: contact.phone } : {}),
      ...(contact.email ? { email: contact.email } : {}),
      address: {
        street: address.street!,
        houseNumber: address.houseNumber!,
        houseLetter: address.houseLetter ?? null,
        houseNumberAddition: address.houseNumberAddition ?? null,
        postcode: address.postcode!,
        city: address.city!,
      },
    },
  };
}

export const QuestionnaireQuerySchema = z.strictObject({ municipality: MunicipalityCodeSchema });

export const PublicQuestionnaireSchema = z
  .object({
    id: z.uuid().describe('The questionnaire version'),
    questionnaireId: z.uuid(),
    version: z.number().int(),
    municipalityCode: z.string(),
    municipalityName: z.string(),
    definition: QuestionnaireDefinitionSchema,
  })
  .meta({ id: 'PublicQuestionnaire' });

export const DraftCreateSchema = z.strictObject({ municipalityCode: MunicipalityCodeSchema }).meta({
  id: 'OnlineIntakeDraftCreate',
});

export const DraftSaveSchema = z
  .strictObject({
    answers: z
      .record(z.string().max(60), z.unknown())
      .describe('Answers so far, by question id of the draft’s questionnaire version'),
    contact: ContactDraftSchema,
  })
  .meta({ id: 'OnlineIntakeDraftSave' });

export const DraftParamsSchema = z.strictObject({ draftId: z.uuid() });

export const ResumeTokenHeaderSchema = z.looseObject({
  'x-resume-token': z.string().max(200).describe('The resume token the draft was created with (shown once)'),
});

export const SubmitHeadersSchema = z.looseObject({
  'x-resume-token': z.string().max(200).describe('The resume token the draft was created with'),
  'idempotency-key': z
    .string()
    .refine((value) => /^[A-Za-z0-9_-]{16,100}$/.test(value), {
      message:
        'De sleutel bestaat uit 16 tot 100 letters, cijfers, - of _.|The key consists of 16 to 100 letters, digits, - or _.',
    })
    .describe('A key of 16 to 100 letters, digits, - or _ that the browser makes once per submission'),
});

export const OnlineIntakeDraftSchema = z
  .object({
    draftId: z.uuid(),
    municipalityCode: z.string(),
    version: PublicQuestionnaireSchema.describe(
      'The questionnaire version of this draft (it stays the same)',
    ),
    answers: z.record(z.string(), z.unknown()),
    contact: z.record(z.string(), z.unknown()).describe('Contact details as saved (see OnlineIntakeContact)'),
    updatedAt: z.iso.datetime({ offset: true }),
    expiresAt: z.iso.datetime({ offset: true }).describe('30 days after the last save'),
    submittedReference: z
      .string()
      .nullable()
      .describe('Reference of the help question once submitted (answers and contact are then cleared)'),
  })
  .meta({ id: 'OnlineIntakeDraft' });

export const CreatedDraftSchema = OnlineIntakeDraftSchema.extend({
  resumeToken: z
    .string()
    .describe(
      'Secret to resume the draft with (header X-Resume-Token). Shown only now: the browser keeps it.',
    ),
}).meta({ id: 'OnlineIntakeDraftCreated' });

export const SubmittedSchema = z
  .object({ reference: z.string().describe('Reference of the help question, for the resident') })
  .meta({ id: 'OnlineIntakeSubmitted' });

export type OnlineIntakeDraft = z.infer<typeof OnlineIntakeDraftSchema>;
export type PublicQuestionnaire = z.infer<typeof PublicQuestionnaireSchema>;
