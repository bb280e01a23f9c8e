import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { seedAreas, vindplaatsenFor } from '../src/areas/areas-seed.ts';
import {
  BUURT_EDITION,
  centroidOf,
  findBuurt,
  GEO_MUNICIPALITIES,
  geoReference,
  GeoReferenceError,
  parseGeoReference,
  pointInGeometry,
  randomPointIn,
  randomPointInBuurt,
  WIJK_EDITION,
  type AreaGeometry,
  type Position,
  type Ring,
} from '../src/areas/geo-reference.ts';
import { countRows, createTestApp, type TestApp } from './helpers/test-app.ts';

/** A small seeded generator (mulberry32): the same seed gives the same sequence. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Winding number of a closed ring around a point: an independent check of the module's even-odd test. */
function winding([x, y]: Position, ring: Ring): number {
  let wn = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i]!;
    const [x1, y1] = ring[i + 1]!;
    const side = (x1 - x0) * (y - y0) - (x - x0) * (y1 - y0);
    if (y0 <= y && y1 > y && side > 0) wn++;
    else if (y0 > y && y1 <= y && side < 0) wn--;
  }
  return wn;
}
function insideByWinding(point: Position, geometry: AreaGeometry): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.some(
    ([outer, ...holes]) => winding(point, outer!) !== 0 && holes.every((h) => winding(point, h) === 0),
  );
}

