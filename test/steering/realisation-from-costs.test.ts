import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { taakveldFor } from '../../src/steering/realisation-from-costs.ts';
import { MC, providerWithContract, serviceByCode } from '../decisions/decision-fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

/**
 * Budget realisatie from Grip's own costs: accepted declarations and lump sums of 2020 (no demo data in that
 * year) by BBV taakveld, stored as grip-kosten lines; imported or typed figures are never overwritten.
 * Costs: two accepted JW-AMB lines of € 2,500 (a rejected line and a withdrawn allocation do not count) and
 * a lump sum of € 36,600 over 2019-07-01..2020-06-30 (366 days, 182 in 2020: € 18,200) → 6.72 € 23.2k.
 */

interface Result {
  lines: {
    taakveld: string;
    declarationCents: number;
    lumpSumCents: number;
    amount: number;
    stored: boolean;
    kept: { source: string; amount: number } | null;
  }[];
  otherTaakvelden: { taakveld: string; amount: number }[];
}

describe('budget realisatie from Grip costs', () => {
  let grip: TestApp;
  let beleid: Client;

  before(async () => {
    grip = await createTestApp();
    beleid = await grip.login('beleidsadviseur', MC);
    const db = grip.database.db;
    const validity = { validFrom: '2019-01-01', validUntil: '2021-12-31' };
    const a = await providerWithContract(grip, 41, [{ code: 'JW-AMB', tariffCents: 9150 }], validity);
    const taak = await providerWithContract(grip, 42, [{ code: 'JW-AMB', tariffCents: 0 }], {
      ...validity,
      fundingVariant: 'taakgericht',
    });
    const amb = await serviceByCode(grip, 'JW-AMB');
    let number = 91_000_000;
    const declare = async (
      status: 'beeindigd' | 'ingetrokken',
      lines: [number, 'geaccepteerd' | 'afgewezen'][],
    ) => {
      const person = await db
        .insertInto('person')
        .values({
          municipality_code: MC,
          given_names: 'Kind',
          family_name: `Sturing${number}`,
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
          service_id: amb.id,
          law_code: 'jeugdwet',
          product_category_code: amb.product_category_code,
          start_date: '2020-03-01',
          end_date: '2020-04-30',
          commitment_cents: 100_000,
          status,
          end_reason_code: status === 'beeindigd' ? '31' : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const d = await db
        .insertInto('declaration')
        .values({
          municipality_code: MC,
          provider_id: a.providerId,
          declaration_number: `S${number}`,
          law_code: 'jeugdwet',
          period_start: '2020-03-01',
          period_end: '2020-03-31',
          submitted_at: new Date('2020-04-05T10:00:00Z'),
          total_cents: lines.reduce((s, [c]) => s + c, 0),
          status: 'verwerkt',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [cents, lineStatus] of lines)
        await db
          .insertInto('declaration_line')
          .values({
            municipality_code: MC,
            declaration_id: d.id,
            toewijzing_id: t.id,
            period_start: '2020-03-01',
            period_end: '2020-03-31',
            volume: 1,
            unit_code: '04',
            tariff_cents: cents,
            amount_cents: cents,
            status: lineStatus,
            ...(lineStatus === 'afgewezen' ? { rejection_code: '9361', rejection_reason: 'dubbel' } : {}),
          })
          .execute();
    };
    await declare('beeindigd', [
      [250_000, 'geaccepteerd'],
      [999_999, 'afgewezen'],
    ]);
    await declare('beeindigd', [[250_000, 'geaccepteerd']]);
    await declare('ingetrokken', [[777_777, 'geaccepteerd']]);
    await db
      .insertInto('contract_payment')
      .values({
        municipality_code: MC,
        contract_id: taak.contractId,
        period_start: '2019-07-01',
        period_end: '2020-06-30',
        amount_cents: 3_660_000,
      })
      .execute();
  });
  after(() => grip.close());

  async function programme(code: string, taakveld: string) {
    const p = await beleid.post('/api/v1/steering/programmes', {
      code,
      name: `Programma ${code}`,
      firstYear: 2019,
      lastYear: 2022,
    });
    assert.equal(p.statusCode, 201, p.body);
    const id = p.json().id as string;
    const t = await beleid.post(`/api/v1/steering/programmes/${id}/themes`, {
      code: `${code}-T`,
      name: 'Jeugd',
      taakveld,
    });
    assert.equal(t.statusCode, 201, t.body);
    return id;
  }

  const run = (programmeId: string, query = '?year=2020') =>
    beleid.post(`/api/v1/steering/programmes/${programmeId}/realisation-from-costs${query}`, {});

  async function gripLines(programmeId: string) {
    return grip.database.db
      .selectFrom('budget_line')
      .select(['bbv_taakveld_code', 'amount_thousands', 'source', 'stage', 'side', 'year'])
      .where('programme_id', '=', programmeId)
      .orderBy('bbv_taakveld_code')
      .execute();
  }

  test('the mapping from law and product category to taakveld', () => {
    assert.equal(taakveldFor('wmo', '01'), '6.71');
    assert.equal(taakveldFor('wmo', '12'), '6.6');
    assert.equal(taakveldFor('wmo', '15'), '6.81');
    assert.equal(taakveldFor('jeugdwet', '45'), '6.72');
    assert.equal(taakveldFor('jeugdwet', '43'), '6.82');
    assert.equal(taakveldFor('jeugdwet', '48'), '6.82');
    assert.equal(taakveldFor('participatiewet', null), '6.5');
    assert.equal(taakveldFor('schuldhulp', null), '6.3');
  });

  test('stores the realisatie lasten per taakveld as grip-kosten lines; a recalculation replaces them', async () => {
    const id = await programme('JGD', '6.72');
    const response = await run(id);
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json() as Result;
    assert.equal(body.lines.length, 1);
    const [line] = body.lines;
    assert.equal(line!.taakveld, '6.72');
    assert.equal(line!.declarationCents, 500_000, 'rejected lines and withdrawn allocations do not count');
    assert.equal(line!.lumpSumCents, 1_820_000, '182 of 366 days of the lump sum fall in 2020');
    assert.equal(line!.amount, 23.2);
    assert.equal(line!.stored, true);
    assert.equal(line!.kept, null);
    const again = await run(id);
    assert.equal(again.statusCode, 200, again.body);
    const rows = await gripLines(id);
    assert.equal(rows.length, 1, 'a recalculation does not add a second line');
    assert.equal(rows[0]!.source, 'grip-kosten');
    assert.equal(Number(rows[0]!.amount_thousands), 23.2);
    assert.deepEqual([rows[0]!.stage, rows[0]!.side, rows[0]!.year], ['realisatie', 'lasten', 2020]);
    const budget = await beleid.get(`/api/v1/steering/programmes/${id}/budget`);
    assert.equal(budget.statusCode, 200, budget.body);
    const shown = (
      budget.json() as { lines: { taakveld: string; source: string; amount: number; stage: string }[] }
    ).lines;
    assert.ok(shown.some((l) => l.taakveld === '6.72' && l.source === 'grip-kosten' && l.amount === 23.2));
  });

  test('an imported or typed realisatie line is kept, not overwritten', async () => {
    const id = await programme('JGD2', '6.72');
    await grip.database.db
      .insertInto('budget_line')
      .values({
        municipality_code: MC,
        programme_id: id,
        bbv_taakveld_code: '6.72',
        year: 2020,
        side: 'lasten',
        stage: 'realisatie',
        amount_thousands: 30,
        source: 'import',
      })
      .execute();
    const response = await run(id);
    assert.equal(response.statusCode, 200, response.body);
    const [line] = (response.json() as Result).lines;
    assert.equal(line!.stored, false);
    assert.deepEqual(line!.kept, { source: 'import', amount: 30 });
    const rows = await gripLines(id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.source, 'import');
    assert.equal(Number(rows[0]!.amount_thousands), 30);
  });

  test('costs under another taakveld than the programme’s are shown, not stored', async () => {
    const id = await programme('WMO', '6.71');
    const response = await run(id);
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json() as Result;
    assert.deepEqual(body.lines, []);
    assert.deepEqual(body.otherTaakvelden, [{ taakveld: '6.72', amount: 23.2 }]);
    assert.equal((await gripLines(id)).length, 0);
  });

  test('bad input: no or wrong year 400, unknown programme 404, other roles 403; nothing written', async () => {
    const id = await programme('JGD3', '6.72');
    assert.equal((await run(id, '')).statusCode, 400);
    assert.equal((await run(id, '?year=20x0')).statusCode, 400);
    assert.equal((await run(id, '?year=1999')).statusCode, 400);
    assert.equal((await run('00000000-0000-4000-8000-000000000000')).statusCode, 404);
    const toegang = await grip.login('toegang-medewerker', MC);
    const forbidden = await toegang.post(
      `/api/v1/steering/programmes/${id}/realisation-from-costs?year=2020`,
      {},
    );
    assert.equal(forbidden.statusCode, 403);
    assert.equal((await gripLines(id)).length, 0);
  });
});
