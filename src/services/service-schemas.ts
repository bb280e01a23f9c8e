import { z } from 'zod';
import { nullableDate } from '../platform/http/schema-types.ts';

/** Zod schemas of the catalogue API (they are also the OpenAPI schemas). Money is integer eurocent. */

export const LAW_CODES = ['wmo', 'jeugdwet', 'participatiewet', 'schuldhulp'] as const;
export const FUNDING_VARIANT = z.enum(['inspanningsgericht', 'outputgericht', 'taakgericht']);
export const CAPACITY_UNITS = [
  'plaatsen',
  'clienten-per-week',
  'uren-per-week',
  'dagdelen-per-week',
] as const;

export const Cents = z.number().int().min(0).max(100_000_000_000).describe('Amount in eurocent (integer)');
const Text = (max: number) => z.string().trim().max(max);
const Name = z.string().trim().min(1).max(200);
const Version = z.number().int().describe('Version; its ETag is the quoted number');

export const IdParams = z.strictObject({ id: z.uuid() });

const serviceFields = {
  name: Name,
  description: Text(2000).default(''),
  kind: z.enum(['algemeen', 'maatwerk']),
  delivery: z.enum(['individueel', 'collectief']),
  lawCode: z.enum(LAW_CODES),
  productCategoryCode: z
    .string()
    .regex(/^[0-9]{2}$/)
    .nullable()
    .default(null)
    .describe('iWmo/iJw productcategorie (two digits, from the catalogue of the law)'),
  productCode: z
    .string()
    .regex(/^[A-Z0-9]{5}$/)
    .nullable()
    .default(null)
    .describe('iWmo/iJw productcode (five characters)'),
  unitCode: z
    .string()
    .regex(/^[0-9]{2}$/)
    .nullable()
    .default(null)
    .describe(
      'iWmo/iJw eenheid (04 uur, 14 etmaal, 16 dagdeel, 82 stuks output, 83 euro, 84 stuks inspanning)',
    ),
  frequencyCode: z
    .string()
    .regex(/^[0-9]$/)
    .nullable()
    .default(null)
    .describe('iWmo/iJw frequentie (1 per dag, 2 per week, 4 per maand, 6 totaal)'),
  fundingVariant: FUNDING_VARIANT.nullable().default(null),
  targetGroup: Text(500).default(''),
  minAge: z.number().int().min(0).max(120).nullable().default(null),
  maxAge: z.number().int().min(0).max(120).nullable().default(null),
};

export const ServiceCreateSchema = z.strictObject({
  code: z
    .string()
    .regex(/^[A-Z0-9-]{2,20}$/)
    .describe('Short code, unique in the municipality (capitals, digits, hyphen)'),
  ...serviceFields,
});
export const ServiceUpdateSchema = z.strictObject(serviceFields);
export type ServiceInput = z.infer<typeof ServiceUpdateSchema>;
export const ServiceActiveSchema = z.strictObject({ active: z.boolean() });

export const ServiceListQuery = z.strictObject({
  kind: z.enum(['algemeen', 'maatwerk']).optional(),
  lawCode: z.enum(LAW_CODES).optional(),
  active: z
    .enum(['true', 'false', 'all'])
    .default('true')
    .describe('Active services only (default), inactive, or all'),
});

export const ServiceSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    description: z.string(),
    kind: z.enum(['algemeen', 'maatwerk']),
    delivery: z.enum(['individueel', 'collectief']),
    lawCode: z.string(),
    productCategoryCode: z.string().nullable(),
    productCode: z.string().nullable(),
    unitCode: z.string().nullable(),
    frequencyCode: z.string().nullable(),
    fundingVariant: FUNDING_VARIANT.nullable(),
    targetGroup: z.string(),
    minAge: z.number().int().nullable(),
    maxAge: z.number().int().nullable(),
    active: z.boolean(),
    version: Version,
  })
  .meta({ id: 'Service' });
export type ServiceView = z.infer<typeof ServiceSchema>;

export const TariffCreateSchema = z.strictObject({
  validFromDate: z.iso.date(),
  validUntilDate: nullableDate().default(null).describe('Inclusive; null: open-ended'),
  tariffCents: Cents,
  unitCode: z
    .string()
    .regex(/^[0-9]{2}$/)
    .optional()
    .describe("Defaults to the service's unit; must be the service's unit when it has one"),
});
export const TariffUpdateSchema = z.strictObject({
  validFromDate: z.iso.date(),
  validUntilDate: nullableDate(),
  tariffCents: Cents,
});
export const TariffSchema = z
  .object({
    id: z.uuid(),
    serviceId: z.uuid(),
    validFromDate: z.iso.date(),
    validUntilDate: nullableDate(),
    tariffCents: z.number().int(),
    unitCode: z.string(),
    version: Version,
  })
  .meta({ id: 'ServiceTariff' });
