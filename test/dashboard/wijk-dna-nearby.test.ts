import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { seedAreas } from '../../src/areas/areas-seed.ts';
import {
  municipalityGeo,
  type AreaGeometry,
  type GeoArea,
  type Position,
} from '../../src/areas/geo-reference.ts';
import {
  distanceToArea,
  equirectangular,
  isInside,
  NEARBY_METRES,
  supplyByArea,
  toPlane,
} from '../../src/dashboard/wijk-dna/nearby.ts';
import { wijkDnaView } from '../../src/dashboard/wijk-dna/wijk-dna-view.ts';
import { DashboardFiltersSchema, type FigureTable } from '../../src/dashboard/view-model.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { inTenantTransaction } from '../../src/platform/db/tenant-transaction.ts';
import { seedCatalogue } from '../../src/services/catalogue-seed.ts';
import { createTestDatabase, DB_KIND, type TestDatabase } from '../helpers/test-app.ts';

/**
 * Wijk-DNA supply nearby (issue 8 point 10): the plane geometry (inside, just outside, far outside, a
 * multipolygon, a hole) against great-circle distances, and the view on a real database: a location just
 * over a wijk's border counts as nearby and turns a white spot off, one far away does not, one without
 * coordinates counts only in its own buurt.
 */

/** Great-circle distance in metres (haversine), independent of the module's projection. */
function haversine([lon1, lat1]: Position, [lon2, lat2]: Position): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const a =
    Math.sin(r(lat2 - lat1) / 2) ** 2 +
    Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(lon2 - lon1) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
}

const square = (lon: number, lat: number, dLon: number, dLat: number): Position[] => [
  [lon, lat],
  [lon + dLon, lat],
  [lon + dLon, lat + dLat],
  [lon, lat + dLat],
  [lon, lat],
];

