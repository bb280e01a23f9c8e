import { sql, type Selectable } from 'kysely';
import { findBuurt } from '../areas/geo-reference.ts';
import type { Tx } from '../platform/db/database.ts';
import type { ServiceTable } from '../platform/db/schema.ts';
import { invalid, problem, type InvalidParam } from '../platform/http/problem.ts';
import { firstOverlap, type Period } from './periods.ts';
import type { LocationInput, LocationView, ServiceInput, ServiceView } from './service-schemas.ts';

/** SQL of the catalogue: services, their reference tariffs by period and their locations. */

export const serviceNotFound = () =>
  problem(404, 'not-found', {
    nl: 'Deze voorziening bestaat niet in deze gemeente.',
    en: 'This service does not exist in this municipality.',
  });

export function toService(row: Selectable<ServiceTable>): ServiceView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    kind: row.kind,
    delivery: row.delivery,
    lawCode: row.law_code,
    productCategoryCode: row.product_category_code,
    productCode: row.product_code,
    unitCode: row.unit_code,
    frequencyCode: row.frequency_code,
    fundingVariant: row.funding_variant,
    targetGroup: row.target_group,
    minAge: row.min_age,
    maxAge: row.max_age,
    active: row.active,
    version: row.version,
  };
}

export async function findService(tx: Tx, m: string, id: string, forUpdate = false) {
  let query = tx.selectFrom('service').selectAll().where('municipality_code', '=', m).where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The iWmo (Wmo and the other laws) or iJw (Jeugdwet) code list a service's codes come from. */
const standardOf = (lawCode: string) => (lawCode === 'jeugdwet' ? 'ijw' : 'iwmo');

/**
 * Checks a service against the catalogue tables (product category of the law, unit and frequency of the
 * iWmo/iJw lists) and the rules of the table: maatwerk under the Wmo or the Jeugdwet needs a category,
 * product code and unit; an age range runs upwards.
 */
export async function validateService(tx: Tx, s: ServiceInput): Promise<void> {
  const errors: InvalidParam[] = [];
  const iStandaardLaw = s.lawCode === 'wmo' || s.lawCode === 'jeugdwet';
  if (s.productCategoryCode !== null) {
    const category = iStandaardLaw
      ? await tx
          .selectFrom('product_category')
          .select('code')
          .where('law_code', '=', s.lawCode)
          .where('code', '=', s.productCategoryCode)
          .executeTakeFirst()
      : undefined;
    if (!category)
      errors.push({
        name: 'body.productCategoryCode',
        code: 'unknown-product-category',
        reason: {
          nl: `Productcategorie ${s.productCategoryCode} bestaat niet voor deze wet (iWmo/iJw 3.2).`,
          en: `Product category ${s.productCategoryCode} does not exist for this law (iWmo/iJw 3.2).`,
        },
      });
  }
  for (const [field, list, value] of [
    ['unitCode', 'eenheid', s.unitCode],
    ['frequencyCode', 'frequentie', s.frequencyCode],
  ] as const) {
    if (value === null) continue;
    const known = await tx
      .selectFrom('istandaard_code')
      .select('code')
      .where('standard', '=', standardOf(s.lawCode))
      .where('list', '=', list)
      .where('code', '=', value)
      .executeTakeFirst();
    if (!known)
      errors.push({
        name: `body.${field}`,
        code: `unknown-${list}`,
        reason: {
          nl: `Code ${value} staat niet in de lijst ${list} van de iWmo/iJw-standaard.`,
          en: `Code ${value} is not in the ${list} list of the iWmo/iJw standard.`,
        },
      });
  }
  if (s.kind === 'maatwerk' && iStandaardLaw) {
    for (const field of ['productCategoryCode', 'productCode', 'unitCode'] as const)
      if (s[field] === null)
        errors.push({
          name: `body.${field}`,
          code: 'required',
          reason: {
            nl: 'Verplicht voor een maatwerkvoorziening onder de Wmo of de Jeugdwet.',
            en: 'Required for a maatwerkvoorziening under the Wmo or the Jeugdwet.',
          },
        });
  }
  if (s.productCode !== null && s.productCategoryCode === null)
    errors.push({
      name: 'body.productCategoryCode',
      code: 'required',
      reason: {
        nl: 'Een productcode hoort bij een productcategorie.',
        en: 'A product code belongs to a product category.',
      },
    });
  if (s.minAge !== null && s.maxAge !== null && s.minAge > s.maxAge)
    errors.push({
      name: 'body.maxAge',
      code: 'age-range',
      reason: {
        nl: 'De maximumleeftijd ligt onder de minimumleeftijd.',
        en: 'The maximum age is below the minimum age.',
      },
    });
  if (errors.length > 0) throw invalid(errors);
}

export const serviceColumns = (s: ServiceInput) => ({
  name: s.name,
  description: s.description,
  kind: s.kind,
  delivery: s.delivery,
  law_code: s.lawCode,
  product_category_code: s.productCategoryCode,
  product_code: s.productCode,
  unit_code: s.unitCode,
  frequency_code: s.frequencyCode,
  funding_variant: s.fundingVariant,
  target_group: s.targetGroup,
  min_age: s.minAge,
  max_age: s.maxAge,
});

// Tariffs.

export interface TariffRow {
  id: string;
  serviceId: string;
  validFromDate: string;
  validUntilDate: string | null;
  tariffCents: number;
  unitCode: string;
  version: number;
}

export async function tariffsOf(tx: Tx, m: string, serviceId: string): Promise<TariffRow[]> {
  const rows = await tx
    .selectFrom('service_tariff')
    .selectAll()
    .where('municipality_code', '=', m)
    .where('service_id', '=', serviceId)
    .orderBy('valid_from')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    serviceId: r.service_id,
    validFromDate: r.valid_from,
    validUntilDate: r.valid_until,
    tariffCents: Number(r.tariff_cents),
    unitCode: r.unit_code,
    version: r.version,
  }));
}

