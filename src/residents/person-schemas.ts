import { z } from 'zod';
import { isValidBsn } from './bsn.ts';

const today = () => new Date().toISOString().slice(0, 10);

export const BsnSchema = z
  .string()
  .regex(/^\d{9}$/, 'Een BSN heeft 9 cijfers.|A BSN has 9 digits.')
  .refine(isValidBsn, { message: 'Dit BSN voldoet niet aan de 11-proef.|This BSN fails the eleven test.' })
  .describe('Burgerservicenummer (9 digits, passes the 11-proef)');

const BirthDateSchema = z.iso
  .date()
  .refine((value) => value >= '1880-01-01' && value <= today(), {
    message:
      'De geboortedatum moet tussen 1880 en vandaag liggen.|The birth date must be between 1880 and today.',
  })
  .describe('Date of birth (YYYY-MM-DD)');

export const PersonSchema = z
  .object({
    id: z.uuid(),
    bsn: z.string().nullable().describe('NULL until the BSN is known'),
    givenNames: z.string(),
    familyNamePrefix: z.string().nullable(),
    familyName: z.string(),
    birthDate: z.iso.date(),
    isSynthetic: z.boolean().describe('True for generated demo residents'),
    version: z.number().int(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'Person' });

export const PersonCreateSchema = z
  .strictObject({
    bsn: BsnSchema,
    givenNames: z.string().trim().min(1).max(200),
    familyNamePrefix: z.string().trim().max(20).nullable().optional(),
    familyName: z.string().trim().min(1).max(200),
    birthDate: BirthDateSchema,
  })
  .meta({ id: 'PersonCreate' });

export const PersonUpdateSchema = z
  .strictObject({
    givenNames: z.string().trim().min(1).max(200).optional(),
    familyNamePrefix: z.string().trim().max(20).nullable().optional(),
    familyName: z.string().trim().min(1).max(200).optional(),
    birthDate: BirthDateSchema.optional(),
  })
  .meta({ id: 'PersonUpdate' });

export const PersonSearchSchema = z.strictObject({ bsn: BsnSchema }).meta({ id: 'PersonSearch' });

export const PersonListQuerySchema = z.strictObject({
  familyName: z.string().trim().min(1).max(200).optional().describe('Starts with, case-insensitive'),
  birthDate: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const PersonPageSchema = z
  .object({
    items: z.array(PersonSchema),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: 'PersonPage' });

export type PersonCreate = z.infer<typeof PersonCreateSchema>;
export type PersonUpdate = z.infer<typeof PersonUpdateSchema>;
