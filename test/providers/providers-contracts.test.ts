/**
 * Providers and contracts (issue 6 point 2): providers with KvK number and AGB code (unique per
 * municipality), contracts per lot with products and tariffs by period under a funding variant, the
 * barrièremodel checklist that must be complete before a contract becomes active (409 with the list), and
 * audits and incidents after contracting with their follow-up. Bad input writes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const M = 'GM0164';
const ALWAYS = [
  'kvk-uittreksel',
  'ubo-eigendom',
  'vog-bestuurders',
  'verklaring-belastingdienst',
  'jaarrekening',
  'kwaliteitskeurmerk',
  'klachtenregeling',
  'meldcode-huiselijk-geweld',
];

describe('providers and contracts', () => {
  let grip: TestApp;
  let beleid: Client;
  let beheer: Client;
  let toegang: Client;
  let serviceIds: Map<string, string>;
  let kvk = 40_000_000;

  const put = (client: Client, url: string, body: unknown, etag?: string) =>
    client.request('PUT', url, { body, headers: etag ? { 'if-match': etag } : {} });
  const count = async (
    table: 'provider' | 'contract' | 'contract_product' | 'quality_check' | 'provider_incident',
  ) =>
    Number(
      (
        await grip.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('municipality_code', '=', M)
          .executeTakeFirstOrThrow()
      ).n,
    );

  async function provider(name = 'Zorg Samen BV') {
    kvk += 1;
    const response = await beleid.post('/api/v1/providers', {
      name,
      kvkNumber: String(kvk),
      agbCode: String(kvk + 30_000_000),
      city: 'Hengelo',
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json() as { id: string; version: number };
  }
  async function contract(providerId: string, extra: Record<string, unknown> = {}) {
    const response = await beleid.post('/api/v1/contracts', {
      providerId,
      reference: `TW-${kvk}-${Math.random().toString(36).slice(2, 7)}`,
      lot: 'Begeleiding',
      fundingVariant: 'inspanningsgericht',
      validFromDate: '2026-01-01',
      validUntilDate: '2027-12-31',
      regionCode: 'twente',
      ...extra,
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json() as { id: string; version: number; status: string };
  }
  async function passChecks(providerId: string, items = ALWAYS) {
    for (const item of items) {
      const response = await beleid.post(`/api/v1/providers/${providerId}/quality-checks`, {
        phase: 'voor-contractering',
        item,
        outcome: 'voldaan',
        checkedDate: '2026-01-05',
      });
      assert.equal(response.statusCode, 201, response.body);
    }
  }

  before(async () => {
    grip = await createTestApp();
    beleid = await grip.login('beleidsadviseur');
    beheer = await grip.login('functioneel-beheerder');
    toegang = await grip.login('toegang-medewerker');
    const rows = await grip.database.db
      .selectFrom('service')
      .select(['code', 'id'])
      .where('municipality_code', '=', M)
      .execute();
    serviceIds = new Map(rows.map((r) => [r.code, r.id]));
  });
  after(() => grip.close());

  test('providers: KvK and AGB are 8 digits and unique in the municipality', async () => {
    const p = await provider('Thuiszorg Twente');
    const detail = await toegang.get(`/api/v1/providers/${p.id}`);
    assert.equal(detail.statusCode, 200, detail.body);
    assert.equal(detail.json().kvkNumber, String(kvk));
    const found = await toegang.get('/api/v1/providers?q=thuiszorg');
    assert.ok(found.json().items.some((x: { id: string }) => x.id === p.id));

    const before = await count('provider');
    for (const body of [
      { name: 'X', kvkNumber: '1234567' },
      { name: 'X', kvkNumber: '12345678', agbCode: '1234' },
      { name: '', kvkNumber: '12345679' },
      { name: 'X', kvkNumber: '12345670', extra: true },
    ]) {
      assert.equal((await beleid.post('/api/v1/providers', body)).statusCode, 400, JSON.stringify(body));
    }
    const sameKvk = await beleid.post('/api/v1/providers', { name: 'Kopie', kvkNumber: String(kvk) });
    assert.equal(sameKvk.statusCode, 409);
    assert.equal(sameKvk.json().invalidParams[0].name, 'body.kvkNumber');
    const sameAgb = await beleid.post('/api/v1/providers', {
      name: 'Kopie',
      kvkNumber: '11111111',
      agbCode: String(kvk + 30_000_000),
    });
    assert.equal(sameAgb.statusCode, 409);
    assert.equal(sameAgb.json().invalidParams[0].name, 'body.agbCode');
    assert.equal(
      (await toegang.post('/api/v1/providers', { name: 'X', kvkNumber: '22222222' })).statusCode,
      403,
    );
    assert.equal(await count('provider'), before);

    const renamed = await put(
      beheer,
      `/api/v1/providers/${p.id}`,
      { name: 'Thuiszorg Twente BV', kvkNumber: String(kvk), agbCode: null, city: null },
      '"1"',
    );
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal(renamed.json().agbCode, null);
    assert.equal(
      (await put(beheer, `/api/v1/providers/${p.id}`, { name: 'Y', kvkNumber: String(kvk) }, '"1"'))
        .statusCode,
      412,
    );
  });

  test('contracts: funding variants and their lump sum; products inside the period without overlap', async () => {
    const p = await provider();
    const before = await count('contract');
    const bad: [Record<string, unknown>, string][] = [
      [{ fundingVariant: 'taakgericht' }, 'body.lumpSumCentsPerMonth'],
      [{ lumpSumCentsPerMonth: 100 }, 'body.lumpSumCentsPerMonth'],
      [{ validUntilDate: '2025-12-31' }, 'body.validUntilDate'],
      [{ regionCode: 'nergens' }, 'body.regionCode'],
      [{ providerId: '00000000-0000-4000-8000-000000000000' }, 'body.providerId'],
    ];
    for (const [extra, name] of bad) {
      const response = await beleid.post('/api/v1/contracts', {
        providerId: p.id,
        reference: 'TW-BAD',
        lot: 'Begeleiding',
        fundingVariant: 'inspanningsgericht',
        validFromDate: '2026-01-01',
        ...extra,
      });
      assert.equal(response.statusCode, 400, response.body);
      assert.ok(
        response.json().invalidParams.some((x: { name: string }) => x.name === name),
        response.body,
      );
    }
    assert.equal(await count('contract'), before);

    const taak = await contract(p.id, {
      fundingVariant: 'taakgericht',
      lot: 'Vervoer',
      lumpSumCentsPerMonth: 1_250_000,
    });
    const taakView = (await toegang.get(`/api/v1/contracts/${taak.id}`)).json();
    assert.equal(taakView.lumpSumCentsPerMonth, 1_250_000);
    assert.equal(taakView.fundingDescription.nl, 'vast bedrag per periode');
    assert.equal(taakView.status, 'in-voorbereiding');

    const c = await contract(p.id);
    const url = `/api/v1/contracts/${c.id}/products`;
    const product = await beleid.post(url, {
      serviceId: serviceIds.get('WMO-BGI'),
      validFromDate: '2026-01-01',
      validUntilDate: '2026-12-31',
      tariffCents: 6_300,
    });
    assert.equal(product.statusCode, 201, product.body);
    assert.equal(product.json().unitCode, '04');
    const productsBefore = await count('contract_product');
    const overlap = await beleid.post(url, {
      serviceId: serviceIds.get('WMO-BGI'),
      validFromDate: '2026-06-01',
      validUntilDate: '2026-12-31',
      tariffCents: 6_400,
    });
    assert.equal(overlap.statusCode, 409);
    assert.equal(overlap.json().code, 'product-overlap');
    const outside = await beleid.post(url, {
      serviceId: serviceIds.get('WMO-HO'),
      validFromDate: '2026-01-01',
      validUntilDate: null,
      tariffCents: 3_300,
    });
    assert.equal(outside.statusCode, 400);
    assert.equal(outside.json().invalidParams[0].code, 'outside-contract');
    const unit = await beleid.post(url, {
      serviceId: serviceIds.get('WMO-HO'),
      validFromDate: '2026-01-01',
      validUntilDate: '2026-12-31',
      tariffCents: 3_300,
      unitCode: '14',
    });
    assert.equal(unit.statusCode, 400);
    const unknown = await beleid.post(url, {
      serviceId: '00000000-0000-4000-8000-000000000000',
      validFromDate: '2026-01-01',
      validUntilDate: '2026-12-31',
      tariffCents: 1,
    });
    assert.equal(unknown.statusCode, 400);
    assert.equal(await count('contract_product'), productsBefore);

    const next = await beleid.post(url, {
      serviceId: serviceIds.get('WMO-BGI'),
      validFromDate: '2027-01-01',
      validUntilDate: '2027-12-31',
      tariffCents: 6_500,
    });
    assert.equal(next.statusCode, 201, next.body);
    const stretched = await put(
      beleid,
      `/api/v1/contract-products/${product.json().id}`,
      { validFromDate: '2026-01-01', validUntilDate: '2027-02-28', tariffCents: 6_300 },
      '"1"',
    );
    assert.equal(stretched.statusCode, 409, stretched.body);
    const changed = await put(
      beleid,
      `/api/v1/contract-products/${product.json().id}`,
      { validFromDate: '2026-01-01', validUntilDate: '2026-12-31', tariffCents: 6_350 },
      '"1"',
    );
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json().tariffCents, 6_350);

    const shorter = await put(
      beleid,
      `/api/v1/contracts/${c.id}`,
      {
        lot: 'Begeleiding',
        fundingVariant: 'inspanningsgericht',
        validFromDate: '2026-01-01',
        validUntilDate: '2026-12-31',
        regionCode: null,
        lumpSumCentsPerMonth: null,
      },
      '"1"',
    );
    assert.equal(shorter.statusCode, 409);
    assert.equal(shorter.json().code, 'products-outside-period');
    const byService = (
      await toegang.get(`/api/v1/contracts?serviceId=${serviceIds.get('WMO-BGI')}&providerId=${p.id}`)
    ).json();
    assert.deepEqual(
      byService.items.map((x: { id: string }) => x.id),
      [c.id],
    );
    const service = (await toegang.get(`/api/v1/services/${serviceIds.get('WMO-BGI')}`)).json();
    assert.ok(
      service.providers.some(
        (x: { providerId: string; tariffCents: number }) => x.providerId === p.id && x.tariffCents === 6_500,
      ),
    );
  });

  test('a contract becomes active only with a complete checklist (409 with the open items)', async () => {
    const p = await provider('Jeugdhulp Oost');
    const c = await contract(p.id, { lot: 'Jeugdhulp ambulant' });
    const statusUrl = `/api/v1/contracts/${c.id}/status`;
    const empty = await beleid.post(statusUrl, { status: 'actief' }, { 'if-match': '"1"' });
    assert.equal(empty.statusCode, 409);
    assert.equal(empty.json().code, 'contract-without-products');
    assert.equal(
      (
        await beleid.post(`/api/v1/contracts/${c.id}/products`, {
          serviceId: serviceIds.get('JW-AMB'),
          validFromDate: '2026-01-01',
          validUntilDate: '2026-12-31',
          tariffCents: 9_000,
        })
      ).statusCode,
      201,
    );
    await beleid.post(`/api/v1/providers/${p.id}/quality-checks`, {
      phase: 'voor-contractering',
      item: 'vog-bestuurders',
      outcome: 'niet-voldaan',
      checkedDate: '2026-01-02',
    });
    await beleid.post(`/api/v1/providers/${p.id}/quality-checks`, {
      phase: 'voor-contractering',
      item: 'jaarrekening',
      outcome: 'open',
      checkedDate: '2026-01-02',
    });
    const blocked = await beleid.post(statusUrl, { status: 'actief' }, { 'if-match': '"1"' });
    assert.equal(blocked.statusCode, 409);
    assert.equal(blocked.json().code, 'quality-checks-open');
    const items = blocked.json().invalidParams.map((x: { name: string; code: string }) => [x.name, x.code]);
    assert.deepEqual(new Map(items).get('checklist.vog-bestuurders'), 'niet-voldaan');
    assert.equal(new Map(items).get('checklist.jaarrekening'), 'open');
    assert.equal(
      new Map(items).get('checklist.skj-big-registratie'),
      'ontbreekt',
      'Jeugdwet products need SKJ/BIG',
    );
    assert.equal(items.length, ALWAYS.length + 1);
    assert.equal((await toegang.get(`/api/v1/contracts/${c.id}`)).json().status, 'in-voorbereiding');

    await passChecks(p.id);
    const stillSkj = await beleid.post(statusUrl, { status: 'actief' }, { 'if-match': '"1"' });
    assert.deepEqual(
      stillSkj.json().invalidParams.map((x: { name: string }) => x.name),
      ['checklist.skj-big-registratie'],
    );
    await passChecks(p.id, ['skj-big-registratie']);
    const checklist = (await beleid.get(`/api/v1/providers/${p.id}/quality-checks`)).json();
    assert.equal(checklist.checklist.complete, true);
    assert.equal(checklist.checklist.jeugdwet, true);
    assert.equal(checklist.checks[0].recordedBy !== null, true);

    assert.equal((await beleid.post(statusUrl, { status: 'actief' })).statusCode, 428);
    const active = await beleid.post(statusUrl, { status: 'actief' }, { 'if-match': '"1"' });
    assert.equal(active.statusCode, 200, active.body);
    assert.equal(active.json().status, 'actief');
    assert.equal(
      (await toegang.post(statusUrl, { status: 'opgeschort' }, { 'if-match': '"2"' })).statusCode,
      403,
    );
    const suspended = await beleid.post(statusUrl, { status: 'opgeschort' }, { 'if-match': '"2"' });
    assert.equal(suspended.json().status, 'opgeschort');
    // A failed VOG recorded later blocks resuming.
    await beleid.post(`/api/v1/providers/${p.id}/quality-checks`, {
      phase: 'voor-contractering',
      item: 'vog-bestuurders',
      outcome: 'niet-voldaan',
      checkedDate: '2026-02-01',
    });
    assert.equal((await beleid.post(statusUrl, { status: 'actief' }, { 'if-match': '"3"' })).statusCode, 409);
    const ended = await beleid.post(statusUrl, { status: 'beeindigd' }, { 'if-match': '"3"' });
    assert.equal(ended.json().status, 'beeindigd');
    const again = await beleid.post(statusUrl, { status: 'actief' }, { 'if-match': '"4"' });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'status-transition');
    const late = await beleid.post(`/api/v1/contracts/${c.id}/products`, {
      serviceId: serviceIds.get('JW-AMB'),
      validFromDate: '2027-01-01',
      validUntilDate: '2027-06-30',
      tariffCents: 1,
    });
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().code, 'contract-ended');
  });

  test('after contracting: an audit not met opens an incident, followed up to closure', async () => {
    const p = await provider('Dagbesteding Noord');
    const before = await count('quality_check');
    for (const body of [
      { phase: 'voor-contractering', item: 'audit', outcome: 'voldaan', checkedDate: '2026-01-01' },
      { phase: 'tijdens-contract', item: 'audit', outcome: 'voldaan', checkedDate: '2999-01-01' },
      { phase: 'tijdens-contract', item: 'boekhouding', outcome: 'voldaan', checkedDate: '2026-01-01' },
    ]) {
      assert.equal(
        (await beleid.post(`/api/v1/providers/${p.id}/quality-checks`, body)).statusCode,
        400,
        JSON.stringify(body),
      );
    }
    assert.equal(await count('quality_check'), before);

    const audit = await beleid.post(`/api/v1/providers/${p.id}/quality-checks`, {
      phase: 'tijdens-contract',
      item: 'audit',
      outcome: 'niet-voldaan',
      checkedDate: '2026-03-01',
      notes: 'Dossiers onvolledig',
    });
    assert.equal(audit.statusCode, 201, audit.body);
    const incidentId = audit.json().incidentId as string;
    assert.ok(incidentId);
    const incident = (await beleid.get(`/api/v1/provider-incidents/${incidentId}`)).json();
    assert.equal(incident.kind, 'auditbevinding');
    assert.equal(incident.status, 'gemeld');

    // A caseworker reports a complaint, but does not see the incident register.
    const complaint = await toegang.post(`/api/v1/providers/${p.id}/incidents`, {
      kind: 'klacht',
      occurredDate: '2026-03-02',
      summary: 'Begeleider kwam drie keer niet opdagen',
    });
    assert.equal(complaint.statusCode, 201, complaint.body);
    assert.equal((await toegang.get('/api/v1/provider-incidents')).statusCode, 403);
    const incidentsBefore = await count('provider_incident');
    assert.equal(
      (
        await toegang.post(`/api/v1/providers/${p.id}/incidents`, {
          kind: 'klacht',
          occurredDate: '2026-03-05',
          reportedDate: '2026-03-04',
          summary: 'x',
        })
      ).statusCode,
      400,
    );
    assert.equal(
      (
        await toegang.post(`/api/v1/providers/${p.id}/incidents`, {
          kind: 'ramp',
          occurredDate: '2026-03-05',
          summary: 'x',
        })
      ).statusCode,
      400,
    );
    assert.equal(await count('provider_incident'), incidentsBefore);

    const url = `/api/v1/provider-incidents/${incidentId}/actions`;
    const step = { actionDate: '2026-03-10', description: 'Verbeterplan gevraagd', status: 'in-onderzoek' };
    assert.equal((await beleid.post(url, step)).statusCode, 428);
    assert.equal(
      (await beleid.post(url, { ...step, actionDate: '2026-01-01' }, { 'if-match': '"1"' })).statusCode,
      400,
    );
    const first = await beleid.post(url, step, { 'if-match': '"1"' });
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().status, 'in-onderzoek');
    assert.equal((await beleid.post(url, step, { 'if-match': '"1"' })).statusCode, 412);
    const closed = await beleid.post(
      url,
      { actionDate: '2026-04-01', description: 'Heraudit voldaan', status: 'afgehandeld' },
      { 'if-match': '"2"' },
    );
    assert.equal(closed.json().closedDate, '2026-04-01');
    assert.deepEqual(
      closed.json().actions.map((a: { statusAfter: string; recordedBy: string }) => a.statusAfter),
      ['in-onderzoek', 'afgehandeld'],
    );
    const open = (await beleid.get(`/api/v1/provider-incidents?providerId=${p.id}&status=gemeld`)).json();
    assert.deepEqual(
      open.items.map((i: { kind: string }) => i.kind),
      ['klacht'],
    );
  });

  test("another municipality's provider and contract are not found", async () => {
    const other = await grip.database.db
      .insertInto('provider')
      .values({ municipality_code: 'GM0153', name: 'Enschede Zorg', kvk_number: '77777777' })
      .returning('id')
      .executeTakeFirstOrThrow();
    assert.equal((await toegang.get(`/api/v1/providers/${other.id}`)).statusCode, 404);
    assert.equal(
      (
        await beleid.post(`/api/v1/providers/${other.id}/quality-checks`, {
          phase: 'voor-contractering',
          item: 'kvk-uittreksel',
          outcome: 'voldaan',
          checkedDate: '2026-01-01',
        })
      ).statusCode,
      404,
    );
    const contractResponse = await beleid.post('/api/v1/contracts', {
      providerId: other.id,
      reference: 'X-1',
      lot: 'X',
      fundingVariant: 'inspanningsgericht',
      validFromDate: '2026-01-01',
    });
    assert.equal(contractResponse.statusCode, 400);
    // The same KvK number may exist in another municipality.
    assert.equal(
      (await beleid.post('/api/v1/providers', { name: 'Hengelo Zorg', kvkNumber: '77777777' })).statusCode,
      201,
    );
  });
});
