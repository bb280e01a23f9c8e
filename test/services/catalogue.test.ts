/**
 * Catalogue maintenance (issue 6 point 1): the functioneel beheerder creates, changes and deactivates
 * services (codes checked against the iWmo/iJw catalogue tables), keeps reference tariffs by period
 * without overlap, and locations by wijk with capacity; other roles read. Bad input writes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const M = 'GM0164';

describe('catalogue of services', () => {
  let grip: TestApp;
  let beheer: Client;
  let toegang: Client;
  let buurt: { code: string; wijk_code: string };

  const serviceCount = async () =>
    Number(
      (
        await grip.database.db
          .selectFrom('service')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('municipality_code', '=', M)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const put = (client: Client, url: string, body: unknown, etag?: string) =>
    client.request('PUT', url, { body, headers: etag ? { 'if-match': etag } : {} });

  const maatwerk = (code: string, extra: Record<string, unknown> = {}) => ({
    code,
    name: 'Begeleiding groep plus',
    kind: 'maatwerk',
    delivery: 'collectief',
    lawCode: 'wmo',
    productCategoryCode: '07',
    productCode: '07A99',
    unitCode: '16',
    frequencyCode: '2',
    fundingVariant: 'inspanningsgericht',
    targetGroup: 'Volwassenen met dementie',
    minAge: 18,
    maxAge: null,
    ...extra,
  });

  before(async () => {
    grip = await createTestApp();
    beheer = await grip.login('functioneel-beheerder');
    toegang = await grip.login('toegang-medewerker');
    buurt = await grip.database.db
      .selectFrom('buurt')
      .select(['code', 'wijk_code'])
      .where('municipality_code', '=', M)
      .orderBy('code')
      .executeTakeFirstOrThrow();
  });
  after(() => grip.close());

  test('the beheerder creates a service; every role reads it; others may not change it', async () => {
    const created = await beheer.post('/api/v1/services', maatwerk('WMO-DBP'));
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.headers.etag, '"1"');
    const service = created.json();
    assert.equal(service.kind, 'maatwerk');
    assert.equal(service.active, true);

    const read = await toegang.get(`/api/v1/services/${service.id}`);
    assert.equal(read.statusCode, 200, read.body);
    assert.equal(read.json().productCategoryName, 'Dagbesteding');
    assert.deepEqual(read.json().tariffs, []);
    const list = await (await grip.login('aanbieder')).get('/api/v1/services?kind=maatwerk&lawCode=wmo');
    assert.equal(list.statusCode, 200);
    assert.ok(list.json().items.some((s: { code: string }) => s.code === 'WMO-DBP'));

    const denied = await toegang.post('/api/v1/services', maatwerk('WMO-XX'));
    assert.equal(denied.statusCode, 403);
    assert.equal((await toegang.get('/api/v1/services/algemene-voorzieningen')).statusCode, 200);
  });

  test('codes are checked against the iWmo/iJw catalogue tables; bad input writes nothing', async () => {
    const before = await serviceCount();
    const cases: [Record<string, unknown>, string, string][] = [
      [
        maatwerk('BAD-1', { productCategoryCode: '45' }),
        'body.productCategoryCode',
        'unknown-product-category',
      ],
      [maatwerk('BAD-2', { unitCode: '99' }), 'body.unitCode', 'unknown-eenheid'],
      [maatwerk('BAD-3', { frequencyCode: '9' }), 'body.frequencyCode', 'unknown-frequentie'],
      [
        maatwerk('BAD-4', { productCategoryCode: null, productCode: null }),
        'body.productCategoryCode',
        'required',
      ],
      [maatwerk('BAD-5', { minAge: 65, maxAge: 18 }), 'body.maxAge', 'age-range'],
      [
        maatwerk('BAD-6', { lawCode: 'participatiewet' }),
        'body.productCategoryCode',
        'unknown-product-category',
      ],
    ];
    for (const [body, name, code] of cases) {
      const response = await beheer.post('/api/v1/services', body);
      assert.equal(response.statusCode, 400, `${name}: ${response.body}`);
      assert.ok(
        response
          .json()
          .invalidParams.some((p: { name: string; code: string }) => p.name === name && p.code === code),
        response.body,
      );
    }
    // Jeugdwet codes come from the iJw list: category 45 is fine there.
    const youth = await beheer.post(
      '/api/v1/services',
      maatwerk('JW-AMB2', {
        lawCode: 'jeugdwet',
        productCategoryCode: '45',
        productCode: '45A99',
        unitCode: '04',
        minAge: null,
        maxAge: 17,
      }),
    );
    assert.equal(youth.statusCode, 201, youth.body);
    for (const body of [
      { ...maatwerk('BAD-7'), extra: 1 },
      maatwerk('bad code'),
      maatwerk('BAD-8', { kind: 'anders' }),
      { code: 'BAD-9' },
    ]) {
      const response = await beheer.post('/api/v1/services', body);
      assert.equal(response.statusCode, 400, response.body);
    }
    const duplicate = await beheer.post('/api/v1/services', maatwerk('WMO-HO'));
    assert.equal(duplicate.statusCode, 409);
    assert.equal(duplicate.json().code, 'service-code-taken');
    assert.equal(await serviceCount(), before + 1);
  });

  test('change needs the version; deactivation hides it from the default list', async () => {
    const created = (await beheer.post('/api/v1/services', maatwerk('WMO-CH'))).json();
    const { code: _code, ...fields } = maatwerk('WMO-CH', { name: 'Nieuwe naam' });
    const url = `/api/v1/services/${created.id}`;
    assert.equal((await put(beheer, url, fields)).statusCode, 428);
    assert.equal((await put(beheer, url, fields, '"7"')).statusCode, 412);
    assert.equal((await put(beheer, url, { ...fields, code: 'X' }, '"1"')).statusCode, 400);
    assert.equal((await put(beheer, url, { ...fields, unitCode: '99' }, '"1"')).statusCode, 400);
    const changed = await put(beheer, url, fields, '"1"');
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json().name, 'Nieuwe naam');
    assert.equal(changed.headers.etag, '"2"');

    const off = await put(beheer, `${url}/active`, { active: false }, '"2"');
    assert.equal(off.statusCode, 200, off.body);
    assert.equal(off.json().active, false);
    const active = (await toegang.get('/api/v1/services')).json().items.map((s: { id: string }) => s.id);
    assert.ok(!active.includes(created.id));
    const all = (await toegang.get('/api/v1/services?active=all'))
      .json()
      .items.map((s: { id: string }) => s.id);
    assert.ok(all.includes(created.id));
    assert.equal((await put(toegang, `${url}/active`, { active: true }, '"3"')).statusCode, 403);
    const unknown = await put(beheer, '/api/v1/services/00000000-0000-4000-8000-000000000000', fields, '"1"');
    assert.equal(unknown.statusCode, 404);
  });

  test('tariffs by period in eurocent: no overlap per service, unit of the service', async () => {
    const service = (await beheer.post('/api/v1/services', maatwerk('WMO-TAR'))).json();
    const url = `/api/v1/services/${service.id}/tariffs`;
    const first = await beheer.post(url, {
      validFromDate: '2026-01-01',
      validUntilDate: null,
      tariffCents: 5_520,
    });
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().unitCode, '16');
    assert.equal(first.json().tariffCents, 5_520);

    const overlap = await beheer.post(url, {
      validFromDate: '2027-01-01',
      validUntilDate: null,
      tariffCents: 5_700,
    });
    assert.equal(overlap.statusCode, 409);
    assert.equal(overlap.json().code, 'tariff-overlap');
    for (const body of [
      { validFromDate: '2028-01-01', validUntilDate: '2027-01-01', tariffCents: 1 },
      { validFromDate: '2020-01-01', validUntilDate: '2020-12-31', tariffCents: 1, unitCode: '04' },
      { validFromDate: '2020-01-01', validUntilDate: '2020-12-31', tariffCents: 12.5 },
      { validFromDate: '2020-01-01', validUntilDate: '2020-12-31', tariffCents: -1 },
      { validFromDate: '2020-02-30', validUntilDate: null, tariffCents: 1 },
    ]) {
      const response = await beheer.post(url, body);
      assert.equal(response.statusCode, 400, `${JSON.stringify(body)}: ${response.body}`);
    }

    // End the open tariff, then the next period fits.
    const tariffUrl = `${url}/${first.json().id}`;
    const overlapping = await put(
      beheer,
      tariffUrl,
      { validFromDate: '2026-01-01', validUntilDate: null, tariffCents: 5_600 },
      '"2"',
    );
    assert.equal(overlapping.statusCode, 412);
    const ended = await put(
      beheer,
      tariffUrl,
      { validFromDate: '2026-01-01', validUntilDate: '2026-12-31', tariffCents: 5_520 },
      '"1"',
    );
    assert.equal(ended.statusCode, 200, ended.body);
    const next = await beheer.post(url, {
      validFromDate: '2027-01-01',
      validUntilDate: null,
      tariffCents: 5_700,
    });
    assert.equal(next.statusCode, 201, next.body);
    const stretch = await put(
      beheer,
      tariffUrl,
      { validFromDate: '2026-01-01', validUntilDate: '2027-03-31', tariffCents: 5_520 },
      '"2"',
    );
    assert.equal(stretch.statusCode, 409);

    const detail = (await toegang.get(`/api/v1/services/${service.id}`)).json();
    assert.deepEqual(
      detail.tariffs.map(
        (t: { validFromDate: string; validUntilDate: string | null; tariffCents: number }) => [
          t.validFromDate,
          t.validUntilDate,
          t.tariffCents,
        ],
      ),
      [
        ['2026-01-01', '2026-12-31', 5_520],
        ['2027-01-01', null, 5_700],
      ],
    );
    const other = (await beheer.post('/api/v1/services', maatwerk('WMO-TAR2'))).json();
    const foreign = await put(
      beheer,
      `/api/v1/services/${other.id}/tariffs/${first.json().id}`,
      { validFromDate: '2026-01-01', validUntilDate: '2026-12-31', tariffCents: 1 },
      '"2"',
    );
    assert.equal(foreign.statusCode, 404);
  });

  test('locations in a buurt (and so a wijk) with address and capacity', async () => {
    const service = (
      await beheer.post('/api/v1/services', {
        ...maatwerk('AV-TEST'),
        kind: 'algemeen',
        productCategoryCode: null,
        productCode: null,
        unitCode: null,
        frequencyCode: null,
        fundingVariant: 'taakgericht',
      })
    ).json();
    const url = `/api/v1/services/${service.id}/locations`;
    const location = {
      name: 'Buurthuis De Es',
      buurtCode: buurt.code,
      streetAddress: 'Esweg 1, 7551 AA Hengelo',
      capacity: 25,
      capacityUnit: 'plaatsen',
      openingHours: 'ma-vr 9-17',
    };
    const created = await beheer.post(url, location);
    assert.equal(created.statusCode, 201, created.body);
    const view = created.json();
    assert.equal(view.wijkCode, buurt.wijk_code);
    assert.ok(view.longitude !== null && view.latitude !== null, 'position from the buurt centroid');

    const count = async () =>
      (
        await grip.database.db
          .selectFrom('service_location')
          .select('id')
          .where('service_id', '=', service.id)
          .execute()
      ).length;
    for (const [body, name] of [
      [{ ...location, buurtCode: 'BU01530000' }, 'body.buurtCode'],
      [{ ...location, capacityUnit: null }, 'body.capacityUnit'],
      [{ ...location, longitude: 6.79 }, 'body.latitude'],
      [{ ...location, providerId: '00000000-0000-4000-8000-000000000000' }, 'body.providerId'],
    ] as const) {
      const response = await beheer.post(url, body);
      assert.equal(response.statusCode, 400, response.body);
      assert.equal(response.json().invalidParams[0].name, name);
    }
    assert.equal(await count(), 1);
    const changed = await put(
      beheer,
      `/api/v1/service-locations/${view.id}`,
      { ...location, capacity: 30 },
      '"1"',
    );
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json().capacity, 30);
    assert.equal(
      (await beheer.delete(`/api/v1/service-locations/${view.id}`, { 'if-match': '"1"' })).statusCode,
      412,
    );
    assert.equal(
      (await toegang.delete(`/api/v1/service-locations/${view.id}`, { 'if-match': '"2"' })).statusCode,
      403,
    );
    assert.equal(
      (await beheer.delete(`/api/v1/service-locations/${view.id}`, { 'if-match': '"2"' })).statusCode,
      204,
    );
    assert.equal(await count(), 0);
  });

  test("another municipality's service is not found", async () => {
    const enschede = await grip.database.db
      .selectFrom('service')
      .select('id')
      .where('municipality_code', '=', 'GM0153')
      .executeTakeFirstOrThrow();
    assert.equal((await toegang.get(`/api/v1/services/${enschede.id}`)).statusCode, 404);
    const tariff = await beheer.post(`/api/v1/services/${enschede.id}/tariffs`, {
      validFromDate: '2040-01-01',
      validUntilDate: null,
      tariffCents: 1,
    });
    assert.equal(tariff.statusCode, 404);
  });
});
