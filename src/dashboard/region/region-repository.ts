import type { Tx } from '../../platform/db/database.ts';

/**
 * Regions (samenwerkingsverbanden) from the shared catalogue (region, region_member) and which of their
 * members run on this Grip (have a row in the tenant registry `municipality`). Catalogue reads only: no
 * tenant data of another municipality is read here.
 */

export interface RegionMember {
  municipalityCode: string;
  name: string;
  /** The municipality runs on this Grip, so its figures can be read (each in its own tenant transaction). */
  onThisServer: boolean;
}

export interface Region {
  code: string;
  name: string;
  kind: 'samenwerkingsverband' | 'jeugdregio' | 'arbeidsmarktregio' | 'centrumgemeente-bw';
  members: RegionMember[];
}

async function membersOf(tx: Tx, regionCodes: string[]): Promise<Map<string, RegionMember[]>> {
  const byRegion = new Map<string, RegionMember[]>();
  if (regionCodes.length === 0) return byRegion;
  const rows = await tx
    .selectFrom('region_member as rm')
    .leftJoin('municipality as m', 'm.code', 'rm.municipality_code')
    .select(['rm.region_code', 'rm.municipality_code', 'rm.municipality_name', 'm.code as registered'])
    .where('rm.region_code', 'in', regionCodes)
    .orderBy('rm.municipality_name')
    .orderBy('rm.municipality_code')
    .execute();
  for (const row of rows) {
    const list = byRegion.get(row.region_code) ?? [];
    list.push({
      municipalityCode: row.municipality_code,
      name: row.municipality_name,
      onThisServer: row.registered !== null,
    });
    byRegion.set(row.region_code, list);
  }
  return byRegion;
}

/** The regions the municipality is a member of, each with all its members. */
export async function regionsOf(tx: Tx, municipalityCode: string): Promise<Region[]> {
  const regions = await tx
    .selectFrom('region as r')
    .innerJoin('region_member as rm', 'rm.region_code', 'r.code')
    .select(['r.code', 'r.name', 'r.kind'])
    .where('rm.municipality_code', '=', municipalityCode)
    .orderBy('r.name')
    .execute();
  const members = await membersOf(
    tx,
    regions.map((r) => r.code),
  );
  return regions.map((r) => ({ ...r, members: members.get(r.code) ?? [] }));
}

/** One region, only when the municipality is a member of it (otherwise undefined, as if it did not exist). */
export async function regionForMember(
  tx: Tx,
  regionCode: string,
  municipalityCode: string,
): Promise<Region | undefined> {
  return (await regionsOf(tx, municipalityCode)).find((r) => r.code === regionCode);
}
