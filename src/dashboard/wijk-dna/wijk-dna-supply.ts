import { sql } from 'kysely';
import type { AreaGeometry } from '../../areas/geo-reference.ts';
import type { Tx } from '../../platform/db/database.ts';
import { supplyByArea, type AreaSupply, type SupplyLocation } from './nearby.ts';

/**
 * The supply side of the Wijk-DNA: the locations of active algemene voorzieningen (catalogue data, read
 * straight from service_location; a few hundred rows at most) per area shown, in it and nearby, and for
 * the whole municipality.
 */

export interface WijkDnaSupply {
  byArea: Map<string, AreaSupply>;
  /** The whole municipality: every location; nothing nearby (locations of neighbouring municipalities are unknown here). */
  municipality: { locations: number; capacity: number; providers: number };
}

export async function loadSupply(
  tx: Tx,
  mc: string,
  level: 'wijk' | 'buurt',
  areaCodes: string[],
): Promise<WijkDnaSupply> {
  const { rows } = await sql<{
    buurt_code: string;
    wijk_code: string;
    longitude: number | null;
    latitude: number | null;
    capacity: number;
    provider_id: string | null;
  }>`
    SELECT b.code AS buurt_code, b.wijk_code, l.longitude, l.latitude,
      CASE WHEN l.capacity_unit IN ('plaatsen', 'clienten-per-week') THEN l.capacity ELSE 0 END AS capacity,
      l.provider_id
    FROM service_location l
    JOIN service sv ON sv.municipality_code = l.municipality_code AND sv.id = l.service_id
    JOIN buurt b ON b.municipality_code = l.municipality_code AND b.code = l.buurt_code
    WHERE l.municipality_code = ${mc} AND sv.kind = 'algemeen' AND sv.active
    ORDER BY l.id`.execute(tx);
  const locations: SupplyLocation[] = rows.map((r) => ({
    areaCode: level === 'wijk' ? r.wijk_code : r.buurt_code,
    position: r.longitude === null || r.latitude === null ? null : [r.longitude, r.latitude],
    capacity: r.capacity,
    providerId: r.provider_id,
  }));
  const areas =
    areaCodes.length === 0
      ? []
      : await tx
          .selectFrom(level)
          .select(['code', 'geometry'])
          .where('municipality_code', '=', mc)
          .where('code', 'in', areaCodes)
          .orderBy('code')
          .execute();
  return {
    byArea: supplyByArea(
      areas.map((a) => ({ code: a.code, geometry: a.geometry as unknown as AreaGeometry })),
      locations,
    ),
    municipality: {
      locations: locations.length,
      capacity: locations.reduce((sum, l) => sum + l.capacity, 0),
      providers: new Set(locations.flatMap((l) => (l.providerId ? [l.providerId] : []))).size,
    },
  };
}
