import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import {
  addDays,
  counts,
  grantedProduct,
  providerWithContract,
  residentWithMelding,
  serviceByCode,
  today,
  type ProviderFixture,
} from './decision-fixtures.ts';

const TABLES = ['toewijzing', 'toewijzing_change'];

describe('toewijzingen', () => {
  let grip: TestApp;
  let toegang: Client;
  let a: ProviderFixture;
  before(async () => {
    grip = await createTestApp();
    toegang = await grip.login('toegang-medewerker');
    a = await providerWithContract(grip, 1, [
      { code: 'WMO-HO', tariffCents: 3350 },
      { code: 'JW-AMB', tariffCents: 9150 },
    ]);
  });
  after(() => grip.close());

  test('a granted product is allocated like a 301: product, volume, unit, frequency, period, commitment', async () => {
    const g = await grantedProduct(grip, toegang, 201, { volume: 3 });
    const response = await toegang.post('/api/v1/toewijzingen', {
      beschikkingProductId: g.productId,
      contractId: a.contractId,
      startDate: g.start,
      endDate: addDays(g.start, 181),
    });
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.headers.etag, '"1"');
    const t = response.json();
    assert.equal(t.client.personId, g.personId);
    assert.equal(t.providerId, a.providerId);
    assert.equal(t.lawCode, 'wmo');
    assert.equal(t.productCategoryCode, '01');
    assert.match(t.productCode, /^[A-Z0-9]{5}$/);
    assert.equal(t.volume, 3);
    assert.equal(t.unitCode, '04');
    assert.equal(t.frequencyCode, '2');
    assert.equal(t.status, 'actief');
    assert.ok(t.toewijzingNumber >= 1 && t.toewijzingNumber <= 99_999_999);
    // 3 hours a week for 182 days at € 33,50.
    assert.equal(t.commitmentCents, Math.round(((3 * 182) / 7) * 3350));

    // The same product for the same client in an overlapping period: 409, nothing written.
    const before = await counts(grip, TABLES);
    const overlap = await toegang.post('/api/v1/toewijzingen', {
      beschikkingProductId: g.productId,
      contractId: a.contractId,
      startDate: addDays(g.start, 100),
      endDate: addDays(g.start, 200),
    });
    assert.equal(overlap.statusCode, 409, overlap.body);
    assert.equal(overlap.json().code, 'toewijzing-overlap');
    assert.deepEqual(await counts(grip, TABLES), before);
    // Right after it: fine.
    const next = await toegang.post('/api/v1/toewijzingen', {
      beschikkingProductId: g.productId,
      contractId: a.contractId,
      startDate: addDays(g.start, 182),
      endDate: addDays(g.start, 300),
    });
    assert.equal(next.statusCode, 201, next.body);
  });

  test('change with a RedenWijziging and If-Match; end with a RedenBeeindiging; history kept', async () => {
    const g = await grantedProduct(grip, toegang, 202, { volume: 4 });
    const created = await toegang.post('/api/v1/toewijzingen', {
      beschikkingProductId: g.productId,
      contractId: a.contractId,
      startDate: g.start,
      endDate: addDays(g.start, 90),
      volume: 3,
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id;
    const url = `/api/v1/toewijzingen/${id}/changes`;
    assert.equal(
      (await toegang.post(url, { reasonCode: '04', endDate: addDays(g.start, 120) })).statusCode,
      428,
    );
    assert.equal(
      (await toegang.post(url, { reasonCode: '04', endDate: addDays(g.start, 120) }, { 'if-match': '"9"' }))
        .statusCode,
      412,
    );
    const unknown = await toegang.post(
      url,
      { reasonCode: '99', endDate: addDays(g.start, 120) },
      { 'if-match': '"1"' },
    );
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().invalidParams[0].code, 'unknown-code');
    const tooMuch = await toegang.post(url, { reasonCode: '04', volume: 5 }, { 'if-match': '"1"' });
    assert.equal(tooMuch.statusCode, 400, tooMuch.body);
    const beyond = await toegang.post(
      url,
      { reasonCode: '04', endDate: addDays(g.end, 1) },
      { 'if-match': '"1"' },
    );
    assert.equal(beyond.statusCode, 400);
    assert.equal(beyond.json().invalidParams[0].code, 'outside-grant');

    const changed = await toegang.post(
      url,
      { reasonCode: '04', endDate: addDays(g.start, 120), volume: 4 },
      { 'if-match': '"1"' },
    );
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.headers.etag, '"2"');
    const c = changed.json();
    assert.equal(c.status, 'gewijzigd');
    assert.equal(c.changeReasonCode, '04');
    assert.equal(c.endDate, addDays(g.start, 120));
    assert.equal(c.volume, 4);
    assert.equal(c.changes.length, 1);
    assert.equal(c.changes[0].previousVolume, 3);

    const endUrl = `/api/v1/toewijzingen/${id}/end`;
    const badReason = await toegang.post(
      endUrl,
      { reasonCode: '04', endDate: addDays(g.start, 60) },
      { 'if-match': '"2"' },
    );
    assert.equal(badReason.statusCode, 400, 'RedenWijziging 04 is not a RedenBeeindiging');
    const ended = await toegang.post(
      endUrl,
      { reasonCode: '23', endDate: addDays(g.start, 60) },
      { 'if-match': '"2"' },
    );
    assert.equal(ended.statusCode, 200, ended.body);
    assert.equal(ended.json().status, 'beeindigd');
    assert.equal(ended.json().endReasonCode, '23');
    assert.equal(ended.json().endDate, addDays(g.start, 60));
    const again = await toegang.post(
      endUrl,
      { reasonCode: '23', endDate: addDays(g.start, 50) },
      { 'if-match': '"3"' },
    );
    assert.equal(again.statusCode, 409);
  });

  test('withdrawing (RedenWijziging 13) frees the period for a new allocation', async () => {
    const g = await grantedProduct(grip, toegang, 203);
    const created = await toegang.post('/api/v1/toewijzingen', {
      beschikkingProductId: g.productId,
      contractId: a.contractId,
      startDate: g.start,
      endDate: addDays(g.start, 90),
    });
    const withdrawn = await toegang.post(
      `/api/v1/toewijzingen/${created.json().id}/changes`,
      { reasonCode: '13' },
      { 'if-match': '"1"' },
    );
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);
    assert.equal(withdrawn.json().status, 'ingetrokken');
    const replacement = await toegang.post('/api/v1/toewijzingen', {
      beschikkingProductId: g.productId,
      contractId: a.contractId,
      startDate: g.start,
      endDate: addDays(g.start, 90),
    });
    assert.equal(replacement.statusCode, 201, replacement.body);
  });

  test('the contract must be active for the product and the period', async () => {
    const g = await grantedProduct(grip, toegang, 204);
    const suspended = await providerWithContract(grip, 2, [{ code: 'WMO-HO', tariffCents: 3350 }], {
      status: 'opgeschort',
    });
    const short = await providerWithContract(grip, 3, [{ code: 'WMO-HO', tariffCents: 3350 }], {
      validUntil: addDays(today(), 30),
    });
    const otherProduct = await providerWithContract(grip, 4, [{ code: 'WMO-BGI', tariffCents: 6480 }]);
    const before = await counts(grip, TABLES);
    const body = { beschikkingProductId: g.productId, startDate: g.start, endDate: addDays(g.start, 90) };
    for (const [contractId, code] of [
      [suspended.contractId, 'contract-not-active'],
      [short.contractId, 'contract-not-active'],
      [otherProduct.contractId, 'product-not-contracted'],
    ] as const) {
      const response = await toegang.post('/api/v1/toewijzingen', { ...body, contractId });
      assert.equal(response.statusCode, 409, response.body);
      assert.equal(response.json().code, code);
    }
    const cases: [unknown, number, string][] = [
      [{ ...body, contractId: '00000000-0000-4000-8000-000000000000' }, 400, 'unknown contract'],
      [{ ...body, contractId: a.contractId, endDate: addDays(g.end, 1) }, 400, 'beyond the grant'],
      [{ ...body, contractId: a.contractId, endDate: addDays(g.start, -1) }, 400, 'end before start'],
      [{ ...body, contractId: a.contractId, volume: 99 }, 400, 'more than granted'],
      [{ ...body, contractId: a.contractId, budgetCents: -1 }, 400, 'negative budget'],
      [{ ...body, contractId: a.contractId, personId: g.personId }, 400, 'client next to a beschikking'],
      [{ ...body, contractId: a.contractId, referrerTypeCode: '02' }, 400, 'referrer for Wmo'],
      [{ contractId: a.contractId, startDate: g.start, endDate: g.end }, 400, 'no beschikking, no referral'],
      [
        { ...body, contractId: a.contractId, beschikkingProductId: '00000000-0000-4000-8000-000000000000' },
        400,
        'unknown product',
      ],
    ];
    for (const [payload, status, what] of cases) {
      const response = await toegang.post('/api/v1/toewijzingen', payload);
      assert.equal(response.statusCode, status, `${what}: ${response.body}`);
    }
    assert.deepEqual(await counts(grip, TABLES), before);
  });

  test('a refused product cannot be allocated', async () => {
    const { meldingId } = await residentWithMelding(grip, toegang, 205);
    const ho = await serviceByCode(grip, 'WMO-HO');
    const b = await toegang.post('/api/v1/beschikkingen', {
      meldingId,
      decidedDate: today(),
      legalGrounds: 'Wmo 2015 art. 2.3.5',
      products: [{ serviceId: ho.id, outcome: 'afgewezen', grounds: 'Niet nodig.' }],
    });
    const response = await toegang.post('/api/v1/toewijzingen', {
      beschikkingProductId: b.json().products[0].id,
      contractId: a.contractId,
      startDate: today(),
      endDate: addDays(today(), 30),
    });
    assert.equal(response.statusCode, 409);
    assert.equal(response.json().code, 'product-refused');
  });

  test('youth care on a GP referral needs no beschikking and records the referrer type', async () => {
    const { personId } = await residentWithMelding(grip, toegang, 206, 'jeugdwet');
    const amb = await serviceByCode(grip, 'JW-AMB');
    const body = {
      personId,
      serviceId: amb.id,
      contractId: a.contractId,
      startDate: today(),
      endDate: addDays(today(), 180),
      volume: 8,
      frequencyCode: '4',
    };
    const self = await toegang.post('/api/v1/toewijzingen', { ...body, referrerTypeCode: '06' });
    assert.equal(self.statusCode, 400, 'a self-referral needs a beschikking');
    const response = await toegang.post('/api/v1/toewijzingen', { ...body, referrerTypeCode: '02' });
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.json().referrerTypeCode, '02');
    assert.equal(response.json().beschikkingProductId, null);
    assert.equal(response.json().lawCode, 'jeugdwet');
  });
});
