import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../platform/db/schema.ts';
import { BUURT_EDITION, GeoReferenceError, municipalityGeo, WIJK_EDITION } from './geo-reference.ts';

/**
 * Loads a municipality's areas from the vendored boundaries: the national cbs_area rows (gemeente,
 * wijken, buurten), the municipality's wijk and buurt rows with their polygons, and a set of
 * vindplaatsen. Idempotent: rows that exist (by key, or for vindplaatsen also by name) are left alone.
 *
 * Runs as the database owner (the demo seed, an import), not in a request transaction: the application
 * role may only read cbs_area. The municipality row must exist. Plain SQL, so it does not depend on the
 * Kysely table types.
 */

/** Kinds of vindplaats, as the CHECK on vindplaats.kind allows them. */
export const VINDPLAATS_KINDS = [
  'zorgloket',
  'wijkteam',
  'huisartsenpraktijk',
  'consultatiebureau',
  'school',
  'bibliotheek',
  'werkplein',
  'schuldhulploket',
  'online',
  'ziekenhuis',
  'politie',
  'woningcorporatie',
] as const;
export type VindplaatsKind = (typeof VINDPLAATS_KINDS)[number];

export interface VindplaatsSeed {
  id: string;
  kind: VindplaatsKind;
  name: string;
  /** Wijk the place serves or lies in; null for city-wide places. */
  wijkCode: string | null;
  /** Buurt the place lies in; null where it has no address of its own (wijkteam, online). */
  buurtCode: string | null;
}

export interface SeedAreasResult {
  cbsAreas: number;
  wijken: number;
  buurten: number;
  vindplaatsen: number;
}

type Place = [kind: VindplaatsKind, name: string, wijkCode: string | null, buurtCode: string | null];

/**
 * Vindplaatsen besides the Zorgloket and the wijkteams. External organisations carry "(fictief)": the
 * names are made up and must not be read as real practices, schools or libraries; the wijken and buurten
 * they lie in are real. City-wide places have no wijk but do have the buurt where they are.
 */
const PLACES: Record<string, Place[]> = {
  GM0164: [
    ['huisartsenpraktijk', 'Huisartsenpraktijk De Esch (fictief)', 'WK016401', 'BU01640100'],
    ['huisartsenpraktijk', 'Huisartsenpraktijk Tuindorp (fictief)', 'WK016406', 'BU01640601'],
    ['huisartsenpraktijk', 'Gezondheidscentrum Groot Driene (fictief)', 'WK016404', 'BU01640403'],
    ['huisartsenpraktijk', 'Huisartsen Woolder Es (fictief)', 'WK016407', 'BU01640702'],
    ['consultatiebureau', 'Consultatiebureau Hasseler Es (fictief)', 'WK016403', 'BU01640306'],
    ['consultatiebureau', 'Consultatiebureau Berflo Es (fictief)', 'WK016405', 'BU01640501'],
    ['school', 'Basisschool De Regenboog (fictief)', 'WK016402', 'BU01640201'],
    ['school', 'Basisschool Het Kompas (fictief)', 'WK016408', 'BU01640801'],
    ['school', 'Basisschool De Vlinder (fictief)', 'WK016403', 'BU01640302'],
    ['school', 'Scholengemeenschap Hengelo-Noord (fictief)', 'WK016402', 'BU01640200'],
    ['bibliotheek', 'Bibliotheek Centrum (fictief)', null, 'BU01640000'],
    ['werkplein', 'Werkplein Hengelo', null, 'BU01640001'],
    ['schuldhulploket', 'Schuldhulploket Hengelo', null, 'BU01640000'],
  ],
  GM0153: [
    ['huisartsenpraktijk', 'Huisartsenpraktijk Roombeek (fictief)', 'WK015304', 'BU01530402'],
    ['huisartsenpraktijk', 'Huisartsenpraktijk Stroinkslanden (fictief)', 'WK015306', 'BU01530600'],
    ['huisartsenpraktijk', 'Gezondheidscentrum Glanerbrug (fictief)', 'WK015308', 'BU01530800'],
    ['huisartsenpraktijk', 'Huisartsen Boswinkel (fictief)', 'WK015302', 'BU01530201'],
    ['huisartsenpraktijk', 'Huisartsenpraktijk Velve (fictief)', 'WK015301', 'BU01530100'],
    ['consultatiebureau', 'Consultatiebureau Wesselerbrink (fictief)', 'WK015306', 'BU01530603'],
    ['consultatiebureau', 'Consultatiebureau Twekkelerveld (fictief)', 'WK015303', 'BU01530301'],
    ['consultatiebureau', 'Consultatiebureau Deppenbroek (fictief)', 'WK015304', 'BU01530404'],
    ['school', 'Basisschool De Boomgaard (fictief)', 'WK015301', 'BU01530102'],
    ['school', 'Basisschool Het Palet (fictief)', 'WK015305', 'BU01530501'],
    ['school', 'Basisschool De Esmarke (fictief)', 'WK015309', 'BU01530903'],
    ['school', 'Basisschool Glanermaten (fictief)', 'WK015308', 'BU01530802'],
    ['school', 'Scholengemeenschap Enschede-Zuid (fictief)', 'WK015306', 'BU01530607'],
    ['school', 'Vakcollege Enschede-Noord (fictief)', 'WK015304', 'BU01530403'],
    ['bibliotheek', 'Bibliotheek Centrum (fictief)', null, 'BU01530000'],
    ['werkplein', 'Werkplein Enschede', null, 'BU01530007'],
    ['schuldhulploket', 'Schuldhulploket Enschede', null, 'BU01530000'],
  ],
};

