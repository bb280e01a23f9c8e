import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The vendored wijk and buurt boundaries in reference/geo (CBS / Kadaster, Wijk- en buurtkaart; see the
 * README there for licence, credit and precision). This module reads and checks them and offers the
 * plane geometry Grip needs: a centroid per area and random points inside an area.
 *
 * Coordinates are [longitude, latitude] in WGS84. All geometry here is done in that plane; centroids and
 * "uniform" points are invariant under the affine stretch between degrees and metres, so no projection
 * is needed at municipal scale.
 */

export type Position = [number, number];
export type Ring = Position[];
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Ring[];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Ring[][];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

export interface GeoArea {
  code: string;
  name: string;
  geometry: AreaGeometry;
  /** Area-weighted centroid of the outer ring(s). Lies outside the area for some concave shapes. */
  centroid: Position;
  /** [minLon, minLat, maxLon, maxLat] */
  bbox: [number, number, number, number];
}
export type GeoWijk = GeoArea;
export interface GeoBuurt extends GeoArea {
  wijkCode: string;
}
export interface MunicipalityGeo {
  code: string;
  name: string;
  wijken: GeoWijk[];
  buurten: GeoBuurt[];
}

/** Municipalities with vendored boundaries. */
export const GEO_MUNICIPALITIES = [
  { code: 'GM0164', name: 'Hengelo' },
  { code: 'GM0153', name: 'Enschede' },
] as const;

/** Editions of the Wijk- en buurtkaart the vendored files come from (cbs_area.edition). */
export const WIJK_EDITION = 2024;
export const BUURT_EDITION = 2023;

export const GEO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../reference/geo');
export const WIJKEN_FILE = 'wijken-2024-hengelo-enschede.geojson';
export const BUURTEN_FILE = 'buurten-2023-hengelo-enschede.geojson';

export const GEMEENTE_CODE = /^GM\d{4}$/;
export const WIJK_CODE = /^WK\d{6}$/;
export const BUURT_CODE = /^BU\d{8}$/;

// ---------------------------------------------------------------------------------------------------
// Validation

const PositionSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const RingSchema = z
  .array(PositionSchema)
  .min(4)
  .refine((ring) => samePosition(ring[0]!, ring.at(-1)!), 'ring is not closed');
const PolygonCoordinatesSchema = z.array(RingSchema).min(1);
const GeometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: PolygonCoordinatesSchema }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(PolygonCoordinatesSchema).min(1) }),
]);

const AreaProperties = {
  statnaam: z.string().trim().min(1).max(200),
  gemeentecode: z.string().regex(GEMEENTE_CODE),
  gemeentenaam: z.string().trim().min(1).max(200),
};
const WijkFeatureSchema = z.object({
  type: z.literal('Feature'),
  id: z.string().optional(),
  geometry: GeometrySchema,
  properties: z.object({ statcode: z.string().regex(WIJK_CODE), ...AreaProperties }),
});
const BuurtFeatureSchema = z.object({
  type: z.literal('Feature'),
  id: z.string().optional(),
  geometry: GeometrySchema,
  properties: z.object({
    statcode: z.string().regex(BUURT_CODE),
    wijkcode: z.string().regex(WIJK_CODE),
    ...AreaProperties,
  }),
});
const collection = <T extends z.ZodType>(feature: T) =>
  z.object({ type: z.literal('FeatureCollection'), features: z.array(feature).min(1) });
const WijkCollectionSchema = collection(WijkFeatureSchema);
const BuurtCollectionSchema = collection(BuurtFeatureSchema);

export class GeoReferenceError extends Error {}

/**
 * Checks the two feature collections and groups them per municipality. Besides the shape (Polygon or
 * MultiPolygon, closed rings, code patterns) it checks that codes are unique, that a code's digits
 * match its municipality (and a buurt's its wijk), and that every buurt's wijk exists.
 */
