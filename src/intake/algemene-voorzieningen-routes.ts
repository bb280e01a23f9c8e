import { z } from 'zod';
import { findBuurt, type Position } from '../areas/geo-reference.ts';
import { invalid } from '../platform/http/problem.ts';
import type { GripApp } from '../platform/http/types.ts';
import { currentHousehold } from './household-matching.ts';

/**
 * Algemene voorzieningen for a referral, nearest the resident first. Distance is between buurt centroids
 * (the resident's buurt from their household's address, the location's buurt) from the vendored CBS
 * polygons (geo-reference.ts); where a buurt has no polygon, the stored longitude/latitude is used. Services
 * with a location in the resident's wijk come first, then by the nearest location, then by name.
 */

const TAGS = ['Intake'];

const QuerySchema = z.strictObject({
  nearPersonId: z.uuid().optional().describe('Resident whose buurt decides the order (nearest first)'),
});

const LocationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  buurtCode: z.string(),
  wijkCode: z.string().nullable(),
  streetAddress: z.string().nullable(),
  openingHours: z.string().nullable(),
  distanceKm: z
    .number()
    .nullable()
    .describe('Between buurt centroids; null without a resident or coordinates'),
  inResidentWijk: z.boolean(),
});

const ServiceSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    description: z.string(),
    lawCode: z.string(),
    delivery: z.enum(['individueel', 'collectief']),
    targetGroup: z.string(),
    minAge: z.number().int().nullable(),
    maxAge: z.number().int().nullable(),
    inResidentWijk: z.boolean(),
    nearestDistanceKm: z.number().nullable(),
    locations: z.array(LocationSchema),
  })
  .meta({ id: 'AlgemeneVoorziening' });

const ResultSchema = z
  .object({
    origin: z
      .object({ buurtCode: z.string(), wijkCode: z.string().nullable() })
      .nullable()
      .describe("The resident's buurt the distances are from"),
    items: z.array(ServiceSchema),
  })
  .meta({ id: 'AlgemeneVoorzieningen' });

/** Great-circle distance in km between two [lon, lat] positions. */
export function distanceKm([lon1, lat1]: Position, [lon2, lat2]: Position): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

function positionOf(buurtCode: string, lon: number | null, lat: number | null): Position | null {
  const buurt = findBuurt(buurtCode);
  if (buurt) return buurt.centroid;
  return lon !== null && lat !== null ? [lon, lat] : null;
}

export function registerAlgemeneVoorzieningenRoutes(app: GripApp): void {
  app.get(
    '/api/v1/services/algemene-voorzieningen',
    {
      config: { action: 'algemene-voorziening.list' },
      schema: {
        tags: TAGS,
        summary: "Algemene voorzieningen, those in or nearest the resident's wijk first",
        querystring: QuerySchema,
        response: { 200: ResultSchema },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      const { nearPersonId } = request.query;
      return request.tenant(async (tx) => {
        let origin: { buurtCode: string; wijkCode: string | null; position: Position | null } | null = null;
        if (nearPersonId) {
          const person = await tx
            .selectFrom('person')
            .where('municipality_code', '=', municipalityCode)
            .where('id', '=', nearPersonId)
            .select('id')
            .executeTakeFirst();
          if (!person) {
            throw invalid([
              {
                name: 'query.nearPersonId',
                code: 'unknown-person',
                reason: {
                  nl: 'Deze inwoner bestaat niet in deze gemeente.',
                  en: 'This resident does not exist in this municipality.',
                },
              },
            ]);
          }
          request.recordSubjects('person', [person.id]);
          const household = await currentHousehold(tx, municipalityCode, person.id);
          if (household) {
            const address = await tx
              .selectFrom('address as a')
              .innerJoin('buurt as b', (j) =>
                j
                  .onRef('b.municipality_code', '=', 'a.municipality_code')
                  .onRef('b.code', '=', 'a.buurt_code'),
              )
              .where('a.municipality_code', '=', municipalityCode)
              .where('a.id', '=', household.addressId)
              .select(['a.buurt_code', 'b.wijk_code', 'a.longitude', 'a.latitude'])
              .executeTakeFirst();
            // An address not yet placed in a buurt gives no origin: the list is then in plain order.
            if (address?.buurt_code) {
              origin = {
                buurtCode: address.buurt_code,
                wijkCode: address.wijk_code,
                position: positionOf(address.buurt_code, address.longitude, address.latitude),
              };
            }
          }
        }
        const services = await tx
          .selectFrom('service')
          .where('municipality_code', '=', municipalityCode)
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
          ])
          .execute();
        const locations = await tx
          .selectFrom('service_location as l')
          .innerJoin('buurt as b', (j) =>
            j.onRef('b.municipality_code', '=', 'l.municipality_code').onRef('b.code', '=', 'l.buurt_code'),
          )
          .where('l.municipality_code', '=', municipalityCode)
          .select([
            'l.id',
            'l.service_id',
            'l.name',
            'l.buurt_code',
            'b.wijk_code',
            'l.street_address',
            'l.opening_hours',
            'l.longitude',
            'l.latitude',
          ])
          .execute();
        const items = services.map((s) => {
          const own = locations
            .filter((l) => l.service_id === s.id)
            .map((l) => {
              const at = positionOf(l.buurt_code, l.longitude, l.latitude);
              const distance =
                origin?.position && at ? Math.round(distanceKm(origin.position, at) * 100) / 100 : null;
              return {
                id: l.id,
                name: l.name,
                buurtCode: l.buurt_code,
                wijkCode: l.wijk_code,
                streetAddress: l.street_address,
                openingHours: l.opening_hours,
                distanceKm: distance,
                inResidentWijk:
                  origin !== null && origin.wijkCode !== null && l.wijk_code === origin.wijkCode,
              };
            })
            .sort(
              (a, b) =>
                Number(b.inResidentWijk) - Number(a.inResidentWijk) ||
                (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) ||
                a.name.localeCompare(b.name),
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
            inResidentWijk: own.some((l) => l.inResidentWijk),
            nearestDistanceKm: distances.length ? Math.min(...distances) : null,
            locations: own,
          };
        });
        items.sort(
          (a, b) =>
            Number(b.inResidentWijk) - Number(a.inResidentWijk) ||
            (a.nearestDistanceKm ?? Infinity) - (b.nearestDistanceKm ?? Infinity) ||
            a.name.localeCompare(b.name, 'nl'),
        );
        return {
          origin: origin && { buurtCode: origin.buurtCode, wijkCode: origin.wijkCode },
          items,
        };
      });
    },
  );
}