const range = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`);
const HENGELO_WIJKEN = range('WK0164', 10);
const ENSCHEDE_WIJKEN = range('WK0153', 10);

describe('geo reference (vendored wijk and buurt boundaries)', () => {
  test('covers Hengelo (10 wijken, 62 buurten) and Enschede (10, 70), each buurt in a wijk of its own municipality', () => {
    const geo = geoReference();
    assert.deepEqual([...geo.keys()].sort(), GEO_MUNICIPALITIES.map((m) => m.code).sort());
    const counts = Object.fromEntries(
      [...geo.values()].map((m) => [m.code, [m.name, m.wijken.length, m.buurten.length]]),
    );
    assert.deepEqual(counts, { GM0164: ['Hengelo', 10, 62], GM0153: ['Enschede', 10, 70] });
    assert.deepEqual(
      geo.get('GM0164')!.wijken.map((w) => w.code),
      HENGELO_WIJKEN,
    );
    for (const m of geo.values()) {
      const wijken = new Set(m.wijken.map((w) => w.code));
      for (const b of m.buurten) {
        assert.ok(wijken.has(b.wijkCode), `${b.code} in ${b.wijkCode}`);
        assert.equal(b.code.slice(2, 8), b.wijkCode.slice(2));
      }
      for (const a of [...m.wijken, ...m.buurten]) {
        assert.ok(['Polygon', 'MultiPolygon'].includes(a.geometry.type), a.code);
        assert.ok(a.name.length > 0);
      }
    }
  });

  test('rejects malformed reference files', () => {
    const wijk = (code: string, geometry: unknown = square(0, 0, 1)) => ({
      type: 'Feature',
      geometry,
      properties: { statcode: code, statnaam: 'W', gemeentecode: 'GM0164', gemeentenaam: 'Hengelo' },
    });
    const buurt = (code: string, wijkcode: string) => ({
      type: 'Feature',
      geometry: square(0, 0, 1),
      properties: {
        statcode: code,
        statnaam: 'B',
        wijkcode,
        gemeentecode: 'GM0164',
        gemeentenaam: 'Hengelo',
      },
    });
    const fc = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
    const enschede = [wijk('WK015300'), buurt('BU01530000', 'WK015300')].map((f) => ({
      ...f,
      properties: { ...f.properties, gemeentecode: 'GM0153', gemeentenaam: 'Enschede' },
    }));
    const good = () => [fc(wijk('WK016400'), enschede[0]), fc(buurt('BU01640000', 'WK016400'), enschede[1])];
    assert.equal(parseGeoReference(...(good() as [unknown, unknown])).size, 2);

    const cases: [string, unknown, unknown, RegExp][] = [
      ['wijk missing', good()[0], fc(buurt('BU01640100', 'WK016401'), enschede[1]), /does not exist/],
      ['bad wijk code', fc(wijk('WK16400'), enschede[0]), good()[1], /wijken/],
      ['bad buurt code', good()[0], fc(buurt('BU0164000', 'WK016400'), enschede[1]), /buurten/],
      [
        'buurt outside its wijk',
        good()[0],
        fc(buurt('BU01640100', 'WK016400'), enschede[1]),
        /not in WK016400/,
      ],
      [
        'point geometry',
        fc(wijk('WK016400', { type: 'Point', coordinates: [6.8, 52.2] }), enschede[0]),
        good()[1],
        /wijken/,
      ],
      [
        'open ring',
        fc(
          wijk('WK016400', {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [1, 1],
                [0, 1],
              ],
            ],
          }),
          enschede[0],
        ),
        good()[1],
        /not closed/,
      ],
      ['duplicate', fc(wijk('WK016400'), wijk('WK016400'), enschede[0]), good()[1], /twice/],
      [
        'municipality missing',
        fc(wijk('WK016400')),
        fc(buurt('BU01640000', 'WK016400')),
        /GM0153 has no wijken/,
      ],
      ['not a collection', [], good()[1], /wijken/],
    ];
    for (const [name, wijken, buurten, message] of cases) {
      assert.throws(() => parseGeoReference(wijken, buurten), { message }, name);
      assert.throws(() => parseGeoReference(wijken, buurten), GeoReferenceError, name);
    }
  });

  test('centroid: area-weighted over the outer rings, ignoring holes', () => {
    assert.deepEqual(centroidOf(square(0, 0, 2)), [1, 1]);
    // Orientation does not matter.
    assert.deepEqual(
      centroidOf({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [0, 2],
            [2, 2],
            [2, 0],
            [0, 0],
          ],
        ],
      }),
      [1, 1],
    );
    // A square of area 4 at (1,1) and one of area 1 at (10.5, 0.5): weighted 4:1.
    const multi: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [square(0, 0, 2).coordinates, square(10, 0, 1).coordinates],
    };
    const [x, y] = centroidOf(multi);
    assert.ok(Math.abs(x - (4 * 1 + 10.5) / 5) < 1e-12 && Math.abs(y - (4 * 1 + 0.5) / 5) < 1e-12);
    // Every real wijk's centroid lies within its bounding box, near the real city.
    for (const m of geoReference().values()) {
      for (const a of [...m.wijken, ...m.buurten]) {
        const [lon, lat] = a.centroid;
        assert.ok(lon >= a.bbox[0] && lon <= a.bbox[2] && lat >= a.bbox[1] && lat <= a.bbox[3], a.code);
        assert.ok(lon > 6.7 && lon < 7 && lat > 52.1 && lat < 52.35, a.code);
      }
    }
  });

  test('random points land inside every buurt, and the same seed gives the same points', () => {
    for (const m of geoReference().values()) {
      for (const b of m.buurten) {
        const random = seeded(Number(b.code.slice(2)));
        const points = Array.from({ length: 25 }, () => randomPointIn(b, random, 10_000));
        for (const p of points) assert.ok(insideByWinding(p, b.geometry), `${b.code}: ${p.join(',')}`);
        const again = seeded(Number(b.code.slice(2)));
        assert.deepEqual(
          Array.from({ length: 25 }, () => randomPointIn(b, again, 10_000)),
          points,
        );
      }
    }
    assert.deepEqual(
      randomPointInBuurt('BU01640000', seeded(7)),
      randomPointInBuurt('BU01640000', seeded(7)),
    );
    assert.notDeepEqual(
      randomPointInBuurt('BU01640000', seeded(7)),
      randomPointInBuurt('BU01640000', seeded(8)),
    );
    assert.throws(() => randomPointInBuurt('BU09990000', seeded(1)), GeoReferenceError);
  });

  test('BU01640909 has a hole where BU01640900 lies: no random point falls in it', () => {
    const outer = findBuurt('BU01640909')!;
    const kern = findBuurt('BU01640900')!;
    assert.equal(outer.geometry.type, 'Polygon');
    const [, hole] = outer.geometry.coordinates as Ring[];
    assert.ok(hole, 'BU01640909 has a hole');
    // The hole is real: the centre of Beckum lies in it, so not in BU01640909 but in BU01640900.
    assert.ok(winding(kern.centroid, hole) !== 0);
    assert.equal(pointInGeometry(kern.centroid, outer.geometry), false);
    assert.equal(pointInGeometry(kern.centroid, kern.geometry), true);
    const random = seeded(909);
    for (let i = 0; i < 2000; i++) {
      const p = randomPointInBuurt('BU01640909', random, 10_000);
      assert.equal(winding(p, hole), 0, `point ${p.join(',')} lies in the hole`);
      assert.ok(insideByWinding(p, outer.geometry));
    }
    // Control: the hole is big enough that a sampler ignoring it would have hit it with this many draws.
    const control = seeded(909);
    const [minX, minY, maxX, maxY] = outer.bbox;
    let hits = 0;
    for (let i = 0; i < 4000; i++) {
      const p: Position = [minX + control() * (maxX - minX), minY + control() * (maxY - minY)];
      if (winding(p, hole) !== 0) hits++;
    }
    assert.ok(hits > 10, `only ${hits} control points in the hole`);
  });

  test('falls back to the centroid when no try lands inside', () => {
    const triangle: AreaGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [0, 3],
          [0, 0],
        ],
      ],
    };
    // 0.99 in both axes is the far corner of the bounding box, outside the triangle every time.
    let calls = 0;
    const corner = () => {
      calls++;
      return 0.99;
    };
    assert.deepEqual(randomPointIn({ geometry: triangle }, corner, 50), [1, 1]);
    assert.equal(calls, 100);
    assert.deepEqual(
      randomPointIn({ geometry: triangle }, () => 0.1, 50),
      [0.30000000000000004, 0.30000000000000004],
    );
  });
});

describe('areas in the database and the area API', () => {
  let grip: TestApp;
  before(async () => {
    grip = await createTestApp();
  });
  after(() => grip.close());

  const rows = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(grip.database.db)).rows;

  test('the demo seed loads wijken, buurten and CBS codes for both municipalities', async () => {
    const counts = await rows<{ municipality_code: string; wijken: number; buurten: number }>(sql`
      SELECT w.municipality_code, count(DISTINCT w.code)::int AS wijken, count(b.code)::int AS buurten
      FROM wijk w LEFT JOIN buurt b ON b.municipality_code = w.municipality_code AND b.wijk_code = w.code
      GROUP BY w.municipality_code ORDER BY w.municipality_code`);
    assert.deepEqual(counts, [
      { municipality_code: 'GM0153', wijken: 10, buurten: 70 },
      { municipality_code: 'GM0164', wijken: 10, buurten: 62 },
    ]);
    const wijken = await rows<{ municipality_code: string; code: string }>(
      sql`SELECT municipality_code, code FROM wijk ORDER BY code`,
    );
    assert.deepEqual(
      wijken.filter((w) => w.municipality_code === 'GM0164').map((w) => w.code),
      HENGELO_WIJKEN,
    );
    assert.deepEqual(
      wijken.filter((w) => w.municipality_code === 'GM0153').map((w) => w.code),
      ENSCHEDE_WIJKEN,
    );

    // Every buurt's wijk belongs to the same municipality, and codes carry the municipality's digits.
    const stray = await rows(sql`
      SELECT b.code FROM buurt b JOIN wijk w ON w.code = b.wijk_code
      WHERE w.municipality_code <> b.municipality_code OR substr(b.code, 3, 4) <> substr(b.municipality_code, 3, 4)`);
    assert.deepEqual(stray, []);
    const types = await rows<{ type: string; n: number }>(sql`
      SELECT geometry ->> 'type' AS type, count(*)::int AS n FROM (
        SELECT geometry FROM wijk UNION ALL SELECT geometry FROM buurt) g GROUP BY 1 ORDER BY 1`);
    assert.deepEqual(
      types.map((t) => t.type),
      ['MultiPolygon', 'Polygon'],
    );
    assert.equal(
      types.reduce((s, t) => s + t.n, 0),
      152,
    );

    const cbs = await rows<{ kind: string; edition: number; n: number }>(sql`
      SELECT kind, edition, count(*)::int AS n FROM cbs_area
      WHERE gemeente_code IN ('GM0164', 'GM0153') GROUP BY kind, edition ORDER BY kind`);
    assert.deepEqual(cbs, [
      { kind: 'buurt', edition: BUURT_EDITION, n: 132 },
      { kind: 'gemeente', edition: WIJK_EDITION, n: 2 },
      { kind: 'wijk', edition: WIJK_EDITION, n: 20 },
    ]);
    const [hengelo] = await rows<{ name: string }>(sql`SELECT name FROM cbs_area WHERE code = 'GM0164'`);
    assert.equal(hengelo!.name, 'Hengelo');
  });

  test('vindplaatsen: a Zorgloket, one wijkteam per wijk, GPs, consultatiebureaus, schools and the rest', async () => {
    for (const m of GEO_MUNICIPALITIES) {
      const places = await rows<{
        id: string;
        kind: string;
        name: string;
        wijk_code: string | null;
        buurt_code: string | null;
      }>(sql`SELECT id, kind, name, wijk_code, buurt_code FROM vindplaats
        WHERE municipality_code = ${m.code} ORDER BY name COLLATE "C"`);
      const ofKind = (kind: string) => places.filter((p) => p.kind === kind);
      assert.equal(ofKind('zorgloket').length, 1);
      assert.equal(ofKind('zorgloket')[0]!.wijk_code, null);
      assert.equal(ofKind('online').length, 1);
      assert.deepEqual(
        ofKind('wijkteam')
          .map((p) => p.wijk_code)
          .sort(),
        m.code === 'GM0164' ? HENGELO_WIJKEN : ENSCHEDE_WIJKEN,
      );
      assert.ok(ofKind('huisartsenpraktijk').length >= 3);
      assert.ok(ofKind('consultatiebureau').length >= 1);
      assert.ok(ofKind('school').length >= 3);
      for (const kind of ['bibliotheek', 'werkplein', 'schuldhulploket'])
        assert.equal(ofKind(kind).length, 1);
      for (const p of places) {
        if (p.wijk_code && p.buurt_code) assert.equal(p.buurt_code.slice(2, 8), p.wijk_code.slice(2), p.name);
        if (['huisartsenpraktijk', 'consultatiebureau', 'school', 'bibliotheek'].includes(p.kind))
          assert.match(p.name, /\(fictief\)$/);
      }
      // Deterministic: the ids are derived from municipality and name.
      const expected = vindplaatsenFor(m.code);
      assert.deepEqual(places.map((p) => p.id).sort(), expected.map((v) => v.id).sort());
    }
    // The two municipalities' place ids never collide, although some names are the same.
    const ids = vindplaatsenFor('GM0164').map((v) => v.id);
    assert.ok(vindplaatsenFor('GM0153').every((v) => !ids.includes(v.id)));
  });

  test('seedAreas is idempotent and refuses a municipality without geo data', async () => {
    const before = await rows<{ n: number }>(sql`SELECT
      (SELECT count(*) FROM cbs_area) + (SELECT count(*) FROM wijk) + (SELECT count(*) FROM buurt)
      + (SELECT count(*) FROM vindplaats) AS n`);
    const again = await grip.database.db.transaction().execute((tx) => seedAreas(tx, 'GM0164'));
    assert.deepEqual(again, { cbsAreas: 0, wijken: 0, buurten: 0, vindplaatsen: 0 });
    assert.deepEqual(
      await rows<{ n: number }>(sql`SELECT
      (SELECT count(*) FROM cbs_area) + (SELECT count(*) FROM wijk) + (SELECT count(*) FROM buurt)
      + (SELECT count(*) FROM vindplaats) AS n`),
      before,
    );
    await assert.rejects(() => seedAreas(grip.database.db, 'GM0363'), GeoReferenceError);
  });

  test('every endpoint needs a log-in', async () => {
    for (const url of [
      '/api/v1/wijken',
      '/api/v1/wijken/geojson',
      '/api/v1/wijken/WK016400',
      '/api/v1/buurten',
      '/api/v1/vindplaatsen',
    ]) {
      const response = await grip.anonymous().get(url);
      assert.equal(response.statusCode, 401, url);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
    }
  });

  test("wijken: the caller's municipality only, as a list, one by one and as GeoJSON", async () => {
    const hengelo = await grip.login('wijkteam-medewerker', 'GM0164');
    const enschede = await grip.login('inwoner', 'GM0153');
    const logged = await countRows(grip.database, 'processing_log');

    const list = await hengelo.get('/api/v1/wijken');
    assert.equal(list.statusCode, 200);
    assert.deepEqual(
      list.json().items.map((w: any) => w.code),
      HENGELO_WIJKEN,
    );
    assert.deepEqual(list.json().items[0], { code: 'WK016400', name: 'Wijk 00 Binnenstad' });
    assert.deepEqual(
      (await enschede.get('/api/v1/wijken')).json().items.map((w: any) => w.code),
      ENSCHEDE_WIJKEN,
    );

    const one = await hengelo.get('/api/v1/wijken/WK016409');
    assert.equal(one.statusCode, 200);
    const wijk = one.json();
    assert.equal(wijk.name, 'Wijk 09 Buitengebied');
    assert.equal(wijk.geometry.type, 'MultiPolygon');
    assert.equal(wijk.attribution, 'CBS / Kadaster — Wijk- en buurtkaart 2024');
    assert.equal(wijk.buurten.length, 9);
    assert.ok(wijk.buurten.every((b: any) => b.code.startsWith('BU016409')));
    assert.equal(wijk.centroid.length, 2);

    const geojson = await hengelo.get('/api/v1/wijken/geojson');
    assert.equal(geojson.statusCode, 200);
    assert.match(String(geojson.headers['content-type']), /^application\/geo\+json/);
    const collection = geojson.json();
    assert.equal(collection.type, 'FeatureCollection');
    assert.match(collection.attribution, /CBS \/ Kadaster/);
    assert.deepEqual(
      collection.features.map((f: any) => f.id),
      HENGELO_WIJKEN,
    );
    for (const f of collection.features) {
      assert.equal(f.type, 'Feature');
      assert.ok(['Polygon', 'MultiPolygon'].includes(f.geometry.type));
      assert.equal(f.properties.code, f.id);
    }
    const enschedeGeo = (await enschede.get('/api/v1/wijken/geojson')).json();
    assert.deepEqual(
      enschedeGeo.features.map((f: any) => f.id),
      ENSCHEDE_WIJKEN,
    );

    // Buurten with their outlines, for the whole municipality or one wijk (the dashboard's buurt map).
    const buurtGeo = await hengelo.get('/api/v1/buurten/geojson?wijk=WK016409');
    assert.equal(buurtGeo.statusCode, 200);
    assert.match(String(buurtGeo.headers['content-type']), /^application\/geo\+json/);
    const buurtCollection = buurtGeo.json();
    assert.equal(buurtCollection.features.length, 9);
    for (const f of buurtCollection.features) {
      assert.match(f.id, /^BU016409\d\d$/);
      assert.equal(f.properties.wijkCode, 'WK016409');
      assert.ok(['Polygon', 'MultiPolygon'].includes(f.geometry.type));
      assert.equal(f.properties.centroid.length, 2);
    }
    const allBuurten = (await hengelo.get('/api/v1/buurten/geojson')).json();
    assert.ok(allBuurten.features.length > buurtCollection.features.length);
    assert.ok(allBuurten.features.every((f: any) => f.id.startsWith('BU0164')));

    // No personal data: nothing goes to the processing log.
    assert.equal(await countRows(grip.database, 'processing_log'), logged);
  });

  test("wijken: another municipality's or an unknown code is 404, a malformed one or an unknown query key 400", async () => {
    const hengelo = await grip.login('toegang-medewerker', 'GM0164');
    for (const code of ['WK015300', 'WK016499', 'WK999999']) {
      const response = await hengelo.get(`/api/v1/wijken/${code}`);
      assert.equal(response.statusCode, 404, code);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
      assert.equal(response.json().code, 'not-found');
    }
    for (const code of ['abc', 'wk016400', 'WK01640', 'BU01640000', 'GM0164', 'WK0164000']) {
      const response = await hengelo.get(`/api/v1/wijken/${code}`);
      assert.equal(response.statusCode, 400, code);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
      assert.deepEqual(
        response.json().invalidParams.map((p: any) => p.name),
        ['path.wijkCode'],
      );
    }
    for (const url of [
      '/api/v1/wijken?geometry=true',
      '/api/v1/wijken/geojson?wijk=WK016400',
      '/api/v1/wijken/WK016400?x=1',
      '/api/v1/buurten?wijkCode=WK016400',
      '/api/v1/buurten/geojson?wijkCode=WK016400',
      '/api/v1/vindplaatsen?soort=school',
    ]) {
      const response = await hengelo.get(url);
      assert.equal(response.statusCode, 400, url);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
      assert.equal(response.json().invalidParams[0].code, 'unknown-field', url);
    }
  });

  test('buurten: all of the municipality, or those of one wijk', async () => {
    const hengelo = await grip.login('regisseur', 'GM0164');
    const all = (await hengelo.get('/api/v1/buurten')).json().items;
    assert.equal(all.length, 62);
    assert.ok(all.every((b: any) => b.code.startsWith('BU0164') && HENGELO_WIJKEN.includes(b.wijkCode)));

    const binnenstad = await hengelo.get('/api/v1/buurten?wijk=WK016400');
    assert.equal(binnenstad.statusCode, 200);
    assert.deepEqual(binnenstad.json().items, [
      { code: 'BU01640000', name: 'Binnenstad-Centrum', wijkCode: 'WK016400' },
      { code: 'BU01640001', name: 'Binnenstad-West', wijkCode: 'WK016400' },
      { code: 'BU01640002', name: 'Binnenstad-Oost', wijkCode: 'WK016400' },
    ]);
    // Another municipality's wijk: nothing of it is shown.
    assert.deepEqual((await hengelo.get('/api/v1/buurten?wijk=WK015300')).json().items, []);
    const enschede = await grip.login('regisseur', 'GM0153');
    assert.equal((await enschede.get('/api/v1/buurten?wijk=WK015300')).json().items.length, 9);

    for (const wijk of ['', 'WK16400', 'BU01640000', 'x']) {
      const response = await hengelo.get(`/api/v1/buurten?wijk=${wijk}`);
      assert.equal(response.statusCode, 400, wijk);
      assert.equal(response.json().invalidParams[0].name, 'query.wijk');
    }
  });

  test("vindplaatsen: the municipality's own, filtered by kind or wijk", async () => {
    const hengelo = await grip.login('beleidsadviseur', 'GM0164');
    const all = await hengelo.get('/api/v1/vindplaatsen');
    assert.equal(all.statusCode, 200);
    const items = all.json().items;
    assert.deepEqual(
      items.map((v: any) => v.id).sort(),
      vindplaatsenFor('GM0164')
        .map((v) => v.id)
        .sort(),
    );
    assert.ok(items.some((v: any) => v.name === 'Zorgloket Hengelo' && v.kind === 'zorgloket'));
    assert.ok(!items.some((v: any) => /Enschede/.test(v.name)));
    assert.deepEqual(
      items.map((v: any) => v.name),
      [...items.map((v: any) => v.name)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );

    const wijkteams = (await hengelo.get('/api/v1/vindplaatsen?kind=wijkteam')).json().items;
    assert.equal(wijkteams.length, 10);
    assert.ok(wijkteams.some((v: any) => v.name === 'Wijkteam Hasseler Es' && v.wijkCode === 'WK016403'));
    const inWijk = (await hengelo.get('/api/v1/vindplaatsen?wijk=WK016403')).json().items;
    assert.ok(inWijk.length >= 2 && inWijk.every((v: any) => v.wijkCode === 'WK016403'));

    const enschede = await grip.login('aanbieder', 'GM0153');
    const theirs = (await enschede.get('/api/v1/vindplaatsen')).json().items;
    assert.ok(theirs.some((v: any) => v.name === 'Zorgloket Enschede'));
    assert.ok(!theirs.some((v: any) => items.some((mine: any) => mine.id === v.id)));

    for (const url of ['/api/v1/vindplaatsen?kind=kapper', '/api/v1/vindplaatsen?wijk=016403']) {
      const response = await hengelo.get(url);
      assert.equal(response.statusCode, 400, url);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
    }
  });
});

function square(x: number, y: number, size: number): { type: 'Polygon'; coordinates: Ring[] } {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + size, y],
        [x + size, y + size],
        [x, y + size],
        [x, y],
      ],
    ],
  };
}
