import { pointInRing, type AreaGeometry, type Position } from '../../areas/geo-reference.ts';

/**
 * Supply near an area for the Wijk-DNA: which locations lie in a wijk or buurt, and which lie outside it but
 * within walking distance of its boundary. Plane geometry on an equirectangular projection around the
 * middle of the areas: at the scale of a municipality (tens of kilometres) its error in distances is far
 * below the precision of the generalised boundaries (about 100 m).
 */

/** Walking distance from an area's boundary within which a location counts as nearby: 1 km. */
export const NEARBY_METRES = 1_000;

/** Mean radius of the earth (IUGG), in metres. */
const EARTH_RADIUS_METRES = 6_371_008.8;
const RADIANS = Math.PI / 180;

/** A point on the plane, in metres east and north of the projection's origin. */
export type PlanePoint = [x: number, y: number];
/** An area on the plane: polygons, each its outer ring followed by its holes. */
export type PlaneArea = PlanePoint[][][];

/** Projects WGS84 [longitude, latitude] onto a plane in metres, true to scale along `origin`'s latitude. */
export function equirectangular(origin: Position): (p: Position) => PlanePoint {
  const [lon0, lat0] = origin;
  const xScale = EARTH_RADIUS_METRES * RADIANS * Math.cos(lat0 * RADIANS);
  const yScale = EARTH_RADIUS_METRES * RADIANS;
  return ([lon, lat]) => [(lon - lon0) * xScale, (lat - lat0) * yScale];
}

/** The polygons of a GeoJSON Polygon or MultiPolygon, projected. */
export function toPlane(geometry: AreaGeometry, project: (p: Position) => PlanePoint): PlaneArea {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((rings) => rings.map((ring) => ring.map(project)));
}

/** Whether the point lies in the area: inside an outer ring and not in one of its holes. */
export function isInside(area: PlaneArea, point: PlanePoint): boolean {
  return area.some((rings) => rings.filter((ring) => pointInRing(point, ring)).length % 2 === 1);
}

function segmentDistance([px, py]: PlanePoint, [ax, ay]: PlanePoint, [bx, by]: PlanePoint): number {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Distance in metres from the point to the area: 0 inside it, else to the nearest edge (holes included). */
export function distanceToArea(area: PlaneArea, point: PlanePoint): number {
  if (isInside(area, point)) return 0;
  let nearest = Infinity;
  for (const rings of area)
    for (const ring of rings)
      for (let i = 1; i < ring.length; i++)
        nearest = Math.min(nearest, segmentDistance(point, ring[i - 1]!, ring[i]!));
  return nearest;
}

/** A location of an algemene voorziening, as the supply counts it. */
export interface SupplyLocation {
  /** The area (wijk or buurt code, at the level counted) of the location's buurt. */
  areaCode: string;
  /** [longitude, latitude]; null when unknown: the location then counts only in its own area. */
  position: Position | null;
  /** Capacity counted (places or clients per week; 0 for other units or none). */
  capacity: number;
  /** The provider running it; null when the municipality runs it (not counted as a provider). */
  providerId: string | null;
}

export interface AreaSupply {
  locations: number;
  capacity: number;
  nearbyLocations: number;
  nearbyCapacity: number;
  /** Distinct providers with a location in the area or nearby. */
  providers: number;
}

/**
 * Per area: the locations in it (by their buurt), and those outside it whose position lies within
 * `withinMetres` of its boundary; their capacity and the distinct providers of both.
 */
export function supplyByArea(
  areas: { code: string; geometry: AreaGeometry }[],
  locations: SupplyLocation[],
  withinMetres: number = NEARBY_METRES,
): Map<string, AreaSupply> {
  const project = equirectangular(middle(areas.map((a) => a.geometry)));
  const placed = locations.map((l) => ({ ...l, point: l.position ? project(l.position) : null }));
  const result = new Map<string, AreaSupply>();
  for (const area of areas) {
    const plane = toPlane(area.geometry, project);
    const [minX, minY, maxX, maxY] = bounds(plane);
    const supply: AreaSupply = {
      locations: 0,
      capacity: 0,
      nearbyLocations: 0,
      nearbyCapacity: 0,
      providers: 0,
    };
    const providers = new Set<string>();
    for (const l of placed) {
      let counted = l.areaCode === area.code;
      if (counted) {
        supply.locations++;
        supply.capacity += l.capacity;
      } else if (l.point) {
        const [x, y] = l.point;
        // Cheap test first: a point farther than the distance from the area's bounding box is not nearby.
        const outsideBox = Math.hypot(Math.max(minX - x, 0, x - maxX), Math.max(minY - y, 0, y - maxY));
        counted = outsideBox <= withinMetres && distanceToArea(plane, l.point) <= withinMetres;
        if (counted) {
          supply.nearbyLocations++;
          supply.nearbyCapacity += l.capacity;
        }
      }
      if (counted && l.providerId) providers.add(l.providerId);
    }
    supply.providers = providers.size;
    result.set(area.code, supply);
  }
  return result;
}

function bounds(area: PlaneArea): [number, number, number, number] {
  const points = area.flat(2);
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** The middle of the areas' bounding box, as the projection's origin ([0, 52] when there are none). */
function middle(geometries: AreaGeometry[]): Position {
  const positions = geometries.flatMap((g) =>
    g.type === 'Polygon' ? g.coordinates.flat() : g.coordinates.flat(2),
  );
  if (positions.length === 0) return [0, 52];
  const lons = positions.map((p) => p[0]);
  const lats = positions.map((p) => p[1]);
  return [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
}
