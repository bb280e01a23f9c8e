/**
 * Algemene voorzieningen near an address (issue 6 point 1): residents without an account, residents with
 * the inwoner role and professionals get a list (same wijk first, then by distance) and a GeoJSON map.
 * A postcode is placed only where enough known addresses share it, so the answer never tells whether one
 * household is known to the social domain.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { POSTCODE_MIN_ADDRESSES } from '../../src/services/algemene-voorzieningen-search.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const M = 'GM0164';

interface Item {
  code: string;
  inOriginWijk: boolean;
  nearestDistanceKm: number | null;
  locations: { wijkCode: string; distanceKm: number | null }[];
}

describe('algemene voorzieningen near an address', () => {
  let grip: TestApp;
  let buurten: { code: string; wijk_code: string }[];

  before(async () => {
    grip = await createTestApp();
    buurten = await grip.database.db
      .selectFrom('buurt')
      .select(['code', 'wijk_code'])
      .where('municipality_code', '=', M)
      .orderBy('code')
      .execute();
  });
  after(() => grip.close());

  async function addAddresses(postcode: string, buurtCode: string, n: number) {
    await grip.database.db
      .insertInto('address')
      .values(
        Array.from({ length: n }, (_, i) => ({
          municipality_code: M,
          street: 'Teststraat',
          house_number: 100 + i,
          postcode,
          city: 'Hengelo',
          buurt_code: buurtCode,
        })),
      )
      .execute();
  }

  test('a resident without an account: by buurt, same wijk first, then nearest', async () => {
    const target = buurten[Math.floor(buurten.length / 2)]!;
    const response = await grip
      .anonymous()
      .get(`/api/v1/algemene-voorzieningen?municipality=${M}&buurtCode=${target.code}`);
    assert.equal(response.statusCode, 200, response.body);
    const { origin, items } = response.json() as {
      origin: { wijkCode: string; resolvedFrom: string };
      items: Item[];
    };
    assert.equal(origin.resolvedFrom, 'buurt');
    assert.equal(origin.wijkCode, target.wijk_code);
    assert.ok(items.length >= 5);
    assert.ok(items[0]!.inOriginWijk, 'a service with a location in the wijk comes first');
    const firstOutside = items.findIndex((i) => !i.inOriginWijk);
    assert.ok(items.slice(firstOutside).every((i) => !i.inOriginWijk));
    const outside = items.slice(firstOutside).map((i) => i.nearestDistanceKm ?? Infinity);
    assert.deepEqual(
      outside,
      [...outside].sort((a, b) => a - b),
    );
    for (const item of items)
      if (item.inOriginWijk) assert.equal(item.locations[0]!.wijkCode, target.wijk_code);

    const byWijk = await grip
      .anonymous()
      .get(`/api/v1/algemene-voorzieningen?municipality=${M}&wijkCode=${target.wijk_code}&lawCode=wmo`);
    assert.equal(byWijk.statusCode, 200, byWijk.body);
    assert.equal(byWijk.json().origin.resolvedFrom, 'wijk');
    assert.ok(byWijk.json().items.every((i: { lawCode: string }) => i.lawCode === 'wmo'));

    const plain = await grip.anonymous().get(`/api/v1/algemene-voorzieningen?municipality=${M}`);
    assert.equal(plain.json().origin, null);
  });

  test('the map: a GeoJSON FeatureCollection of the locations', async () => {
    const response = await grip
      .anonymous()
      .get(`/api/v1/algemene-voorzieningen/map?municipality=${M}&buurtCode=${buurten[0]!.code}`);
    assert.equal(response.statusCode, 200, response.body);
    assert.match(String(response.headers['content-type']), /application\/geo\+json/);
    const map = response.json();
    assert.equal(map.type, 'FeatureCollection');
    assert.ok(map.features.length > 0);
    const feature = map.features[0];
    assert.equal(feature.type, 'Feature');
    assert.equal(feature.geometry.type, 'Point');
    const [lon, lat] = feature.geometry.coordinates;
    assert.ok(lon > 6.6 && lon < 6.9 && lat > 52.2 && lat < 52.35, `${lon},${lat} lies in Hengelo`);
    assert.ok(feature.properties.serviceName && feature.properties.wijkName);
    const list = (await grip.anonymous().get(`/api/v1/algemene-voorzieningen?municipality=${M}`)).json();
    const locations = list.items.reduce((n: number, i: Item) => n + i.locations.length, 0);
    assert.equal(map.features.length, locations);
  });

  test('a postcode is placed only when enough addresses share it; a caseworker may give a house number', async () => {
    const [a, b] = [buurten[1]!, buurten[buurten.length - 2]!];
    await addAddresses('7550ZZ', a.code, POSTCODE_MIN_ADDRESSES);
    await addAddresses('7550ZY', b.code, 1);
    const anonymous = grip.anonymous();
    const full = (
      await anonymous.get(`/api/v1/algemene-voorzieningen?municipality=${M}&postcode=7550%20zz`)
    ).json();
    assert.deepEqual([full.origin.resolvedFrom, full.origin.buurtCode], ['postcode', a.code]);
    // One known address at 7550ZY: not placed by itself; the four-digit area (7550) is used instead.
    const single = (
      await anonymous.get(`/api/v1/algemene-voorzieningen?municipality=${M}&postcode=7550ZY&houseNumber=100`)
    ).json();
    assert.deepEqual([single.origin.resolvedFrom, single.origin.buurtCode], ['postcode-area', a.code]);
    const unknown = (
      await anonymous.get(`/api/v1/algemene-voorzieningen?municipality=${M}&postcode=9999AA`)
    ).json();
    assert.equal(unknown.origin, null);
    // The inwoner role gets the same privacy-preserving answer; a caseworker gets the exact address.
    const inwoner = (
      await (
        await grip.login('inwoner')
      ).get('/api/v1/algemene-voorzieningen?postcode=7550ZY&houseNumber=100')
    ).json();
    assert.equal(inwoner.origin.resolvedFrom, 'postcode-area');
    const toegang = await grip.login('toegang-medewerker');
    const exact = (
      await toegang.get('/api/v1/algemene-voorzieningen?postcode=7550ZY&houseNumber=100')
    ).json();
    assert.deepEqual([exact.origin.resolvedFrom, exact.origin.buurtCode], ['address', b.code]);
  });

  test('bad input is refused with the reason', async () => {
    const anonymous = grip.anonymous();
    const cases: [string, number, string][] = [
      ['', 400, 'query.municipality'],
      [`?municipality=${M}&buurtCode=BU01530000`, 400, 'query.buurtCode'],
      [`?municipality=${M}&wijkCode=WK015300`, 400, 'query.wijkCode'],
      [`?municipality=${M}&postcode=12345`, 400, 'query.postcode'],
      [`?municipality=${M}&houseNumber=12`, 400, 'query.postcode'],
      [`?municipality=${M}&lawCode=zorgverzekeringswet`, 400, 'query.lawCode'],
      [`?municipality=${M}&extra=1`, 400, ''],
      ['?municipality=GM9999', 404, ''],
    ];
    for (const [query, status, name] of cases) {
      const response = await anonymous.get(`/api/v1/algemene-voorzieningen${query}`);
      assert.equal(response.statusCode, status, `${query}: ${response.body}`);
      assert.match(String(response.headers['content-type']), /problem\+json/);
      if (name)
        assert.ok(
          response.json().invalidParams.some((p: { name: string }) => p.name === name),
          response.body,
        );
    }
    const other = await (
      await grip.login('toegang-medewerker')
    ).get('/api/v1/algemene-voorzieningen?municipality=GM0153');
    assert.equal(other.statusCode, 400);
    assert.equal(other.json().invalidParams[0].code, 'other-municipality');
  });
});