// Fixed namespace for the name-based (version 5) vindplaats ids: the same municipality and name always
// give the same id, on every installation and every run.
const VINDPLAATS_NAMESPACE = '3f6c2b1e-8d4a-5e7f-9a0b-6c1d2e3f4a5b';

export function stableUuid(namespace: string, name: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** "Wijk 03 Hasseler Es" → "Hasseler Es": the CBS wijk name without its number. */
export function wijkShortName(name: string): string {
  return name.replace(/^Wijk \d+\s+/, '');
}

/** The vindplaatsen seeded for a municipality, in a fixed order. */
export function vindplaatsenFor(municipalityCode: string): VindplaatsSeed[] {
  const geo = municipalityGeo(municipalityCode);
  if (!geo) throw new GeoReferenceError(`no geo data for ${municipalityCode}`);
  const places: Place[] = [
    // The Zorgloket serves the whole city from its centre: the first buurt (Binnenstad-Centrum, City).
    ['zorgloket', `Zorgloket ${geo.name}`, null, geo.buurten[0]!.code],
    ...geo.wijken.map((w): Place => ['wijkteam', `Wijkteam ${wijkShortName(w.name)}`, w.code, null]),
    ...(PLACES[municipalityCode] ?? []),
    ['online', 'Online aanmeldformulier', null, null],
  ];
  return places.map(([kind, name, wijkCode, buurtCode]) => ({
    id: stableUuid(VINDPLAATS_NAMESPACE, `${municipalityCode}/${name}`),
    kind,
    name,
    wijkCode,
    buurtCode,
  }));
}

export async function seedAreas(
  db: Kysely<DB> | Transaction<DB>,
  municipalityCode: string,
): Promise<SeedAreasResult> {
  const geo = municipalityGeo(municipalityCode);
  if (!geo) throw new GeoReferenceError(`no geo data for ${municipalityCode}`);
  const count = (result: { rows: unknown[] }) => result.rows.length;

  const cbsRows = [
    sql`(${geo.code}, 'gemeente', ${geo.name}, ${geo.code}, NULL, ${WIJK_EDITION})`,
    ...geo.wijken.map((w) => sql`(${w.code}, 'wijk', ${w.name}, ${geo.code}, NULL, ${WIJK_EDITION})`),
    ...geo.buurten.map(
      (b) => sql`(${b.code}, 'buurt', ${b.name}, ${geo.code}, ${b.wijkCode}, ${BUURT_EDITION})`,
    ),
  ];
  const cbsAreas = count(
    await sql`INSERT INTO cbs_area (code, kind, name, gemeente_code, wijk_code, edition)
      VALUES ${sql.join(cbsRows)}
      ON CONFLICT (code) DO NOTHING RETURNING code`.execute(db),
  );

  const wijken = count(
    await sql`INSERT INTO wijk (municipality_code, code, name, geometry)
      VALUES ${sql.join(
        geo.wijken.map((w) => sql`(${geo.code}, ${w.code}, ${w.name}, ${JSON.stringify(w.geometry)}::jsonb)`),
      )}
      ON CONFLICT (municipality_code, code) DO NOTHING RETURNING code`.execute(db),
  );

  const buurten = count(
    await sql`INSERT INTO buurt (municipality_code, code, wijk_code, name, geometry)
      VALUES ${sql.join(
        geo.buurten.map(
          (b) =>
            sql`(${geo.code}, ${b.code}, ${b.wijkCode}, ${b.name}, ${JSON.stringify(b.geometry)}::jsonb)`,
        ),
      )}
      ON CONFLICT (municipality_code, code) DO NOTHING RETURNING code`.execute(db),
  );

  const vindplaatsen = count(
    await sql`INSERT INTO vindplaats (municipality_code, id, kind, name, wijk_code, buurt_code)
      VALUES ${sql.join(
        vindplaatsenFor(geo.code).map(
          (v) => sql`(${geo.code}, ${v.id}::uuid, ${v.kind}, ${v.name}, ${v.wijkCode}, ${v.buurtCode})`,
        ),
      )}
      ON CONFLICT DO NOTHING RETURNING id`.execute(db),
  );

  return { cbsAreas, wijken, buurten, vindplaatsen };
}
