import type { FastifyRequest } from 'fastify';
import { findBuurt, municipalityGeo, type Position } from '../areas/geo-reference.ts';
import { CASEWORK } from '../access/purposes.ts';
import { distanceKm } from '../intake/algemene-voorzieningen-routes.ts';
import { inPublicTenant } from '../intake/online-public-transaction.ts';
import type { Tx } from '../platform/db/database.ts';
import { invalid, problem } from '../platform/http/problem.ts';
import type { Deps, GripApp } from '../platform/http/types.ts';
import {
  FeatureCollectionSchema,
  NearQuery,
  NearResultSchema,
  type NearQueryInput,
} from './service-schemas.ts';

/**
 * Algemene voorzieningen near an address, for residents (no log-in, or the inwoner role) and
 * professionals: a list ordered by wijk and distance, and the same locations as GeoJSON for a map.
 *
 * Where from: a buurt or wijk code, or a postcode. Grip has no BAG link, so a postcode is placed in the
 * buurt where most addresses Grip knows with that postcode lie — only when there are at least
 * POSTCODE_MIN_ADDRESSES of them (else the four-digit area, else no origin), so that the answer never
 * reveals whether one household is known to the social domain. A caseworker who gives a house number too
 * gets the buurt of that exact address when Grip knows it. Distances are between buurt (or wijk)
 * centroids of the CBS polygons, as in the intake's list near a resident (whose distance function this
 * reuses).
 */

const TAGS = ['Catalogue'];
export const POSTCODE_MIN_ADDRESSES = 10;

interface Origin {
  resolvedFrom: 'buurt' | 'wijk' | 'postcode' | 'postcode-area' | 'address';
  buurtCode: string | null;
  wijkCode: string;
  wijkName: string;
  position: Position | null;
}

async function wijkOrigin(
  tx: Tx,
  m: string,
  resolvedFrom: Origin['resolvedFrom'],
  buurtCode: string | null,
  wijkCode: string,
): Promise<Origin | null> {
  const wijk = await tx
    .selectFrom('wijk')
    .select(['code', 'name'])
    .where('municipality_code', '=', m)
    .where('code', '=', wijkCode)
    .executeTakeFirst();
  if (!wijk) return null;
  const position = buurtCode
    ? (findBuurt(buurtCode)?.centroid ?? null)
    : (municipalityGeo(m)?.wijken.find((w) => w.code === wijkCode)?.centroid ?? null);
  return { resolvedFrom, buurtCode, wijkCode: wijk.code, wijkName: wijk.name, position };
}

async function buurtOrigin(tx: Tx, m: string, resolvedFrom: Origin['resolvedFrom'], buurtCode: string) {
  const buurt = await tx
    .selectFrom('buurt')
    .select(['code', 'wijk_code'])
    .where('municipality_code', '=', m)
    .where('code', '=', buurtCode)
    .executeTakeFirst();
  return buurt ? wijkOrigin(tx, m, resolvedFrom, buurt.code, buurt.wijk_code) : null;
}

/** The buurt most addresses with this postcode (or postcode prefix) lie in, if enough are known. */
async function majorityBuurt(tx: Tx, m: string, postcodePattern: string): Promise<string | null> {
  const rows = await tx
    .selectFrom('address')
    .select(['buurt_code', (eb) => eb.fn.countAll<string>().as('n')])
    .where('municipality_code', '=', m)
    .where('postcode', 'like', postcodePattern)
    .where('buurt_code', 'is not', null)
    .groupBy('buurt_code')
    .orderBy('n', 'desc')
    .orderBy('buurt_code')
    .execute();
  const total = rows.reduce((sum, r) => sum + Number(r.n), 0);
  return total >= POSTCODE_MIN_ADDRESSES ? rows[0]!.buurt_code : null;
}