describe('nearby: distance from a location to an area', () => {
  // About 680 m east-west and 1,110 m north-south, in Hengelo.
  const block: AreaGeometry = { type: 'Polygon', coordinates: [square(6.8, 52.25, 0.01, 0.01)] };
  const project = equirectangular([6.8, 52.25]);
  const distance = (geometry: AreaGeometry, p: Position) =>
    distanceToArea(toPlane(geometry, project), project(p));
  const close = (actual: number, expected: number) =>
    assert.ok(Math.abs(actual - expected) <= expected * 0.005 + 0.5, `${actual} m, expected ${expected} m`);

  test('inside: distance 0', () => {
    assert.equal(isInside(toPlane(block, project), project([6.805, 52.255])), true);
    assert.equal(distance(block, [6.805, 52.255]), 0);
  });

  test('outside near: the distance to the nearest edge or corner, as on the sphere', () => {
    const east: Position = [6.81 + 0.005, 52.255];
    assert.equal(isInside(toPlane(block, project), project(east)), false);
    close(distance(block, east), haversine(east, [6.81, 52.255]));
    assert.ok(distance(block, east) < NEARBY_METRES, 'about 340 m: nearby');
    const north: Position = [6.805, 52.26 + 0.006];
    close(distance(block, north), haversine(north, [6.805, 52.26]));
    const corner: Position = [6.8 - 0.004, 52.25 - 0.004];
    close(distance(block, corner), haversine(corner, [6.8, 52.25]));
  });

  test('outside far: beyond walking distance', () => {
    const far: Position = [6.81 + 0.03, 52.255];
    close(distance(block, far), haversine(far, [6.81, 52.255]));
    assert.ok(distance(block, far) > 2 * NEARBY_METRES);
  });

  test('a multipolygon: inside either part; outside, the nearest part counts', () => {
    const twoParts: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [[square(6.8, 52.25, 0.01, 0.01)], [square(6.85, 52.25, 0.01, 0.01)]],
    };
    assert.equal(distance(twoParts, [6.855, 52.255]), 0);
    const between: Position = [6.845, 52.255];
    close(distance(twoParts, between), haversine(between, [6.85, 52.255]));
  });

  test('a hole (as BU01640909 around BU01640900): a point in it is outside, at its distance from the hole edge', () => {
    const ring: AreaGeometry = {
      type: 'Polygon',
      coordinates: [square(6.8, 52.25, 0.03, 0.03), square(6.81, 52.26, 0.01, 0.01).reverse()],
    };
    const inHole: Position = [6.815, 52.261];
    assert.equal(isInside(toPlane(ring, project), project(inHole)), false);
    close(distance(ring, inHole), haversine(inHole, [6.815, 52.26]));
    assert.equal(distance(ring, [6.805, 52.255]), 0, 'between the outer ring and the hole: inside');
  });

  test('supply per area: in it by buurt, nearby by position, capacity, distinct providers', () => {
    const a = { code: 'A', geometry: block };
    const b = { code: 'B', geometry: { type: 'Polygon', coordinates: [square(6.81, 52.25, 0.01, 0.01)] } };
    const farArea = {
      code: 'C',
      geometry: { type: 'Polygon', coordinates: [square(6.9, 52.25, 0.01, 0.01)] },
    };
    const areas = [a, b, farArea] as { code: string; geometry: AreaGeometry }[];
    const supply = supplyByArea(areas, [
      { areaCode: 'A', position: [6.805, 52.255], capacity: 20, providerId: 'p1' },
      { areaCode: 'B', position: [6.8115, 52.255], capacity: 10, providerId: 'p1' }, // ~100 m from A
      { areaCode: 'B', position: [6.8195, 52.255], capacity: 5, providerId: 'p2' }, // ~650 m from A
      { areaCode: 'B', position: null, capacity: 7, providerId: 'p3' }, // no coordinates: only in B
      { areaCode: 'C', position: [6.905, 52.255], capacity: 30, providerId: null }, // ~5 km away
    ]);
    assert.deepEqual(supply.get('A'), {
      locations: 1,
      capacity: 20,
      nearbyLocations: 2,
      nearbyCapacity: 15,
      providers: 2,
    });
    assert.deepEqual(supply.get('B'), {
      locations: 3,
      capacity: 22,
      nearbyLocations: 1,
      nearbyCapacity: 20,
      providers: 3,
    });
    assert.deepEqual(supply.get('C'), {
      locations: 1,
      capacity: 30,
      nearbyLocations: 0,
      nearbyCapacity: 0,
      providers: 0,
    });
    const short = supplyByArea(
      areas,
      [{ areaCode: 'B', position: [6.8195, 52.255], capacity: 5, providerId: 'p2' }],
      300,
    );
    assert.equal(short.get('A')!.nearbyLocations, 0, 'the distance is a parameter');
  });
});

const MC = 'GM0164';
const YEAR = '2025';

