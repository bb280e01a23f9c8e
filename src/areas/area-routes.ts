import { sql } from 'kysely';
import { z } from 'zod';
import type { Tx } from '../platform/db/database.ts';
import { notFound } from '../platform/http/problem.ts';
import type { GripApp } from '../platform/http/types.ts';
import { VINDPLAATS_KINDS, type VindplaatsKind } from './areas-seed.ts';
import { centroidOf, WIJK_CODE, type AreaGeometry, type Position } from './geo-reference.ts';

/**
 * Read-only areas of the caller's municipality for maps and forms: wijken (with their polygons), buurten
 * and vindplaatsen. No personal data. Geometry is GeoJSON in WGS84 from the CBS / Kadaster Wijk- en
 * buurtkaart, which must be credited wherever it is shown (the `attribution` fields carry the credit).
 */

const TAGS = ['Gebieden'];
const WIJK = { nl: 'Deze wijk', en: 'This wijk' };

// ---------------------------------------------------------------------------------------------------
// Schemas

const WijkCodeSchema = z.string().regex(WIJK_CODE).describe('CBS wijkcode: WK + 6 digits, e.g. WK016400');
const PositionSchema = z
  .tuple([z.number(), z.number()])
  .describe('[longitude, latitude] in WGS84')
  .meta({ id: 'GeoPosition' });
const PolygonCoordinates = z.array(z.array(PositionSchema));
const GeometrySchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('Polygon'), coordinates: PolygonCoordinates }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(PolygonCoordinates) }),
  ])
  .describe('GeoJSON Polygon or MultiPolygon (RFC 7946), WGS84 longitude/latitude')
  .meta({ id: 'AreaGeometry' });
const AttributionSchema = z
  .string()
  .describe('Credit the licence (CC BY 4.0) requires wherever the geometry is shown');

const WijkSchema = z.object({ code: z.string(), name: z.string() }).meta({ id: 'Wijk' });
const BuurtSchema = z
  .object({ code: z.string(), name: z.string(), wijkCode: z.string() })
  .meta({ id: 'Buurt' });
const WijkDetailSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    centroid: PositionSchema.describe('Area-weighted centroid of the outer ring(s), for labels'),
    geometry: GeometrySchema,
    attribution: AttributionSchema,
    buurten: z.array(z.object({ code: z.string(), name: z.string() })),
  })
  .meta({ id: 'WijkDetail' });
const WijkFeatureCollectionSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    attribution: AttributionSchema,
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.string(),
        geometry: GeometrySchema,
        properties: z.object({ code: z.string(), name: z.string(), centroid: PositionSchema }),
      }),
    ),
  })
  .meta({ id: 'WijkFeatureCollection' });
const BuurtFeatureCollectionSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    attribution: AttributionSchema,
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.string(),
        geometry: GeometrySchema,
        properties: z.object({
          code: z.string(),
          name: z.string(),
          wijkCode: z.string(),
          centroid: PositionSchema,
        }),
      }),
    ),
  })
  .meta({ id: 'BuurtFeatureCollection' });
const VindplaatsSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(VINDPLAATS_KINDS),
    name: z.string(),
    wijkCode: z.string().nullable().describe('Wijk the place serves or lies in; null for city-wide places'),
    buurtCode: z.string().nullable().describe('Buurt the place lies in, where known'),
    active: z.boolean(),
  })
  .meta({ id: 'Vindplaats' });

/** Unknown query parameters are an error (400), also on routes that take none. */
const NoQuery = z.strictObject({});
const WijkParams = z.strictObject({ wijkCode: WijkCodeSchema });
const BuurtQuery = z.strictObject({
  wijk: WijkCodeSchema.optional().describe('Only the buurten of this wijk'),
});
const VindplaatsQuery = z.strictObject({
  wijk: WijkCodeSchema.optional().describe('Only places with this wijk (city-wide places have none)'),
  kind: z.enum(VINDPLAATS_KINDS).optional().describe('Only places of this kind'),
});

// ---------------------------------------------------------------------------------------------------
// Routes