async function resolveOrigin(
  tx: Tx,
  m: string,
  q: NearQueryInput,
  caseworker: boolean,
): Promise<Origin | null> {
  if (q.buurtCode) {
    const origin = await buurtOrigin(tx, m, 'buurt', q.buurtCode);
    if (!origin)
      throw invalid([
        {
          name: 'query.buurtCode',
          code: 'unknown-buurt',
          reason: {
            nl: 'Deze buurt ligt niet in deze gemeente.',
            en: 'This buurt is not in this municipality.',
          },
        },
      ]);
    return origin;
  }
  if (q.wijkCode) {
    const origin = await wijkOrigin(tx, m, 'wijk', null, q.wijkCode);
    if (!origin)
      throw invalid([
        {
          name: 'query.wijkCode',
          code: 'unknown-wijk',
          reason: {
            nl: 'Deze wijk ligt niet in deze gemeente.',
            en: 'This wijk is not in this municipality.',
          },
        },
      ]);
    return origin;
  }
  if (q.postcode) {
    if (caseworker && q.houseNumber !== undefined) {
      const address = await tx
        .selectFrom('address')
        .select('buurt_code')
        .where('municipality_code', '=', m)
        .where('postcode', '=', q.postcode)
        .where('house_number', '=', q.houseNumber)
        .where('buurt_code', 'is not', null)
        .executeTakeFirst();
      if (address?.buurt_code) return buurtOrigin(tx, m, 'address', address.buurt_code);
    }
    const exact = await majorityBuurt(tx, m, q.postcode);
    if (exact) return buurtOrigin(tx, m, 'postcode', exact);
    const area = await majorityBuurt(tx, m, `${q.postcode.slice(0, 4)}%`);
    if (area) return buurtOrigin(tx, m, 'postcode-area', area);
  }
  return null;
}

async function nearby(tx: Tx, m: string, q: NearQueryInput, caseworker: boolean) {
  const origin = await resolveOrigin(tx, m, q, caseworker);
  let services = tx
    .selectFrom('service')
    .where('municipality_code', '=', m)
    .where('kind', '=', 'algemeen')
    .where('active', '=', true)
    .select([
      'id',
      'code',
      'name',
      'description',
      'law_code',
      'delivery',
      'target_group',
      'min_age',
      'max_age',
    ]);
  if (q.lawCode) services = services.where('law_code', '=', q.lawCode);
  const serviceRows = await services.execute();
  const locations = await tx
    .selectFrom('service_location as l')
    .innerJoin('service as s', (j) =>
      j.onRef('s.municipality_code', '=', 'l.municipality_code').onRef('s.id', '=', 'l.service_id'),
    )
    .innerJoin('buurt as b', (j) =>
      j.onRef('b.municipality_code', '=', 'l.municipality_code').onRef('b.code', '=', 'l.buurt_code'),
    )
    .innerJoin('wijk as w', (j) =>
      j.onRef('w.municipality_code', '=', 'b.municipality_code').onRef('w.code', '=', 'b.wijk_code'),
    )
    .where('l.municipality_code', '=', m)
    .where('s.kind', '=', 'algemeen')
    .where('s.active', '=', true)
    .select([
      'l.id',
      'l.service_id',
      'l.name',
      'l.buurt_code',
      'b.wijk_code',
      'w.name as wijk_name',
      'l.street_address',
      'l.opening_hours',
      'l.longitude',
      'l.latitude',
      'l.capacity',
      'l.capacity_unit',
    ])
    .execute();
  const items = serviceRows
    .map((s) => {
      const own = locations
        .filter((l) => l.service_id === s.id)
        .map((l) => {
          const at: Position | null =
            l.longitude !== null && l.latitude !== null
              ? [l.longitude, l.latitude]
              : (findBuurt(l.buurt_code)?.centroid ?? null);
          const distance =
            origin?.position && at ? Math.round(distanceKm(origin.position, at) * 100) / 100 : null;
          return {
            id: l.id,
            name: l.name,
            buurtCode: l.buurt_code,
            wijkCode: l.wijk_code,
            wijkName: l.wijk_name,
            streetAddress: l.street_address,
            openingHours: l.opening_hours,
            longitude: at?.[0] ?? null,
            latitude: at?.[1] ?? null,
            capacity: l.capacity,
            capacityUnit: l.capacity_unit,
            distanceKm: distance,
            inOriginWijk: origin !== null && l.wijk_code === origin.wijkCode,
          };
        })
        .sort(
          (a, b) =>
            Number(b.inOriginWijk) - Number(a.inOriginWijk) ||
            (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) ||
            a.wijkName.localeCompare(b.wijkName, 'nl') ||
            a.name.localeCompare(b.name, 'nl'),
        );
      const distances = own.map((l) => l.distanceKm).filter((d): d is number => d !== null);
      return {
        id: s.id,
        code: s.code,
        name: s.name,
        description: s.description,
        lawCode: s.law_code,
        delivery: s.delivery,
        targetGroup: s.target_group,
        minAge: s.min_age,
        maxAge: s.max_age,
        inOriginWijk: own.some((l) => l.inOriginWijk),
        nearestDistanceKm: distances.length > 0 ? Math.min(...distances) : null,
        locations: own,
      };
    })
    .sort(
      (a, b) =>
        Number(b.inOriginWijk) - Number(a.inOriginWijk) ||
        (a.nearestDistanceKm ?? Infinity) - (b.nearestDistanceKm ?? Infinity) ||
        a.name.localeCompare(b.name, 'nl'),
    );
  return {
    origin: origin && {
      resolvedFrom: origin.resolvedFrom,
      buurtCode: origin.buurtCode,
      wijkCode: origin.wijkCode,
      wijkName: origin.wijkName,
    },
    items,
  };
}

