/**
 * Indicators: external ones with source, baseline, targets and realisations; computed ones by a named,
 * versioned definition from Grip's own tables (their realisations cannot be entered); on track or off
 * track by direction; and bad input (a target without a unit, a percentage above 100) refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { INDICATOR_DEFINITIONS } from '../../src/steering/indicator-definitions.ts';
import { trackStatus } from '../../src/steering/indicators.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import {
  MC,
  providerWithContract,
  residentWithMelding,
  serviceByCode,
} from '../decisions/decision-fixtures.ts';

const BASE = '/api/v1/steering';

describe('indicators', () => {
  let grip: TestApp;
  let beleid: Client;
  let goalId: string;

  before(async () => {
    grip = await createTestApp();
    beleid = await grip.login('beleidsadviseur');
    const programme = await beleid.post(`${BASE}/programmes`, {
      code: 'IND',
      name: 'Sociaal domein',
      firstYear: 2019,
      lastYear: 2025,
    });
    assert.equal(programme.statusCode, 201, programme.body);
    const goal = await beleid.post(`${BASE}/programmes/${programme.json().id}/goals`, {
      code: '6.2.5',
      name: 'In 2024 zijn minder inwoners aangewezen op maatwerkvoorzieningen',
    });
    assert.equal(goal.statusCode, 201, goal.body);
    goalId = goal.json().id;
  });
  after(() => grip.close());

  const external = (code: string, extra: Record<string, unknown> = {}) => ({
    code,
    name: 'Percentage gebruikers van maatwerkvoorzieningen Wmo dat positieve effecten ervaart',
    kind: 'effect',
    unit: 'percentage',
    sourceKind: 'extern',
    sourceName: 'Cliëntervaringsonderzoek (I&O Research)',
    frequency: 'jaar',
    direction: 'hoger-is-beter',
    societalGoalId: goalId,
    baseline: { year: 2019, value: 77 },
    ...extra,
  });

  test('an external indicator: baseline, targets by year, realisations with source, on track by direction', async () => {
    const created = await beleid.post(`${BASE}/indicators`, external('EXT-1'));
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id as string;
    assert.deepEqual(created.json().baseline, { year: 2019, value: 77 });
    assert.equal(created.json().status, 'onbekend');

    assert.equal(
      (await beleid.request('PUT', `${BASE}/indicators/${id}/targets/2022`, { body: { value: 80 } }))
        .statusCode,
      200,
    );
    assert.equal(
      (await beleid.request('PUT', `${BASE}/indicators/${id}/targets/2023`, { body: { value: 82 } }))
        .statusCode,
      200,
    );
    // Setting a year again replaces the target.
    const replaced = await beleid.request('PUT', `${BASE}/indicators/${id}/targets/2023`, {
      body: { value: 81 },
    });
    assert.deepEqual(replaced.json().targets, [
      { year: 2022, value: 80 },
      { year: 2023, value: 81 },
    ]);

    const r2022 = await beleid.post(`${BASE}/indicators/${id}/realisations`, {
      periodStart: '2022-01-01',
      periodEnd: '2022-12-31',
      value: 83,
      source: 'CEO 2022',
    });
    assert.equal(r2022.statusCode, 201, r2022.body);
    assert.equal(r2022.json().status, 'op-koers');
    const r2023 = await beleid.post(`${BASE}/indicators/${id}/realisations`, {
      periodStart: '2023-01-01',
      periodEnd: '2023-12-31',
      value: 79.5,
      source: 'CEO 2023',
    });
    const view = r2023.json();
    assert.equal(view.status, 'niet-op-koers');
    assert.deepEqual(
      view.realisations.map((r: { value: number; target: number; status: string; source: string }) => [
        r.value,
        r.target,
        r.status,
        r.source,
      ]),
      [
        [83, 80, 'op-koers', 'CEO 2022'],
        [79.5, 81, 'niet-op-koers', 'CEO 2023'],
      ],
    );
    const again = await beleid.post(`${BASE}/indicators/${id}/realisations`, {
      periodStart: '2023-01-01',
      periodEnd: '2023-12-31',
      value: 80,
      source: 'CEO 2023',
    });
    assert.equal(again.statusCode, 409);
  });

  test('direction decides on track; no target or no value is unknown', () => {
    assert.equal(trackStatus('hoger-is-beter', 80, 80), 'op-koers');
    assert.equal(trackStatus('hoger-is-beter', 80, 79.9), 'niet-op-koers');
    assert.equal(trackStatus('lager-is-beter', 12.6, 12), 'op-koers');
    assert.equal(trackStatus('lager-is-beter', 12.6, 13), 'niet-op-koers');
    assert.equal(trackStatus('lager-is-beter', null, 13), 'onbekend');
    assert.equal(trackStatus('lager-is-beter', 12, null), 'onbekend');
  });

  test('bad input: a target without a unit, a percentage above 100, and more — nothing written', async () => {
    const count = async () =>
      (
        await sql<{
          n: number;
        }>`SELECT ((SELECT count(*) FROM indicator) + (SELECT count(*) FROM indicator_target) + (SELECT count(*) FROM indicator_realisation))::int AS n`.execute(
          grip.database.db,
        )
      ).rows[0]!.n;
    const proposed = await beleid.post(
      `${BASE}/indicators`,
      external('EXT-NO-UNIT', { unit: null, baseline: null }),
    );
    assert.equal(proposed.statusCode, 201, proposed.body);
    const pid = proposed.json().id as string;
    const withUnit = await beleid.post(`${BASE}/indicators`, external('EXT-PCT'));
    const id = withUnit.json().id as string;
    const before = await count();

    const noUnit = await beleid.request('PUT', `${BASE}/indicators/${pid}/targets/2024`, {
      body: { value: 50 },
    });
    assert.equal(noUnit.statusCode, 400);
    assert.equal(noUnit.json().invalidParams[0].code, 'unit-missing');
    const tooHigh = await beleid.request('PUT', `${BASE}/indicators/${id}/targets/2024`, {
      body: { value: 101 },
    });
    assert.equal(tooHigh.statusCode, 400);
    assert.equal(tooHigh.json().invalidParams[0].code, 'percentage-out-of-range');
    const realisationTooHigh = await beleid.post(`${BASE}/indicators/${id}/realisations`, {
      periodStart: '2024-01-01',
      periodEnd: '2024-12-31',
      value: 100.5,
      source: 'x',
    });
    assert.equal(realisationTooHigh.statusCode, 400);
    const backwards = await beleid.post(`${BASE}/indicators/${id}/realisations`, {
      periodStart: '2024-12-31',
      periodEnd: '2024-01-01',
      value: 50,
      source: 'x',
    });
    assert.equal(backwards.statusCode, 400);
    assert.equal(backwards.json().invalidParams[0].name, 'periodEnd');
    const baselineTooHigh = await beleid.post(
      `${BASE}/indicators`,
      external('EXT-BAD', { baseline: { year: 2019, value: 140 } }),
    );
    assert.equal(baselineTooHigh.statusCode, 400);
    const noSource = await beleid.post(
      `${BASE}/indicators`,
      external('EXT-NOSRC', { sourceName: undefined }),
    );
    assert.equal(noSource.statusCode, 400);
    assert.equal(noSource.json().invalidParams[0].name, 'sourceName');
    const unknownDefinition = await beleid.post(`${BASE}/indicators`, {
      ...external('CMP-BAD', { sourceName: undefined, unit: undefined }),
      sourceKind: 'berekend',
      definitionCode: 'bestaat-niet',
      definitionVersion: 1,
    });
    assert.equal(unknownDefinition.statusCode, 400);
    const duplicate = await beleid.post(`${BASE}/indicators`, external('EXT-PCT'));
    assert.equal(duplicate.statusCode, 409);
    const unknownGoal = await beleid.post(
      `${BASE}/indicators`,
      external('EXT-GOAL', { societalGoalId: '00000000-0000-4000-8000-000000000009' }),
    );
    assert.equal(unknownGoal.statusCode, 400);
    const negativeCount = await beleid.post(
      `${BASE}/indicators`,
      external('EXT-CNT', { unit: 'aantal', baseline: { year: 2019, value: -1 } }),
    );
    assert.equal(negativeCount.statusCode, 400);
    const missing = await beleid.request(
      'PUT',
      `${BASE}/indicators/00000000-0000-4000-8000-000000000009/targets/2024`,
      {
        body: { value: 1 },
      },
    );
    assert.equal(missing.statusCode, 404);
    assert.equal(await count(), before);
  });

  test('computed indicators: every definition computes from Grip data; entering a realisation is refused (409)', async () => {
    const definitions = await beleid.get(`${BASE}/indicator-definitions`);
    assert.equal(definitions.statusCode, 200);
    assert.deepEqual(
      definitions.json().items.map((d: { code: string }) => d.code),
      INDICATOR_DEFINITIONS.map((d) => d.code),
    );
    assert.ok(definitions.json().items.length >= 5);

    // 2020 has no demo data: 4 youth clients under 18, 40 inhabitants under 18 → 10 %.
    const db = grip.database.db;
    const fixture = await providerWithContract(grip, 71, [{ code: 'JW-AMB', tariffCents: 9150 }], {
      validFrom: '2019-01-01',
      validUntil: '2021-12-31',
    });
    const amb = await serviceByCode(grip, 'JW-AMB');
    const buurt = await db
      .selectFrom('buurt')
      .select('code')
      .where('municipality_code', '=', MC)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('population_count')
      .values([
        { municipality_code: MC, year: 2020, buurt_code: buurt.code, age: 8, sex: '1', inhabitants: 25 },
        { municipality_code: MC, year: 2020, buurt_code: buurt.code, age: 12, sex: '2', inhabitants: 15 },
      ])
      .execute();
    for (let i = 0; i < 5; i++) {
      const person = await db
        .insertInto('person')
        .values({
          municipality_code: MC,
          given_names: 'Kind',
          family_name: `Indicator${i}`,
          birth_date: i === 4 ? '1990-01-01' : '2010-06-01',
          is_synthetic: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('toewijzing')
        .values({
          municipality_code: MC,
          toewijzing_number: 91_000_000 + i,
          referrer_type_code: '02',
          person_id: person.id,
          provider_id: fixture.providerId,
          contract_id: fixture.contractId,
          service_id: amb.id,
          law_code: 'jeugdwet',
          start_date: '2020-02-01',
          end_date: '2020-06-30',
          commitment_cents: 0,
          status: 'beeindigd',
          end_reason_code: '31',
        })
        .execute();
    }

    const created = await beleid.post(`${BASE}/indicators`, {
      code: 'CMP-JH18',
      name: '% jeugdigen met jeugdhulp',
      kind: 'effect',
      sourceKind: 'berekend',
      definitionCode: 'jeugdhulp-onder-18',
      definitionVersion: 1,
      frequency: 'jaar',
      societalGoalId: goalId,
      baseline: { year: 2019, value: 12.6 },
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id as string;
    assert.equal(created.json().unit, 'percentage');
    assert.equal(created.json().direction, 'lager-is-beter');
    assert.deepEqual(created.json().definition, {
      code: 'jeugdhulp-onder-18',
      version: 1,
      name: '% jeugdigen (tot 18 jaar) met jeugdhulp',
    });
    await beleid.request('PUT', `${BASE}/indicators/${id}/targets/2020`, { body: { value: 12 } });
    const view = (await beleid.get(`${BASE}/indicators/${id}`)).json();
    const y2020 = view.realisations.find((r: { periodStart: string }) => r.periodStart === '2020-01-01');
    assert.equal(y2020.value, 10);
    assert.equal(y2020.computed, true);
    assert.equal(y2020.source, 'Grip: jeugdhulp-onder-18 v1');
    assert.equal(y2020.status, 'op-koers');

    // The figure follows the data: withdrawing two allocations lowers it, without anyone typing it in.
    await db
      .updateTable('toewijzing')
      .set({ status: 'ingetrokken' })
      .where('toewijzing_number', 'in', ['91000000', '91000001'])
      .execute();
    const after2020 = (await beleid.get(`${BASE}/indicators/${id}`))
      .json()
      .realisations.find((r: { periodStart: string }) => r.periodStart === '2020-01-01');
    assert.equal(after2020.value, 5);

    const refused = await beleid.post(`${BASE}/indicators/${id}/realisations`, {
      periodStart: '2020-01-01',
      periodEnd: '2020-12-31',
      value: 3,
      source: 'handmatig',
    });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().code, 'computed-indicator');

    // Every definition runs on both databases and answers a number or null.
    for (const d of INDICATOR_DEFINITIONS) {
      const result = await db.transaction().execute((tx) => d.compute(tx, MC, 2020));
      assert.ok(result.value === null || Number.isFinite(result.value), d.code);
    }
    const wmo = await db.transaction().execute((tx) => INDICATOR_DEFINITIONS[1]!.compute(tx, MC, 2020));
    assert.equal(wmo.value, 0);
    const youth = await db.transaction().execute((tx) => INDICATOR_DEFINITIONS[0]!.compute(tx, MC, 2020));
    assert.deepEqual(youth, { value: 5, numerator: 2, denominator: 40 });

    const list = await beleid.get(`${BASE}/indicators?programmeId=${view.programmeId}`);
    assert.equal(list.statusCode, 200);
    assert.ok(list.json().items.some((i: { code: string }) => i.code === 'CMP-JH18'));
  });

  test('households with more than one service, decisions within the term, median days (2021)', async () => {
    const db = grip.database.db;
    const toegang = await grip.login('toegang-medewerker');
    const fixture = await providerWithContract(
      grip,
      72,
      [
        { code: 'WMO-HO', tariffCents: 3000 },
        { code: 'WMO-BGI', tariffCents: 5000 },
      ],
      { validFrom: '2019-01-01', validUntil: '2022-12-31' },
    );
    const ho = await serviceByCode(grip, 'WMO-HO');
    const bgi = await serviceByCode(grip, 'WMO-BGI');
    const residents = [];
    for (let i = 0; i < 3; i++) residents.push(await residentWithMelding(grip, toegang, 960 + i));
    // Memberships as from 2019, so the households exist in 2021.
    for (const r of residents)
      await db
        .updateTable('household_member')
        .set({ valid_from: '2019-01-01' })
        .where('person_id', '=', r.personId)
        .execute();
    let number = 92_000_000;
    const hq = await db
      .selectFrom('melding')
      .select(['help_question_id', 'person_id'])
      .where('id', '=', residents[0]!.meldingId)
      .executeTakeFirstOrThrow();
    // Three decisions in 2021 on meldingen of 1 March with a due date of 1 April: after 19, 31 and 45 days.
    const decided = ['2021-03-20', '2021-04-01', '2021-04-15'];
    for (const [i, day] of decided.entries()) {
      const melding = await db
        .insertInto('melding')
        .values({
          municipality_code: MC,
          help_question_id: hq.help_question_id,
          person_id: hq.person_id,
          law_code: 'wmo',
          melded_on: '2021-03-01',
          aanvraag_on: '2021-03-18',
          decision_due_on: '2021-04-01',
          status: 'besloten',
          closed_on: day,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const beschikking = await db
        .insertInto('beschikking')
        .values({
          municipality_code: MC,
          reference: `BS-2021-00000${i + 1}`,
          melding_id: melding.id,
          person_id: hq.person_id,
          law_code: 'wmo',
          decided_on: day,
          outcome: 'toegekend',
          legal_grounds: 'Wmo 2015 art. 2.3.5',
          objection_deadline: '2021-06-30',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const product = await db
        .insertInto('beschikking_product')
        .values({
          municipality_code: MC,
          beschikking_id: beschikking.id,
          service_id: i === 1 ? bgi.id : ho.id,
          outcome: 'toegekend',
          start_date: '2021-02-01',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Household 1 gets two services (HO and BGI), household 2 one (HO).
      const personId = i < 2 ? residents[0]!.personId : residents[1]!.personId;
      await db
        .insertInto('toewijzing')
        .values({
          municipality_code: MC,
          toewijzing_number: ++number,
          beschikking_product_id: product.id,
          person_id: personId,
          provider_id: fixture.providerId,
          contract_id: fixture.contractId,
          service_id: i === 1 ? bgi.id : ho.id,
          law_code: 'wmo',
          start_date: '2021-02-01',
          end_date: '2021-12-31',
          commitment_cents: 0,
          status: 'actief',
        })
        .execute();
    }
    const compute = (code: string) =>
      db
        .transaction()
        .execute((tx) => INDICATOR_DEFINITIONS.find((d) => d.code === code)!.compute(tx, MC, 2021));
    assert.deepEqual(await compute('huishoudens-meer-voorzieningen'), {
      value: 50,
      numerator: 1,
      denominator: 2,
    });
    assert.deepEqual(await compute('beschikkingen-binnen-termijn'), {
      value: 66.7,
      numerator: 2,
      denominator: 3,
    });
    assert.deepEqual(await compute('mediaan-dagen-melding-besluit'), {
      value: 31,
      numerator: null,
      denominator: 3,
    });
    assert.deepEqual(await compute('wmo-unieke-clienten'), { value: 2, numerator: 2, denominator: null });
  });

  test('who may maintain and read indicators', async () => {
    const regisseur = await grip.login('regisseur');
    assert.equal((await regisseur.get(`${BASE}/indicators`)).statusCode, 200);
    assert.equal((await regisseur.post(`${BASE}/indicators`, external('EXT-REG'))).statusCode, 403);
    const inwoner = await grip.login('inwoner');
    assert.equal((await inwoner.get(`${BASE}/indicators`)).statusCode, 403);
  });
});
