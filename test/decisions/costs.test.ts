import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { MC, providerWithContract, serviceByCode } from './decision-fixtures.ts';

/**
 * Costs by month per service, provider, law and wijk under each funding variant. Rows are written straight
 * to the database in 2020 (no demo data there): 12 youth clients on JW-AMB with provider A (inspanningsgericht),
 * 3 on JW-GGZ (too few to show), and a taakgericht contract with a lump sum.
 */

type Cell = {
  month: string;
  key: string;
  label: string;
  fundingVariant: string;
  clients: number | null;
  commitmentCents: number | null;
  realisationCents: number | null;
  lumpSumCents: number | null;
  suppressed: boolean;
};

describe('costs', () => {
  let grip: TestApp;
  let beleid: Client;
  let ambId: string;
  let ggzId: string;
  let providerA: string;
  let taakProvider: string;

  before(async () => {
    grip = await createTestApp();
    beleid = await grip.login('beleidsadviseur');
    const db = grip.database.db;
    const validity = { validFrom: '2019-01-01', validUntil: '2021-12-31' };
    const a = await providerWithContract(
      grip,
      31,
      [
        { code: 'JW-AMB', tariffCents: 9150 },
        { code: 'JW-GGZ', tariffCents: 120_000 },
      ],
      validity,
    );
    providerA = a.providerId;
    const taak = await providerWithContract(grip, 32, [{ code: 'JW-AMB', tariffCents: 0 }], {
      ...validity,
      fundingVariant: 'taakgericht',
    });
    taakProvider = taak.providerId;
    ambId = (await serviceByCode(grip, 'JW-AMB')).id;
    ggzId = (await serviceByCode(grip, 'JW-GGZ')).id;
    let number = 90_000_000;
    const allocate = async (serviceId: string, n: number, commitment: number, declared: number) => {
      for (let i = 0; i < n; i++) {
        const person = await db
          .insertInto('person')
          .values({
            municipality_code: MC,
            given_names: 'Kind',
            family_name: `Kosten${number}`,
            birth_date: '2012-01-01',
            is_synthetic: true,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const t = await db
          .insertInto('toewijzing')
          .values({
            municipality_code: MC,
            toewijzing_number: ++number,
            referrer_type_code: '02',
            person_id: person.id,
            provider_id: a.providerId,
            contract_id: a.contractId,
            service_id: serviceId,
            law_code: 'jeugdwet',
            start_date: '2020-03-01',
            end_date: '2020-04-30',
            commitment_cents: commitment,
            status: 'beeindigd',
            end_reason_code: '31',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const d = await db
          .insertInto('declaration')
          .values({
            municipality_code: MC,
            provider_id: a.providerId,
            declaration_number: `K${number}`,
            law_code: 'jeugdwet',
            period_start: '2020-03-01',
            period_end: '2020-03-31',
            submitted_at: new Date('2020-04-05T10:00:00Z'),
            total_cents: declared * 2,
            status: 'verwerkt',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await db
          .insertInto('declaration_line')
          .values([
            {
              municipality_code: MC,
              declaration_id: d.id,
              toewijzing_id: t.id,
              period_start: '2020-03-01',
              period_end: '2020-03-31',
              volume: 1,
              unit_code: '04',
              tariff_cents: declared,
              amount_cents: declared,
              status: 'geaccepteerd',
            },
            {
              municipality_code: MC,
              declaration_id: d.id,
              toewijzing_id: t.id,
              period_start: '2020-03-01',
              period_end: '2020-03-31',
              volume: 1,
              unit_code: '04',
              tariff_cents: declared,
              amount_cents: declared,
              status: 'afgewezen',
              rejection_code: '9361',
              rejection_reason: 'dubbel',
            },
          ])
          .execute();
      }
    };
    // 61 days, 31 in March: March gets 31/61 of the commitment.
    await allocate(ambId, 12, 61_000, 9150);
    await allocate(ggzId, 3, 122_000, 120_000);
    await db
      .insertInto('contract_payment')
      .values({
        municipality_code: MC,
        contract_id: taak.contractId,
        period_start: '2020-03-01',
        period_end: '2020-03-31',
        amount_cents: 5_000_000,
      })
      .execute();
  });
  after(() => grip.close());

  test('by service: commitments spread by day, realisation from accepted lines, small cells hidden', async () => {
    const response = await beleid.get('/api/v1/costs?groupBy=service&fromMonth=2020-03&toMonth=2020-04');
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json() as { threshold: number; cells: Cell[]; totals: Record<string, number> };
    assert.equal(body.threshold, 10);
    const march = body.cells.filter((c) => c.month === '2020-03');
    const amb = march.find((c) => c.key === ambId)!;
    assert.ok(amb.label.length > 0 && amb.label !== ambId);
    assert.equal(amb.fundingVariant, 'inspanningsgericht');
    assert.equal(amb.clients, 12);
    assert.equal(amb.commitmentCents, 12 * 31_000);
    assert.equal(amb.realisationCents, 12 * 9150, 'rejected lines do not count');
    assert.equal(amb.suppressed, false);
    const ggz = march.find((c) => c.key === ggzId)!;
    assert.equal(ggz.suppressed, true);
    assert.equal(ggz.clients, null);
    assert.equal(ggz.commitmentCents, null);
    assert.equal(ggz.realisationCents, null);
    const april = body.cells.find((c) => c.month === '2020-04' && c.key === ambId)!;
    assert.equal(april.commitmentCents, 12 * 30_000);
    assert.equal(april.realisationCents, 0);
    // The lump sum cannot be attributed to a service.
    const lump = march.find((c) => c.fundingVariant === 'taakgericht')!;
    assert.equal(lump.key, 'niet-toe-te-rekenen');
    assert.equal(lump.lumpSumCents, 5_000_000);
    // Totals add up the cells shown only.
    assert.equal(body.totals.realisationCents, 12 * 9150);
    assert.equal(body.totals.lumpSumCents, 5_000_000);
  });

  test('by provider, law and wijk', async () => {
    const byProvider = (
      await beleid.get('/api/v1/costs?groupBy=provider&fromMonth=2020-03&toMonth=2020-03')
    ).json();
    const a = byProvider.cells.find((c: Cell) => c.key === providerA);
    assert.equal(a.clients, 15);
    assert.equal(a.realisationCents, 12 * 9150 + 3 * 120_000);
    assert.equal(a.label, 'Zorg Test 31');
    const taak = byProvider.cells.find((c: Cell) => c.key === taakProvider);
    assert.equal(taak.fundingVariant, 'taakgericht');
    assert.equal(taak.lumpSumCents, 5_000_000);

    const byLaw = (
      await beleid.get('/api/v1/costs?groupBy=law&fromMonth=2020-03&toMonth=2020-03&lawCode=jeugdwet')
    ).json();
    const jw = byLaw.cells.filter((c: Cell) => c.key === 'jeugdwet');
    assert.deepEqual(jw.map((c: Cell) => c.fundingVariant).sort(), ['inspanningsgericht', 'taakgericht']);
    assert.equal(jw.find((c: Cell) => c.fundingVariant === 'inspanningsgericht').label, 'Jeugdwet');

    const byWijk = (await beleid.get('/api/v1/costs?groupBy=wijk&fromMonth=2020-03&toMonth=2020-03')).json();
    // These clients have no address: one wijk "onbekend" with all 15.
    const unknown = byWijk.cells.find(
      (c: Cell) => c.key === 'onbekend' && c.fundingVariant === 'inspanningsgericht',
    );
    assert.equal(unknown.clients, 15);
  });

  test('a higher municipal threshold hides more; bad queries are refused; only the controller may read', async () => {
    await grip.database.db
      .updateTable('municipality')
      .set({ small_count_threshold: 20 })
      .where('code', '=', MC)
      .execute();
    try {
      const body = (
        await beleid.get('/api/v1/costs?groupBy=service&fromMonth=2020-03&toMonth=2020-03')
      ).json();
      assert.equal(body.threshold, 20);
      assert.equal(body.cells.find((c: Cell) => c.key === ambId).suppressed, true);
    } finally {
      await grip.database.db
        .updateTable('municipality')
        .set({ small_count_threshold: 10 })
        .where('code', '=', MC)
        .execute();
    }
    for (const query of [
      'groupBy=service&fromMonth=2020-04&toMonth=2020-03',
      'groupBy=service&fromMonth=2020-01&toMonth=2023-12',
      'groupBy=buurt&fromMonth=2020-03&toMonth=2020-03',
      'groupBy=service&fromMonth=2020-13&toMonth=2020-03',
      'groupBy=service&toMonth=2020-03',
    ]) {
      const response = await beleid.get(`/api/v1/costs?${query}`);
      assert.equal(response.statusCode, 400, query);
    }
    const toegang = await grip.login('toegang-medewerker');
    assert.equal((await toegang.get('/api/v1/costs?fromMonth=2020-03&toMonth=2020-03')).statusCode, 403);
    // Another municipality sees none of it.
    const enschede = await grip.login('beleidsadviseur', 'GM0153');
    const other = (
      await enschede.get('/api/v1/costs?groupBy=service&fromMonth=2020-03&toMonth=2020-03')
    ).json();
    assert.deepEqual(other.cells, []);
  });
});