/** Runs the search in the caller's municipality (logged in) or the one the query names (public). */
async function search(deps: Deps, request: FastifyRequest, q: NearQueryInput) {
  const actor = request.grip.actor;
  if (actor && q.municipality && q.municipality !== actor.municipalityCode)
    throw invalid([
      {
        name: 'query.municipality',
        code: 'other-municipality',
        reason: {
          nl: 'U bent ingelogd bij een andere gemeente.',
          en: 'You are logged in to another municipality.',
        },
      },
    ]);
  const m = actor?.municipalityCode ?? q.municipality;
  if (!m)
    throw invalid([
      {
        name: 'query.municipality',
        code: 'required',
        reason: {
          nl: 'Kies een gemeente (bijvoorbeeld GM0164).',
          en: 'Choose a municipality (for example GM0164).',
        },
      },
    ]);
  if (q.houseNumber !== undefined && !q.postcode)
    throw invalid([
      {
        name: 'query.postcode',
        code: 'required',
        reason: { nl: 'Een huisnummer hoort bij een postcode.', en: 'A house number goes with a postcode.' },
      },
    ]);
  const caseworker = actor !== null && actor.roles.some((r) => CASEWORK.includes(r.role));
  if (actor) return request.tenant((tx) => nearby(tx, m, q, caseworker));
  const known = await deps.database.db
    .selectFrom('municipality')
    .select('code')
    .where('code', '=', m)
    .executeTakeFirst();
  if (!known)
    throw problem(404, 'not-found', {
      nl: 'Deze gemeente gebruikt Grip (nog) niet.',
      en: 'This municipality does not use Grip (yet).',
    });
  return inPublicTenant(deps.database, request, m, (tx) => nearby(tx, m, q, false));
}

export function registerAlgemeneVoorzieningenSearchRoutes(app: GripApp, deps: Deps): void {
  app.get(
    '/api/v1/algemene-voorzieningen',
    {
      config: { action: 'algemene-voorziening.search' },
      schema: {
        tags: TAGS,
        summary:
          'Algemene voorzieningen near a postcode, wijk or buurt: those in the same wijk first, then by distance',
        querystring: NearQuery,
        response: { 200: NearResultSchema },
      },
    },
    async (request) => search(deps, request, request.query),
  );

  app.get(
    '/api/v1/algemene-voorzieningen/map',
    {
      config: { action: 'algemene-voorziening.map' },
      schema: {
        tags: TAGS,
        summary: 'The same locations as a GeoJSON FeatureCollection (WGS84), for a map',
        querystring: NearQuery,
        response: { 200: FeatureCollectionSchema },
      },
    },
    async (request, reply) => {
      const result = await search(deps, request, request.query);
      const features = result.items.flatMap((s) =>
        s.locations
          .filter((l) => l.longitude !== null && l.latitude !== null)
          .map((l) => ({
            type: 'Feature' as const,
            id: l.id,
            geometry: { type: 'Point' as const, coordinates: [l.longitude!, l.latitude!] },
            properties: {
              serviceId: s.id,
              serviceCode: s.code,
              serviceName: s.name,
              lawCode: s.lawCode,
              delivery: s.delivery,
              targetGroup: s.targetGroup,
              locationName: l.name,
              wijkCode: l.wijkCode,
              wijkName: l.wijkName,
              buurtCode: l.buurtCode,
              streetAddress: l.streetAddress,
              openingHours: l.openingHours,
              capacity: l.capacity,
              capacityUnit: l.capacityUnit,
              distanceKm: l.distanceKm,
              inOriginWijk: l.inOriginWijk,
            },
          })),
      );
      reply.type('application/geo+json; charset=utf-8');
      return { type: 'FeatureCollection' as const, features };
    },
  );
}