export function parseGeoReference(wijkenJson: unknown, buurtenJson: unknown): Map<string, MunicipalityGeo> {
  const wijken = WijkCollectionSchema.safeParse(wijkenJson);
  if (!wijken.success) throw new GeoReferenceError(`wijken: ${z.prettifyError(wijken.error)}`);
  const buurten = BuurtCollectionSchema.safeParse(buurtenJson);
  if (!buurten.success) throw new GeoReferenceError(`buurten: ${z.prettifyError(buurten.error)}`);

  const problems: string[] = [];
  const result = new Map<string, MunicipalityGeo>();
  const municipality = (code: string, name: string) => {
    let entry = result.get(code);
    if (!entry) result.set(code, (entry = { code, name, wijken: [], buurten: [] }));
    else if (entry.name !== name) problems.push(`${code} is called both ${entry.name} and ${name}`);
    return entry;
  };
  const wijkMunicipality = new Map<string, string>();
  const seen = new Set<string>();
  const checkFeature = (code: string, id: string | undefined, gemeentecode: string) => {
    if (seen.has(code)) problems.push(`${code} occurs twice`);
    seen.add(code);
    if (id !== undefined && id !== code) problems.push(`${code} has feature id ${id}`);
    if (code.slice(2, 6) !== gemeentecode.slice(2)) problems.push(`${code} is not in ${gemeentecode}`);
  };

  for (const { id, geometry, properties: p } of wijken.data.features) {
    checkFeature(p.statcode, id, p.gemeentecode);
    wijkMunicipality.set(p.statcode, p.gemeentecode);
    municipality(p.gemeentecode, p.gemeentenaam).wijken.push(area(p.statcode, p.statnaam, geometry));
  }
  for (const { id, geometry, properties: p } of buurten.data.features) {
    checkFeature(p.statcode, id, p.gemeentecode);
    if (p.statcode.slice(2, 8) !== p.wijkcode.slice(2))
      problems.push(`${p.statcode} is not in ${p.wijkcode}`);
    const wijkGemeente = wijkMunicipality.get(p.wijkcode);
    if (wijkGemeente === undefined) problems.push(`${p.statcode}: wijk ${p.wijkcode} does not exist`);
    else if (wijkGemeente !== p.gemeentecode)
      problems.push(`${p.statcode} is in ${p.gemeentecode} but its wijk ${p.wijkcode} in ${wijkGemeente}`);
    municipality(p.gemeentecode, p.gemeentenaam).buurten.push({
      ...area(p.statcode, p.statnaam, geometry),
      wijkCode: p.wijkcode,
    });
  }
  for (const m of result.values()) {
    if (!GEO_MUNICIPALITIES.some((g) => g.code === m.code))
      problems.push(`${m.code} is not in GEO_MUNICIPALITIES`);
    if (m.buurten.length === 0) problems.push(`${m.code} has wijken but no buurten`);
    m.wijken.sort(byCode);
    m.buurten.sort(byCode);
  }
  for (const g of GEO_MUNICIPALITIES) if (!result.has(g.code)) problems.push(`${g.code} has no wijken`);
  if (problems.length > 0) throw new GeoReferenceError(problems.join('; '));
  return result;
}

/** Reads and checks the vendored files (or those in `dir`). */
export function loadGeoReference(dir = GEO_DIR): Map<string, MunicipalityGeo> {
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as unknown;
  return parseGeoReference(read(WIJKEN_FILE), read(BUURTEN_FILE));
}

let cached: Map<string, MunicipalityGeo> | undefined;

/** The vendored boundaries, read once per process. */
export function geoReference(): Map<string, MunicipalityGeo> {
  cached ??= loadGeoReference();
  return cached;
}

export function hasGeoData(municipalityCode: string): boolean {
  return GEO_MUNICIPALITIES.some((g) => g.code === municipalityCode);
}

/** The wijken and buurten of one municipality, sorted by code; undefined when there is no geo data. */
export function municipalityGeo(municipalityCode: string): MunicipalityGeo | undefined {
  return hasGeoData(municipalityCode) ? geoReference().get(municipalityCode) : undefined;
}

/** One buurt of the vendored data, found by its code. */
export function findBuurt(buurtCode: string): GeoBuurt | undefined {
  if (!BUURT_CODE.test(buurtCode)) return undefined;
  return municipalityGeo(`GM${buurtCode.slice(2, 6)}`)?.buurten.find((b) => b.code === buurtCode);
}

