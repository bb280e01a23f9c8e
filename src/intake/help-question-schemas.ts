import { z } from 'zod';
import { BsnSchema } from '../residents/person-schemas.ts';

/** Input and output schemas of help questions (docs/api/intake.md, "Help questions"). Also the OpenAPI schemas. */

const today = () => new Date().toISOString().slice(0, 10);

export const CHANNELS = ['telefoon', 'balie', 'online', 'email', 'huisbezoek', 'spreekuur', 'brief'] as const;
export const REFERRER_KINDS = [
  'zelf',
  'netwerk',
  'gemeente',
  'huisarts',
  'jeugdarts',
  'medisch-specialist',
  'gecertificeerde-instelling',
  'rechter',
  'school',
  'politie',
  'veilig-thuis',
  'woningcorporatie',
  'andere-hulpverlener',
] as const;
export const QUESTION_TYPES = [
  'inkomen',
  'werk',
  'schulden',
  'huishouden',
  'mobiliteit',
  'opvoeding',
  'psychisch',
  'wonen',
  'eenzaamheid',
  'mantelzorg',
  'veiligheid',
  'gezondheid',
  'verslaving',
  'dagbesteding',
  'zelfzorg',
  'onderwijs',
] as const;
/** The `law` catalogue (migration 0002). */
export const LAW_CODES = ['wmo', 'jeugdwet', 'participatiewet', 'schuldhulp'] as const;

export type Channel = (typeof CHANNELS)[number];
export type ReferrerKind = (typeof REFERRER_KINDS)[number];
export type QuestionType = (typeof QUESTION_TYPES)[number];
export type LawCode = (typeof LAW_CODES)[number];

/** A date that must not lie in the future (birth dates). `z.iso.date()` already refuses 2025-02-30. */
export const BirthDateSchema = z.iso
  .date()
  .refine((value) => value >= '1880-01-01' && value <= today(), {
    message:
      'De geboortedatum moet tussen 1880 en vandaag liggen.|The birth date must be between 1880 and today.',
  })
  .describe('Date of birth (YYYY-MM-DD), not in the future');

export const PostcodeSchema = z
  .string()
  .regex(/^[1-9][0-9]{3} ?[A-Za-z]{2}$/, {
    message:
      'Een postcode is vier cijfers en twee letters, zoals 7551 AB.|A postcode is four digits and two letters, such as 7551 AB.',
  })
  .describe('Dutch postcode, e.g. 7551AB (a space and lower case are allowed; stored as 7551AB)');

export const HouseNumberSchema = z.number().int().min(1).max(99999);

export const AddressInputSchema = z
  .strictObject({
    street: z.string().trim().min(1).max(200),
    houseNumber: HouseNumberSchema,
    houseLetter: z
      .string()
      .regex(/^[A-Za-z]$/)
      .nullable()
      .optional(),
    houseNumberAddition: z.string().trim().min(1).max(4).nullable().optional(),
    postcode: PostcodeSchema,
    city: z.string().trim().min(1).max(80),
    buurtCode: z
      .string()
      .regex(/^BU\d{8}$/)
      .optional()
      .describe(
        "CBS buurtcode of the address when known; otherwise the municipality's first buurt (Grip has no BAG)",
      ),
  })
  .meta({ id: 'NewAddress' });

const newPersonFields = {
  bsn: BsnSchema.optional(),
  givenNames: z.string().trim().min(1).max(200),
  familyNamePrefix: z.string().trim().max(20).nullable().optional(),
  familyName: z.string().trim().min(1).max(200),
  birthDate: BirthDateSchema,
  sex: z.enum(['0', '1', '2']).optional().describe('0 onbekend, 1 man, 2 vrouw (iWmo/iJw)'),
  phone: z
    .string()
    .regex(/^[0-9+ ()-]{6,20}$/)
    .optional(),
  email: z
    .string()
    .max(200)
    .regex(/^[^@\s]+@[^@\s]+$/)
    .optional(),
  address: AddressInputSchema,
};

export const NewPersonInputSchema = z.strictObject(newPersonFields).meta({ id: 'NewPerson' });