describe(`wijk-DNA view: supply nearby on a real database (${DB_KIND})`, () => {
  let testDb: TestDatabase;
  let serviceId: string;
  const geo = municipalityGeo(MC)!;
  const buurtenOf = (wijk: string) => geo.buurten.filter((b) => b.wijkCode === wijk);

  /** The wijk whose demand is high, a point just over its border, and a buurt far from it. */
  let target: GeoArea;
  let near: { position: Position; buurt: string; wijk: string; metres: number };
  let far: { position: Position; buurt: string; wijk: string };

  const load = (filters: Record<string, string>) =>
    inTenantTransaction(testDb.database, MC, (tx) =>
      wijkDnaView.load(tx, {
        municipalityCode: MC,
        language: 'nl',
        filters: DashboardFiltersSchema.parse({ from: `${YEAR}-01`, to: `${YEAR}-12`, ...filters }),
      }),
    );
  const mapOf = async (filters: Record<string, string> = {}) =>
    (await load(filters)).tables.find((t) => t.code === 'wijk-dna-map')!;
  const row = (map: FigureTable, key: string) => map.rows.find((r) => r.key === key)!.values;
  const addLocation = async (
    name: string,
    buurt: string,
    position: Position | null,
    providerId: string | null,
  ) => {
    await sql`INSERT INTO service_location (municipality_code, service_id, provider_id, name, buurt_code, longitude,
        latitude, capacity, capacity_unit)
      VALUES (${MC}, ${serviceId}, ${providerId}, ${name}, ${buurt}, ${position?.[0] ?? null}, ${position?.[1] ?? null},
        25, 'plaatsen')`.execute(testDb.database.db);
  };
  const addProvider = async (name: string) => {
    const { rows } = await sql<{ id: string }>`
      INSERT INTO provider (municipality_code, name) VALUES (${MC}, ${name}) RETURNING id`.execute(
      testDb.database.db,
    );
    return rows[0]!.id;
  };

  before(async () => {
    testDb = await createTestDatabase();
    await migrate(testDb.database);
    const db = testDb.database.db;
    await sql`INSERT INTO municipality (code, name) VALUES (${MC}, 'Hengelo')`.execute(db);
    await seedAreas(db, MC);
    const services = await seedCatalogue(db, MC);
    // Only the locations of this test: the catalogue's own ones go.
    await sql`DELETE FROM service_location WHERE municipality_code = ${MC}`.execute(db);
    const { rows } = await sql<{ id: string }>`
      SELECT id FROM service WHERE municipality_code = ${MC} AND kind = 'algemeen' AND active ORDER BY code LIMIT 1`.execute(
      db,
    );
    serviceId = rows[0]!.id;
    assert.ok(services.size > 0 && serviceId);
    // 1,000 inhabitants in every buurt.
    await sql`INSERT INTO population_count (municipality_code, year, buurt_code, age, sex, inhabitants)
      SELECT municipality_code, ${Number(YEAR)}, code, 40, '1', 1000 FROM buurt WHERE municipality_code = ${MC}`.execute(
      db,
    );

    // A point about 250 m straight out from a corner of a wijk, in a buurt of another wijk of the municipality.
    const plane = equirectangular(geo.wijken[0]!.centroid);
    for (const wijk of geo.wijken) {
      const ring =
        wijk.geometry.type === 'Polygon' ? wijk.geometry.coordinates[0]! : wijk.geometry.coordinates[0]![0]!;
      for (const vertex of ring) {
        const [vx, vy] = plane(vertex);
        const [cx, cy] = plane(wijk.centroid);
        const scale = 250 / Math.hypot(vx - cx, vy - cy);
        const position: Position = [
          vertex[0] + (vertex[0] - wijk.centroid[0]) * scale,
          vertex[1] + (vertex[1] - wijk.centroid[1]) * scale,
        ];
        if (isInside(toPlane(wijk.geometry, plane), plane(position))) continue;
        const buurt = geo.buurten.find(
          (b) => b.wijkCode !== wijk.code && isInside(toPlane(b.geometry, plane), plane(position)),
        );
        if (!buurt) continue;
        target = wijk;
        near = { position, buurt: buurt.code, wijk: buurt.wijkCode, metres: haversine(position, vertex) };
        break;
      }
      if (near) break;
    }
    assert.ok(near, 'a point just over a wijk border');
    assert.ok(near.metres < 300, `${near.metres} m from a corner of ${target.code}`);
    // A buurt whose bounding box lies more than 2 km from the wijk's bounding box (so surely not nearby).
    const gap = (b: GeoArea) => {
      const [a0, a1, a2, a3] = target.bbox;
      const [b0, b1, b2, b3] = b.bbox;
      const lon = Math.max(b0 - a2, a0 - b2, 0);
      const lat = Math.max(b1 - a3, a1 - b3, 0);
      return haversine([a2, a3], [a2 + lon, a3 + lat]);
    };
    const farBuurt = geo.buurten.find(
      (b) => b.wijkCode !== target.code && b.wijkCode !== near.wijk && gap(b) > 2_000,
    )!;
    far = { position: farBuurt.centroid, buurt: farBuurt.code, wijk: farBuurt.wijkCode };

    // High demand in the target wijk: 40 clients per 1,000 inhabitants there, 2 per 1,000 elsewhere.
    const clients = geo.buurten.flatMap((b) =>
      Array.from({ length: b.wijkCode === target.code ? 40 : 2 }, () => [b.wijkCode, b.code] as const),
    );
    await sql`INSERT INTO dash_mix_support (municipality_code, year, person_id, layer, source, law_code, service_id,
        wijk_code, buurt_code, age_group, months)
      VALUES ${sql.join(
        clients.map(
          ([w, b]) =>
            sql`(${MC}, ${Number(YEAR)}, ${randomUUID()}::uuid, 'algemeen', 'verwijzing', 'wmo', ${serviceId}::uuid, ${w}, ${b}, '27-66', 4095)`,
        ),
      )}`.execute(db);
    // Supply elsewhere: three locations in the far buurt.
    for (const name of ['Ver weg 1', 'Ver weg 2', 'Ver weg 3'])
      await addLocation(name, far.buurt, far.position, null);
  });
  after(async () => {
    await testDb.database.close().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await testDb.close().catch(() => undefined);
  });

  test('a location far away is not nearby: the high-demand wijk stays a white spot', async () => {
    const map = await mapOf();
    const t = row(map, target.code);
    assert.equal(t.locations, 0);
    assert.equal(t.nearbyLocations, 0);
    assert.equal(t.reachablePer10000, 0);
    assert.equal(t.whiteSpot, 1, JSON.stringify(t));
    assert.equal(row(map, far.wijk).locations, 3);
    assert.equal(map.total!.locations, 3);
    assert.equal(map.total!.nearbyLocations, null, 'the municipality has no nearby supply of its own');
  });

  test('a location just over the border counts as nearby, with its capacity and provider, and ends the white spot', async () => {
    const provider = await addProvider('Buurthuis over de grens (test)');
    await addLocation('Net over de grens', near.buurt, near.position, provider);
    const map = await mapOf();
    const t = row(map, target.code);
    assert.equal(t.locations, 0, 'not in the wijk: its buurt lies in another wijk');
    assert.equal(t.nearbyLocations, 1);
    assert.equal(t.nearbyCapacity, 25);
    assert.equal(t.providers, 1);
    const inhabitants = buurtenOf(target.code).length * 1000;
    assert.equal(t.inhabitants, inhabitants);
    assert.equal(t.reachablePer10000, Math.round((10_000 / inhabitants) * 100) / 100);
    // Supply index = reachable per 10,000 ÷ the municipality's 4 locations per 10,000 inhabitants: well above 0.8.
    assert.equal(t.whiteSpot, 0, JSON.stringify(t));
    const own = row(map, near.wijk);
    assert.equal(own.locations, 1, 'in its own wijk it counts as in the area');
    assert.equal(map.total!.locations, 4);
    assert.equal(map.total!.providers, 1);
    assert.equal(row(map, far.wijk).locations, 3);

    // Drilled into the wijk: some buurt of it has the location nearby; none has it inside.
    const buurten = await mapOf({ wijk: target.code });
    assert.equal(buurten.mapLevel, 'buurt');
    assert.ok(buurten.rows.some((r) => r.values.nearbyLocations === 1));
    assert.ok(buurten.rows.every((r) => r.values.locations === 0));
  });

  test('a location without coordinates counts only in its own buurt, never as nearby', async () => {
    const before = row(await mapOf(), target.code);
    await addLocation('Zonder adrespunt', near.buurt, null, null);
    const map = await mapOf();
    const after = row(map, target.code);
    for (const code of [
      'locations',
      'capacity',
      'nearbyLocations',
      'nearbyCapacity',
      'providers',
      'reachablePer10000',
    ])
      assert.equal(after[code], before[code], code);
    assert.equal(map.total!.locations, 5, 'it does count in the municipality (and so in the reference)');
    assert.equal(row(map, near.wijk).locations, 2);
    const buurt = row(await mapOf({ wijk: near.wijk }), near.buurt);
    assert.equal(buurt.locations, 2);
  });
});
