/**
 * The count cube (src/dashboard/cube): which filter periods it answers, that a view answered from it equals
 * the same view counted from the person grain for every filter state it serves, that the views really read
 * it, and that it follows the data period when a new month of data arrives. (That an incremental refresh
 * leaves it as a rebuild would is part of refresh.test.ts.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { cubePeriodKey, periodEnds } from '../../src/dashboard/cube/cube-period.ts';
import { medianOf } from '../../src/dashboard/volumes/legal-terms-cube.ts';
import {
  clearDashboardCache,
  loadFilterOptions,
  loadRawView,
} from '../../src/dashboard/dashboard-service.ts';
import { fullRefresh, refreshDashboards } from '../../src/dashboard/refresh.ts';
import type { FigureTable } from '../../src/dashboard/view-model.ts';
import { generateMunicipality } from '../../src/generator/generate.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-app.ts';

const MC = 'GM0164';
const CUBE_VIEWS = ['volumes', 'wijk-dna', 'pyramid', 'effects', 'overlap', 'money'];

describe('count cube periods', () => {
  const state = { first: '2016-11', last: '2026-10' };
  test('calendar years within the data, the year to date (this year and last) and the whole period', () => {
    assert.equal(cubePeriodKey('2016-11', '2026-10', state), 'ALL');
    assert.equal(cubePeriodKey('2025-01', '2025-12', state), 'Y2025');
    assert.equal(cubePeriodKey('2016-01', '2016-12', state), 'Y2016');
    assert.equal(cubePeriodKey('2026-01', '2026-12', state), 'Y2026');
    assert.equal(cubePeriodKey('2026-01', '2026-10', state), 'A2026');
    assert.equal(cubePeriodKey('2025-01', '2025-10', state), 'A2025');
    assert.equal(cubePeriodKey('2016-11', '2016-12', state), 'B2016', 'the first, clipped year');
    assert.equal(cubePeriodKey('2025-03', '2025-03', state, { months: true }), 'M2025-03');
    assert.equal(cubePeriodKey('2016-01', '2016-01', state, { months: true }), 'M2016-01');
    assert.equal(cubePeriodKey('2027-01', '2027-01', state, { months: true }), null);
  });
  test('any other period is counted from the person grain', () => {
    for (const [from, to] of [
      ['2016-01', '2026-10'], // starts before the data: months the cube does not cover
      ['2015-01', '2015-12'], // a year before the data
      ['2027-01', '2027-12'], // a year after it
      ['2024-01', '2024-10'], // the year to date two years back
      ['2025-02', '2025-12'],
      ['2025-01', '2026-12'],
      ['2026-03', '2026-03'], // a month, for a measure without month cells
      ['2016-12', '2016-12'],
    ] as const) {
      assert.equal(cubePeriodKey(from, to, state), null, `${from}..${to}`);
    }
  });
});

describe('count cube helpers', () => {
  test('the median from a histogram is percentile_cont(0.5), rounded to a tenth; unknown keys left out', () => {
    const histogram = (entries: [string | null, number][]) =>
      new Map(entries.map(([k, n]) => [k, { persons: n }]));
    assert.equal(medianOf(histogram([])), null);
    assert.equal(medianOf(histogram([['7', 1]])), 7);
    assert.equal(
      medianOf(
        histogram([
          ['1', 1],
          ['2', 1],
          ['3', 1],
          ['4', 1],
        ]),
      ),
      2.5,
    );
    assert.equal(
      medianOf(
        histogram([
          ['10', 3],
          ['2', 1],
          [null, 50],
        ]),
      ),
      10,
    );
    assert.equal(
      medianOf(
        histogram([
          ['0', 1],
          ['13', 2],
          ['40', 1],
        ]),
      ),
      13,
    );
  });
  test('the last day of every standard period', () => {
    assert.deepEqual(periodEnds({ first: '2024-07', last: '2026-06' }, 'all'), [
      { period: 'ALL', day: '2026-06-30' },
      { period: 'A2025', day: '2025-06-30' },
      { period: 'A2026', day: '2026-06-30' },
      { period: 'B2024', day: '2024-12-31' },
      { period: 'Y2024', day: '2024-12-31' },
      { period: 'Y2025', day: '2025-12-31' },
      { period: 'Y2026', day: '2026-12-31' },
    ]);
    assert.deepEqual(
      periodEnds({ first: '2024-01', last: '2025-12' }, 'state-bound').map((e) => e.period),
      ['ALL'],
    );
  });
});

describe('views answered from the count cube', () => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase();
    await migrate(t.database);
    await generateMunicipality(t.database, {
      municipality: MC,
      inhabitants: 3_000,
      years: 2,
      seed: 17,
      until: '2026-06',
    });
  });
  after(() => t.close());

  const tables = async (view: string, filters: Record<string, string>): Promise<FigureTable[]> => {
    clearDashboardCache();
    return (await loadRawView(t.database, MC, view, filters)).data.tables;
  };

  /** The filter states the cube serves: the standard periods, with law and age group. */
  async function cubeStates(): Promise<Record<string, string>[]> {
    const { options } = await loadFilterOptions(t.database, MC);
    const { firstMonth, defaultTo } = options.period;
    assert.equal(defaultTo, '2026-06');
    return [
      {},
      { law: 'wmo' },
      { ageGroup: '75+' },
      { law: 'jeugdwet', ageGroup: '0-17' },
      { from: '2025-01', to: '2025-12' },
      { from: '2025-01', to: '2025-06', law: 'participatiewet' },
      { from: firstMonth!, to: defaultTo },
      { from: firstMonth!, to: defaultTo, ageGroup: '27-66' },
      { from: firstMonth!, to: `${firstMonth!.slice(0, 4)}-12`, law: 'wmo' }, // the first, clipped year
      { wijk: options.wijken[0]!.code }, // wijk-DNA: the area filter only selects the buurten shown
      { from: '2025-04', to: '2025-06', ageGroup: '75+' }, // money: month cells for any months
    ];
  }

  test('each view equals the same view counted from the person grain, for every filter state', async () => {
    const states = await cubeStates();
    const fromCube = new Map<string, FigureTable[]>();
    for (const view of CUBE_VIEWS) {
      for (const f of states) fromCube.set(`${view} ${JSON.stringify(f)}`, await tables(view, f));
    }
    // The states have something to count: clients, needs, layers and evaluated persons.
    const whole = JSON.stringify(states[6]);
    const figure = (view: string, table: string, measure: string) =>
      fromCube
        .get(`${view} ${whole}`)!
        .find((x) => x.code === table)!
        .rows.some((r) => (r.values[measure] ?? 0) > 0);
    assert.ok(figure('volumes', 'clients-by-law', 'clients'));
    assert.ok(figure('wijk-dna', 'wijk-dna-needs', 'persons'));
    assert.ok(figure('effects', 'effects-domain-change', 'persons'));
    assert.ok(figure('money', 'realisation-by-law', 'realisationCents'));
    assert.ok(figure('money', 'commitments-by-service', 'commitmentCents'));
    assert.ok(figure('money', 'spending-by-month', 'ytdClients'));
    const { rows: state } = await sql<{ first_month: string; last_month: string }>`
      DELETE FROM dash_cube_state WHERE municipality_code = ${MC} RETURNING first_month, last_month`.execute(
      t.database.db,
    );
    assert.equal(state.length, 1, 'the generator run built the cube');
    try {
      for (const [key, cubeTables] of fromCube) {
        const [view, json] = [key.slice(0, key.indexOf(' ')), key.slice(key.indexOf(' ') + 1)];
        assert.deepEqual(await tables(view, JSON.parse(json) as Record<string, string>), cubeTables, key);
      }
    } finally {
      await sql`INSERT INTO dash_cube_state (municipality_code, first_month, last_month)
        VALUES (${MC}, ${state[0]!.first_month}, ${state[0]!.last_month})`.execute(t.database.db);
    }
  });

  test('the views read the cube: a changed cell shows in their answer', async () => {
    const clients = async () => {
      const byLaw = (await tables('volumes', {})).find((x) => x.code === 'clients-by-law');
      return byLaw?.rows.find((r) => r.key === 'wmo')?.values.clients;
    };
    const needs = async () =>
      (await tables('wijk-dna', {})).find((x) => x.code === 'wijk-dna-needs')!.rows[0]!.values.intakePersons;
    const maatwerkInMarch = async () =>
      (await tables('pyramid', {}))
        .find((x) => x.code === 'pyramid-over-time')!
        .rows.find((r) => r.key === '2026-03')!.values.maatwerk;
    const [clientsBefore, needsBefore, marchBefore] = [
      await clients(),
      await needs(),
      await maatwerkInMarch(),
    ];
    const realisedInMarch = async () =>
      (await tables('money', {}))
        .find((x) => x.code === 'spending-by-month')!
        .rows.find((r) => r.key === '2026-03')!.values.realisationCents;
    const realisedBefore = await realisedInMarch();
    const byPhone = async () =>
      (await tables('effects', {}))
        .find((x) => x.code === 'effects-channels')!
        .rows.find((r) => r.key === 'telefoon')!.values.questions;
    const phoneBefore = await byPhone();
    assert.equal(typeof clientsBefore, 'number');
    const bump = async (measure: string, breakdown: string, key: string, period = 'A2026') => {
      const result =
        await sql`UPDATE dash_cube SET persons = persons + 1000 WHERE municipality_code = ${MC} AND measure = ${measure}
        AND period = ${period} AND law_code = '*' AND age_group = '*' AND breakdown = ${breakdown} AND key = ${key}`.execute(
          t.database.db,
        );
      assert.equal(result.numAffectedRows, 1n, `${measure} ${breakdown}`);
    };
    // The table counts maatwerk clients or all clients: both cells change, by the same amount.
    await bump('clients', 'law', 'wmo');
    await bump('clients-maatwerk', 'law', 'wmo');
    await bump('intake', 'total', '');
    await bump('support', 'layer', 'maatwerk', 'M2026-03');
    await bump('questions', 'channel', 'telefoon');
    const money = await sql`UPDATE dash_cube SET cents = cents + 100000 WHERE municipality_code = ${MC}
      AND measure = 'money-sums' AND period = 'M2026-03' AND law_code = '*' AND age_group = '*'
      AND breakdown = 'total'`.execute(t.database.db);
    assert.equal(money.numAffectedRows, 1n);
    try {
      assert.equal(await realisedInMarch(), (realisedBefore as number) + 100000);
      assert.equal(await byPhone(), (phoneBefore as number) + 1000);
      assert.equal(await clients(), (clientsBefore as number) + 1000);
      assert.equal(await needs(), (needsBefore as number) + 1000);
      assert.equal(await maatwerkInMarch(), (marchBefore as number) + 1000);
    } finally {
      await fullRefresh(t.database, MC);
    }
  });

  test('a new month of data moves the standard periods; the cube then equals a rebuild', async () => {
    await sql`UPDATE help_question
      SET received_at = received_at + interval '1 month', closed_at = closed_at + interval '1 month'
      WHERE municipality_code = ${MC}
        AND id = (SELECT id FROM help_question WHERE municipality_code = ${MC} ORDER BY received_at DESC LIMIT 1)`.execute(
      t.database.db,
    );
    await refreshDashboards(t.database, MC);
    const cube = async () => {
      const { rows } = await sql<{ r: string }>`
        SELECT concat_ws('|', measure, period, law_code, age_group, breakdown, key, persons) AS r FROM dash_cube
        WHERE municipality_code = ${MC} ORDER BY 1`.execute(t.database.db);
      return rows.map((x) => x.r);
    };
    const { rows } = await sql<{ last_month: string }>`
      SELECT last_month FROM dash_cube_state WHERE municipality_code = ${MC}`.execute(t.database.db);
    assert.equal(rows[0]?.last_month, '2026-07');
    const incremental = await cube();
    assert.ok(incremental.some((r) => r.startsWith('clients|A2026|')));
    await fullRefresh(t.database, MC);
    assert.deepEqual(incremental, await cube());
  });
});
