/**
 * Puts the standard catalogue (src/services/catalogue.ts) into a municipality: the services, a reference
 * tariff per calendar year, and for algemene voorzieningen a location per wijk (or one for the city) with
 * its capacity. Idempotent: what exists is left alone. Runs as the database owner (demo seed, generator).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { municipalityGeo } from '../areas/geo-reference.ts';
import { stableUuid } from '../areas/areas-seed.ts';
import type { DB } from '../platform/db/schema.ts';
import { STANDARD_CATALOGUE, tariffInYear } from './catalogue.ts';

/** Years for which reference tariffs are written. */
export const TARIFF_YEARS = { first: 1995, last: 2035 } as const;

const NAMESPACE = '6f1f3c52-7a43-4c55-9c3e-1d2b4a5e6f70';

export async function seedCatalogue(
  db: Kysely<DB> | Transaction<DB>,
  municipalityCode: string,
): Promise<Map<string, string>> {
  const m = municipalityCode;
  const id = (name: string) => stableUuid(NAMESPACE, `${m}/${name}`);
  await sql`INSERT INTO service (municipality_code, id, code, name, description, kind, delivery, law_code,
      product_category_code, product_code, unit_code, frequency_code, funding_variant, target_group, min_age, max_age)
    VALUES ${sql.join(
      STANDARD_CATALOGUE.map(
        (
          s,
        ) => sql`(${m}, ${id(s.code)}::uuid, ${s.code}, ${s.name}, ${s.description}, ${s.kind}, ${s.delivery}, ${s.law},
          ${s.productCategory}, ${s.productCode}, ${s.unit}, ${s.frequency}, ${s.fundingVariant}, ${s.targetGroup}, ${s.minAge}, ${s.maxAge})`,
      ),
    )}
    ON CONFLICT (municipality_code, code) DO NOTHING`.execute(db);
  const { rows } = await sql<{
    code: string;
    id: string;
  }>`SELECT code, id FROM service WHERE municipality_code = ${m}`.execute(db);
  const ids = new Map(rows.map((r) => [r.code, r.id] as const));

  const tariffs = STANDARD_CATALOGUE.filter((s) => s.tariff2026Cents !== null && s.unit !== null).flatMap(
    (s) =>
      Array.from({ length: TARIFF_YEARS.last - TARIFF_YEARS.first + 1 }, (_, i) => {
        const year = TARIFF_YEARS.first + i;
        return sql`(${m}, ${id(`${s.code}/${year}`)}::uuid, ${ids.get(s.code)!}::uuid, ${`${year}-01-01`}::date, ${`${year}-12-31`}::date,
        ${tariffInYear(s.tariff2026Cents!, year)}, ${s.unit})`;
      }),
  );
  await sql`INSERT INTO service_tariff (municipality_code, id, service_id, valid_from, valid_until, tariff_cents, unit_code)
    VALUES ${sql.join(tariffs)} ON CONFLICT DO NOTHING`.execute(db);

  const geo = municipalityGeo(m);
  if (geo) {
    const locations = STANDARD_CATALOGUE.filter((s) => s.locations).flatMap((s) => {
      const where = s.locations!.perWijk
        ? geo.wijken.map((w) => ({
            label: w.name.replace(/^Wijk \d+\s+/, ''),
            buurt: geo.buurten.find((b) => b.wijkCode === w.code),
          }))
        : [{ label: geo.name, buurt: geo.buurten[0] }];
      return where
        .filter((w) => w.buurt)
        .map(
          (
            w,
          ) => sql`(${m}, ${id(`${s.code}/${w.buurt!.code}`)}::uuid, ${ids.get(s.code)!}::uuid, ${`${s.name} ${w.label}`},
            ${w.buurt!.code}, ${w.buurt!.centroid[0]}, ${w.buurt!.centroid[1]}, ${s.locations!.capacity}, ${s.locations!.capacityUnit})`,
        );
    });
    await sql`INSERT INTO service_location (municipality_code, id, service_id, name, buurt_code, longitude, latitude, capacity, capacity_unit)
      VALUES ${sql.join(locations)} ON CONFLICT DO NOTHING`.execute(db);
  }
  return ids;
}