export function periodProblem(field: string, from: string, until: string | null) {
  if (until !== null && until < from)
    return invalid([
      {
        name: `body.${field}`,
        code: 'period-reversed',
        reason: { nl: 'De einddatum ligt voor de begindatum.', en: 'The end date is before the start date.' },
      },
    ]);
  return null;
}

/** 409 when the period overlaps another tariff of the service (the caller holds the service's row lock). */
export function assertNoTariffOverlap(period: Period, tariffs: readonly TariffRow[], except?: string) {
  const clash = firstOverlap(
    period,
    tariffs.map((t) => ({ id: t.id, from: t.validFromDate, until: t.validUntilDate })),
    except,
  );
  if (clash)
    throw problem(
      409,
      'tariff-overlap',
      {
        nl: `Deze periode overlapt met het tarief vanaf ${clash.from}${clash.until ? ` tot en met ${clash.until}` : ''}. Beëindig dat tarief eerst.`,
        en: `This period overlaps the tariff from ${clash.from}${clash.until ? ` to ${clash.until}` : ''}. End that tariff first.`,
      },
      {
        invalidParams: [
          {
            name: 'body.validFromDate',
            code: 'tariff-overlap',
            reason: { nl: `Overlapt met tarief ${clash.id}.`, en: `Overlaps tariff ${clash.id}.` },
          },
        ],
      },
    );
}

// Locations.

export async function locationsOf(tx: Tx, m: string, serviceId?: string): Promise<LocationView[]> {
  let query = tx
    .selectFrom('service_location as l')
    .innerJoin('buurt as b', (j) =>
      j.onRef('b.municipality_code', '=', 'l.municipality_code').onRef('b.code', '=', 'l.buurt_code'),
    )
    .innerJoin('wijk as w', (j) =>
      j.onRef('w.municipality_code', '=', 'b.municipality_code').onRef('w.code', '=', 'b.wijk_code'),
    )
    .where('l.municipality_code', '=', m)
    .select([
      'l.id',
      'l.service_id',
      'l.name',
      'l.buurt_code',
      'b.name as buurt_name',
      'b.wijk_code',
      'w.name as wijk_name',
      'l.street_address',
      'l.longitude',
      'l.latitude',
      'l.capacity',
      'l.capacity_unit',
      'l.opening_hours',
      'l.provider_id',
      'l.version',
    ])
    .orderBy('w.name')
    .orderBy('l.name');
  if (serviceId) query = query.where('l.service_id', '=', serviceId);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    serviceId: r.service_id,
    name: r.name,
    buurtCode: r.buurt_code,
    buurtName: r.buurt_name,
    wijkCode: r.wijk_code,
    wijkName: r.wijk_name,
    streetAddress: r.street_address,
    longitude: r.longitude,
    latitude: r.latitude,
    capacity: r.capacity,
    capacityUnit: r.capacity_unit,
    openingHours: r.opening_hours,
    providerId: r.provider_id,
    version: r.version,
  }));
}