export function registerAreaRoutes(app: GripApp): void {
  app.get(
    '/api/v1/wijken',
    {
      config: { action: 'wijk.list' },
      schema: {
        tags: TAGS,
        summary: "The wijken of the caller's municipality, by code",
        querystring: NoQuery,
        response: { 200: z.object({ items: z.array(WijkSchema) }).meta({ id: 'WijkList' }) },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      return { items: await request.tenant((tx) => listWijken(tx, municipalityCode)) };
    },
  );

  app.get(
    '/api/v1/wijken/geojson',
    {
      config: { action: 'wijk.list' },
      schema: {
        tags: TAGS,
        operationId: 'wijkListGeojson',
        querystring: NoQuery,
        summary:
          "The wijken of the caller's municipality with their boundaries, as a GeoJSON FeatureCollection",
        response: {
          200: {
            description: 'GeoJSON FeatureCollection (RFC 7946), one feature per wijk',
            content: { 'application/geo+json': { schema: WijkFeatureCollectionSchema } },
          },
        },
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const rows = await request.tenant((tx) => listWijkGeometries(tx, municipalityCode));
      reply.type('application/geo+json');
      return featureCollection(rows, (r) => ({ code: r.code, name: r.name }));
    },
  );

  app.get(
    '/api/v1/wijken/:wijkCode',
    {
      config: { action: 'wijk.read' },
      schema: {
        tags: TAGS,
        summary: 'One wijk: its boundary, centroid and buurten',
        querystring: NoQuery,
        params: WijkParams,
        response: { 200: WijkDetailSchema },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      const wijk = await request.tenant((tx) => getWijk(tx, municipalityCode, request.params.wijkCode));
      if (!wijk) throw notFound(WIJK);
      return wijk;
    },
  );

  app.get(
    '/api/v1/buurten',
    {
      config: { action: 'buurt.list' },
      schema: {
        tags: TAGS,
        summary: "The buurten of the caller's municipality (optionally of one wijk), by code",
        querystring: BuurtQuery,
        response: { 200: z.object({ items: z.array(BuurtSchema) }).meta({ id: 'BuurtList' }) },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      return { items: await request.tenant((tx) => listBuurten(tx, municipalityCode, request.query.wijk)) };
    },
  );

  app.get(
    '/api/v1/buurten/geojson',
    {
      config: { action: 'buurt.list' },
      schema: {
        tags: TAGS,
        operationId: 'buurtListGeojson',
        querystring: BuurtQuery,
        summary:
          "The buurten of the caller's municipality (optionally of one wijk) with their boundaries, as a GeoJSON FeatureCollection",
        response: {
          200: {
            description: 'GeoJSON FeatureCollection (RFC 7946), one feature per buurt',
            content: { 'application/geo+json': { schema: BuurtFeatureCollectionSchema } },
          },
        },
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const rows = await request.tenant((tx) =>
        listBuurtGeometries(tx, municipalityCode, request.query.wijk),
      );
      reply.type('application/geo+json');
      return featureCollection(rows, (r) => ({ code: r.code, name: r.name, wijkCode: r.wijkCode }));
    },
  );

  app.get(
    '/api/v1/vindplaatsen',
    {
      config: { action: 'vindplaats.list' },
      schema: {
        tags: TAGS,
        summary: "Places where help questions arise or are asked in the caller's municipality, by name",
        querystring: VindplaatsQuery,
        response: { 200: z.object({ items: z.array(VindplaatsSchema) }).meta({ id: 'VindplaatsList' }) },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      return { items: await request.tenant((tx) => listVindplaatsen(tx, municipalityCode, request.query)) };
    },
  );
}

/** The credit for the editions of the Wijk- en buurtkaart the shown geometry comes from. */
/** Areas as a GeoJSON FeatureCollection: one feature per area (id = CBS code) with its centroid for labels. */
function featureCollection<R extends { code: string; geometry: AreaGeometry; edition: number | null }, P>(
  rows: R[],
  properties: (row: R) => P,
) {
  return {
    type: 'FeatureCollection' as const,
    attribution: attribution(rows.map((r) => r.edition)),
    features: rows.map((r) => ({
      type: 'Feature' as const,
      id: r.code,
      geometry: r.geometry,
      properties: { ...properties(r), centroid: centroidOf(r.geometry) },
    })),
  };
}

function attribution(editions: (number | null)[]): string {
  const years = [...new Set(editions.filter((e): e is number => e !== null))].sort();
  return `CBS / Kadaster — Wijk- en buurtkaart${years.length > 0 ? ` ${years.join(', ')}` : ''}`;
}

// ---------------------------------------------------------------------------------------------------
// Data access. Plain SQL (the Kysely table types of these tables may lag behind); every query names the
// municipality, on top of row-level security.

async function listWijken(tx: Tx, municipalityCode: string) {
  const { rows } = await sql<{ code: string; name: string }>`
    SELECT code, name FROM wijk WHERE municipality_code = ${municipalityCode} ORDER BY code`.execute(tx);
  return rows;
}

async function listWijkGeometries(tx: Tx, municipalityCode: string) {
  const { rows } = await sql<{ code: string; name: string; geometry: AreaGeometry; edition: number | null }>`
    SELECT w.code, w.name, w.geometry, c.edition
    FROM wijk w LEFT JOIN cbs_area c ON c.code = w.code
    WHERE w.municipality_code = ${municipalityCode}
    ORDER BY w.code`.execute(tx);
  return rows;
}

async function listBuurtGeometries(tx: Tx, municipalityCode: string, wijkCode: string | undefined) {
  const { rows } = await sql<{
    code: string;
    name: string;
    wijkCode: string;
    geometry: AreaGeometry;
    edition: number | null;
  }>`
    SELECT b.code, b.name, b.wijk_code AS "wijkCode", b.geometry, c.edition
    FROM buurt b LEFT JOIN cbs_area c ON c.code = b.code
    WHERE b.municipality_code = ${municipalityCode}
      AND (${wijkCode ?? null}::text IS NULL OR b.wijk_code = ${wijkCode ?? null})
    ORDER BY b.code`.execute(tx);
  return rows;
}

async function getWijk(tx: Tx, municipalityCode: string, wijkCode: string) {
  const [wijk] = (
    await sql<{ code: string; name: string; geometry: AreaGeometry; edition: number | null }>`
      SELECT w.code, w.name, w.geometry, c.edition
      FROM wijk w LEFT JOIN cbs_area c ON c.code = w.code
      WHERE w.municipality_code = ${municipalityCode} AND w.code = ${wijkCode}`.execute(tx)
  ).rows;
  if (!wijk) return undefined;
  const buurten = await listBuurten(tx, municipalityCode, wijkCode);
  return {
    code: wijk.code,
    name: wijk.name,
    centroid: centroidOf(wijk.geometry) satisfies Position,
    geometry: wijk.geometry,
    attribution: attribution([wijk.edition]),
    buurten: buurten.map(({ code, name }) => ({ code, name })),
  };
}

async function listBuurten(tx: Tx, municipalityCode: string, wijkCode: string | undefined) {
  const { rows } = await sql<{ code: string; name: string; wijkCode: string }>`
    SELECT code, name, wijk_code AS "wijkCode" FROM buurt
    WHERE municipality_code = ${municipalityCode}
      ${wijkCode === undefined ? sql`` : sql`AND wijk_code = ${wijkCode}`}
    ORDER BY code`.execute(tx);
  return rows;
}

async function listVindplaatsen(
  tx: Tx,
  municipalityCode: string,
  filter: { wijk?: string; kind?: VindplaatsKind },
) {
  const { rows } = await sql<z.infer<typeof VindplaatsSchema>>`
    SELECT id, kind, name, wijk_code AS "wijkCode", buurt_code AS "buurtCode", active FROM vindplaats
    WHERE municipality_code = ${municipalityCode}
      ${filter.wijk === undefined ? sql`` : sql`AND wijk_code = ${filter.wijk}`}
      ${filter.kind === undefined ? sql`` : sql`AND kind = ${filter.kind}`}
    ORDER BY name COLLATE "C", id`.execute(tx);
  return rows;
}