export const KnownPersonInputSchema = z.strictObject({ personId: z.uuid() }).meta({ id: 'KnownPerson' });

export type AddressInput = z.infer<typeof AddressInputSchema>;
export type NewPersonInput = z.infer<typeof NewPersonInputSchema>;
export type PersonInput = z.infer<typeof KnownPersonInputSchema> | NewPersonInput;

const REQUIRED_FOR_NEW = ['givenNames', 'familyName', 'birthDate', 'address'] as const;

/**
 * `{ personId }` for a resident Grip knows, or the details of a new one. One object schema rather than a
 * union, so that a mistake is reported on the field itself instead of as "matches neither".
 */
export const PersonInputSchema = z
  .strictObject({
    personId: z.uuid().optional().describe('A resident Grip knows; send nothing else with it'),
    bsn: newPersonFields.bsn,
    givenNames: newPersonFields.givenNames.optional(),
    familyNamePrefix: newPersonFields.familyNamePrefix,
    familyName: newPersonFields.familyName.optional(),
    birthDate: newPersonFields.birthDate.optional(),
    sex: newPersonFields.sex,
    phone: newPersonFields.phone,
    email: newPersonFields.email,
    address: newPersonFields.address.optional(),
  })
  .superRefine((value, ctx) => {
    const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
    if (value.personId !== undefined) {
      for (const key of keys.filter((k) => k !== 'personId')) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message:
            'Stuur bij een bekende inwoner (personId) geen andere gegevens mee.|With a known resident (personId) send no other details.',
        });
      }
      return;
    }
    for (const key of REQUIRED_FOR_NEW) {
      if (value[key] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message:
            'Dit veld is verplicht voor een nieuwe inwoner.|This field is required for a new resident.',
        });
      }
    }
  })
  .describe('{ personId } of a known resident, or the details of a new one (bsn, names, birthDate, address)')
  .meta({ id: 'HelpQuestionPerson' });

export const HelpQuestionCreateSchema = z
  .strictObject({
    channel: z.enum(CHANNELS),
    vindplaatsId: z.uuid(),
    referrerKind: z.enum(REFERRER_KINDS).nullable().optional(),
    referrerName: z.string().trim().min(1).max(200).nullable().optional(),
    questionTypes: z
      .array(z.enum(QUESTION_TYPES))
      .min(1)
      .max(QUESTION_TYPES.length)
      .refine((types) => new Set(types).size === types.length, {
        message: 'Elk type vraag mag maar één keer voorkomen.|Each question type may occur only once.',
      }),
    mainLawCode: z.enum(LAW_CODES).nullable().optional(),
    freeText: z.string().max(4000).nullable().optional().describe("The question in the resident's words"),
    person: PersonInputSchema.nullable().describe('null for an anonymous information question'),
  })
  .meta({ id: 'HelpQuestionCreate' });

export type HelpQuestionCreate = z.infer<typeof HelpQuestionCreateSchema>;

export const HelpQuestionSchema = z
  .object({
    id: z.uuid(),
    reference: z.string().describe('HV-<year>-<7 digits>, shown to the resident'),
    receivedAt: z.iso.datetime({ offset: true }),
    channel: z.enum(CHANNELS),
    vindplaatsId: z.uuid(),
    referrerKind: z.enum(REFERRER_KINDS).nullable(),
    referrerName: z.string().nullable(),
    questionTypes: z.array(z.string()),
    mainLawCode: z.string().nullable(),
    freeText: z.string().nullable(),
    status: z.enum(['open', 'afgesloten']),
    closedAt: z.iso.datetime({ offset: true }).nullable(),
    personId: z.uuid().nullable(),
    householdId: z.uuid().nullable(),
    teamId: z.uuid().nullable(),
    registeredBy: z.uuid().nullable(),
    relatedQuestionId: z
      .uuid()
      .nullable()
      .describe('Open question of the same household this one is linked to'),
    householdPlanId: z.uuid().nullable().describe('The open plan of the household, when there is one'),
  })
  .meta({ id: 'HelpQuestion' });

export type HelpQuestion = z.infer<typeof HelpQuestionSchema>;