/** Checks a location's buurt and provider exist here; fills the position from the buurt when not given. */
export async function locationColumns(tx: Tx, m: string, l: LocationInput) {
  const errors: InvalidParam[] = [];
  const buurt = await tx
    .selectFrom('buurt')
    .select('code')
    .where('municipality_code', '=', m)
    .where('code', '=', l.buurtCode)
    .executeTakeFirst();
  if (!buurt)
    errors.push({
      name: 'body.buurtCode',
      code: 'unknown-buurt',
      reason: { nl: 'Deze buurt ligt niet in deze gemeente.', en: 'This buurt is not in this municipality.' },
    });
  if (l.providerId !== null) {
    const provider = await tx
      .selectFrom('provider')
      .select('id')
      .where('municipality_code', '=', m)
      .where('id', '=', l.providerId)
      .executeTakeFirst();
    if (!provider)
      errors.push({
        name: 'body.providerId',
        code: 'unknown-provider',
        reason: {
          nl: 'Deze aanbieder bestaat niet in deze gemeente.',
          en: 'This provider does not exist here.',
        },
      });
  }
  if ((l.capacity === null) !== (l.capacityUnit === null))
    errors.push({
      name: 'body.capacityUnit',
      code: 'capacity-pair',
      reason: {
        nl: 'Geef de capaciteit en de eenheid ervan samen op (of geen van beide).',
        en: 'Give the capacity together with its unit (or neither).',
      },
    });
  if ((l.longitude === null) !== (l.latitude === null))
    errors.push({
      name: 'body.latitude',
      code: 'position-pair',
      reason: {
        nl: 'Geef lengte- en breedtegraad samen op (of geen van beide).',
        en: 'Give longitude and latitude together (or neither).',
      },
    });
  if (errors.length > 0) throw invalid(errors);
  const centroid = l.longitude === null ? findBuurt(l.buurtCode)?.centroid : undefined;
  return {
    name: l.name,
    buurt_code: l.buurtCode,
    street_address: l.streetAddress,
    longitude: l.longitude ?? centroid?.[0] ?? null,
    latitude: l.latitude ?? centroid?.[1] ?? null,
    capacity: l.capacity,
    capacity_unit: l.capacityUnit,
    opening_hours: l.openingHours,
    provider_id: l.providerId,
  };
}

/** Providers with a contract product for the service: one line per contract, its latest tariff. */
export async function providersOf(tx: Tx, m: string, serviceId: string) {
  const rows = await sql<{
    provider_id: string;
    provider_name: string;
    contract_id: string;
    reference: string;
    status: string;
    valid_from: string;
    valid_until: string | null;
    tariff_cents: string;
  }>`SELECT DISTINCT ON (c.id) p.id AS provider_id, p.name AS provider_name, c.id AS contract_id, c.reference,
        c.status, c.valid_from::text AS valid_from, c.valid_until::text AS valid_until, cp.tariff_cents
      FROM contract_product cp
      JOIN contract c ON c.municipality_code = cp.municipality_code AND c.id = cp.contract_id
      JOIN provider p ON p.municipality_code = c.municipality_code AND p.id = c.provider_id
      WHERE cp.municipality_code = ${m} AND cp.service_id = ${serviceId}
      ORDER BY c.id, cp.valid_from DESC`.execute(tx);
  return rows.rows
    .map((r) => ({
      providerId: r.provider_id,
      providerName: r.provider_name,
      contractId: r.contract_id,
      contractReference: r.reference,
      contractStatus: r.status,
      validFromDate: r.valid_from,
      validUntilDate: r.valid_until,
      tariffCents: Number(r.tariff_cents),
    }))
    .sort((a, b) => a.providerName.localeCompare(b.providerName, 'nl'));
}