export const TariffParams = z.strictObject({ id: z.uuid(), tariffId: z.uuid() });

const locationFields = {
  name: Name,
  buurtCode: z.string().regex(/^BU[0-9]{8}$/),
  streetAddress: Text(200).nullable().default(null).describe('Street, number, postcode and place'),
  longitude: z.number().min(-180).max(180).nullable().default(null),
  latitude: z.number().min(-90).max(90).nullable().default(null),
  capacity: z.number().int().min(0).max(1_000_000).nullable().default(null),
  capacityUnit: z.enum(CAPACITY_UNITS).nullable().default(null),
  openingHours: Text(200).nullable().default(null),
  providerId: z.uuid().nullable().default(null).describe('Provider that runs the location, if any'),
};
export const LocationInputSchema = z.strictObject(locationFields);
export type LocationInput = z.infer<typeof LocationInputSchema>;
export const LocationSchema = z
  .object({
    id: z.uuid(),
    serviceId: z.uuid(),
    name: z.string(),
    buurtCode: z.string(),
    buurtName: z.string(),
    wijkCode: z.string(),
    wijkName: z.string(),
    streetAddress: z.string().nullable(),
    longitude: z.number().nullable(),
    latitude: z.number().nullable(),
    capacity: z.number().int().nullable(),
    capacityUnit: z.enum(CAPACITY_UNITS).nullable(),
    openingHours: z.string().nullable(),
    providerId: z.uuid().nullable(),
    version: Version,
  })
  .meta({ id: 'ServiceLocation' });
export type LocationView = z.infer<typeof LocationSchema>;

export const ServiceProviderSchema = z.object({
  providerId: z.uuid(),
  providerName: z.string(),
  contractId: z.uuid(),
  contractReference: z.string(),
  contractStatus: z.string(),
  validFromDate: z.iso.date(),
  validUntilDate: nullableDate(),
  tariffCents: z.number().int().describe('Contracted tariff in the most recent period'),
});

export const ServiceDetailSchema = ServiceSchema.extend({
  productCategoryName: z.string().nullable(),
  tariffs: z.array(TariffSchema),
  locations: z.array(LocationSchema),
  providers: z.array(ServiceProviderSchema).describe('Providers with a contract for this service'),
}).meta({ id: 'ServiceDetail' });

// Algemene voorzieningen near an address (public).
export const NearQuery = z.strictObject({
  municipality: z
    .string()
    .regex(/^GM[0-9]{4}$/)
    .optional()
    .describe("Municipality (CBS code); not needed when logged in (the session's municipality)"),
  postcode: z
    .string()
    .transform((s) => s.replace(/\s+/g, '').toUpperCase())
    .pipe(z.string().regex(/^[1-9][0-9]{3}[A-Z]{2}$/))
    .optional(),
  houseNumber: z.coerce.number().int().min(1).max(99999).optional(),
  wijkCode: z
    .string()
    .regex(/^WK[0-9]{6}$/)
    .optional(),
  buurtCode: z
    .string()
    .regex(/^BU[0-9]{8}$/)
    .optional(),
  lawCode: z.enum(LAW_CODES).optional(),
});
export type NearQueryInput = z.infer<typeof NearQuery>;

export const NearLocationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  buurtCode: z.string(),
  wijkCode: z.string(),
  wijkName: z.string(),
  streetAddress: z.string().nullable(),
  openingHours: z.string().nullable(),
  longitude: z.number().nullable(),
  latitude: z.number().nullable(),
  capacity: z.number().int().nullable(),
  capacityUnit: z.string().nullable(),
  distanceKm: z.number().nullable().describe('From the origin buurt (centroids); null without an origin'),
  inOriginWijk: z.boolean(),
});
export const NearServiceSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  lawCode: z.string(),
  delivery: z.enum(['individueel', 'collectief']),
  targetGroup: z.string(),
  minAge: z.number().int().nullable(),
  maxAge: z.number().int().nullable(),
  inOriginWijk: z.boolean(),
  nearestDistanceKm: z.number().nullable(),
  locations: z.array(NearLocationSchema),
});
export const OriginSchema = z
  .object({
    resolvedFrom: z.enum(['buurt', 'wijk', 'postcode', 'postcode-area', 'address']),
    buurtCode: z.string().nullable(),
    wijkCode: z.string(),
    wijkName: z.string(),
  })
  .nullable()
  .describe('Where distances are measured from; null when nothing was given or the postcode is not known');
export const NearResultSchema = z
  .object({ origin: OriginSchema, items: z.array(NearServiceSchema) })
  .meta({ id: 'AlgemeneVoorzieningenNearby' });

export const FeatureCollectionSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.string(),
        geometry: z.object({ type: z.literal('Point'), coordinates: z.array(z.number()) }),
        properties: z.record(z.string(), z.unknown()),
      }),
    ),
  })
  .meta({ id: 'AlgemeneVoorzieningenMap' });