// ---------------------------------------------------------------------------------------------------
// Plane geometry

function area(code: string, name: string, geometry: AreaGeometry): GeoArea {
  return { code, name, geometry, centroid: centroidOf(geometry), bbox: bboxOf(geometry) };
}

const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

function polygonsOf(geometry: AreaGeometry): Ring[][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Signed area and area moments of a closed ring, relative to `origin` for numerical stability. */
function ringMoments(ring: Ring, origin: Position): { area: number; mx: number; my: number } {
  let twiceArea = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const x0 = ring[i]![0] - origin[0];
    const y0 = ring[i]![1] - origin[1];
    const x1 = ring[i + 1]![0] - origin[0];
    const y1 = ring[i + 1]![1] - origin[1];
    const cross = x0 * y1 - x1 * y0;
    twiceArea += cross;
    mx += (x0 + x1) * cross;
    my += (y0 + y1) * cross;
  }
  return { area: twiceArea / 2, mx, my };
}

/**
 * Area-weighted centroid of the outer ring(s): each polygon's outer ring by the shoelace formula, the
 * polygons of a MultiPolygon weighted by their area. Holes are ignored. A degenerate (zero-area) shape
 * falls back to the mean of its outer vertices.
 */
export function centroidOf(geometry: AreaGeometry): Position {
  const outers = polygonsOf(geometry).map((polygon) => polygon[0]!);
  const origin = outers[0]![0]!;
  let totalArea = 0;
  let cx = 0;
  let cy = 0;
  for (const ring of outers) {
    const { area: signed, mx, my } = ringMoments(ring, origin);
    if (signed === 0) continue;
    const weight = Math.abs(signed);
    cx += (mx / (6 * signed)) * weight;
    cy += (my / (6 * signed)) * weight;
    totalArea += weight;
  }
  if (totalArea === 0) {
    const vertices = outers.flatMap((ring) => ring.slice(0, -1));
    return [
      vertices.reduce((s, p) => s + p[0], 0) / vertices.length,
      vertices.reduce((s, p) => s + p[1], 0) / vertices.length,
    ];
  }
  return [origin[0] + cx / totalArea, origin[1] + cy / totalArea];
}

/** [minLon, minLat, maxLon, maxLat] of the outer rings. */
export function bboxOf(geometry: AreaGeometry): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygonsOf(geometry)) {
    for (const [x, y] of polygon[0]!) {
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
    }
  }
  return box;
}

/** Even-odd ray casting: is the point inside the closed ring? Points exactly on an edge may go either way. */
export function pointInRing([x, y]: Position, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Is the point inside the area: inside an outer ring and not inside one of that polygon's holes? */
export function pointInGeometry(point: Position, geometry: AreaGeometry): boolean {
  return polygonsOf(geometry).some(
    ([outer, ...holes]) => pointInRing(point, outer!) && !holes.some((hole) => pointInRing(point, hole)),
  );
}

/**
 * A point inside the area, drawn with `random` (a function returning numbers in [0, 1), e.g. a seeded
 * generator: the same sequence gives the same point). Rejection sampling: uniform points in the bounding
 * box until one lies inside the area (holes excluded); after `maxTries` misses the centroid is returned.
 * Each try uses two draws.
 */
export function randomPointIn(
  area: { geometry: AreaGeometry; centroid?: Position; bbox?: [number, number, number, number] },
  random: () => number,
  maxTries = 200,
): Position {
  const [minX, minY, maxX, maxY] = area.bbox ?? bboxOf(area.geometry);
  for (let i = 0; i < maxTries; i++) {
    const point: Position = [minX + random() * (maxX - minX), minY + random() * (maxY - minY)];
    if (pointInGeometry(point, area.geometry)) return point;
  }
  return area.centroid ?? centroidOf(area.geometry);
}

/** A random point inside a vendored buurt (see randomPointIn); throws for a buurt without geo data. */
export function randomPointInBuurt(buurtCode: string, random: () => number, maxTries = 200): Position {
  const buurt = findBuurt(buurtCode);
  if (!buurt) throw new GeoReferenceError(`no geo data for buurt ${buurtCode}`);
  return randomPointIn(buurt, random, maxTries);
}
