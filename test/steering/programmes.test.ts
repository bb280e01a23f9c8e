/**
 * Programme structure: programmes, societal goals (IST/SOLL), themes with a BBV taakveld, and interventions
 * with owner, period, budget and status — finishing asks the achieved result, stopping the reason, an end
 * before the start is refused. Plus the demo content typed from the seeds (Enschede, Hengelo, and
 * Dinkelland as an example in Hengelo).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedSteeringDemo } from '../../src/demo/steering-demo.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const BASE = '/api/v1/steering';

describe('programme structure', () => {
  let grip: TestApp;
  let beleid: Client;
  let programmeId: string;
  let themeId: string;

  before(async () => {
    grip = await createTestApp();
    beleid = await grip.login('beleidsadviseur');
    const programme = await beleid.post(`${BASE}/programmes`, {
      code: 'PS',
      name: 'Inclusieve samenleving',
      firstYear: 2018,
      lastYear: 2022,
    });
    assert.equal(programme.statusCode, 201, programme.body);
    programmeId = programme.json().id;
    const goal = await beleid.post(`${BASE}/programmes/${programmeId}/goals`, {
      code: '1',
      name: 'Langer gezond',
      currentSituation: '38% van de ouderen (65+) ervaart eenzaamheid (2016).',
      desiredSituation: 'Minder ouderen (65+) ervaren eenzaamheid.',
    });
    assert.equal(goal.statusCode, 201, goal.body);
    const theme = await beleid.post(`${BASE}/programmes/${programmeId}/themes`, {
      code: 'TP',
      name: 'Transformatieplan',
      societalGoalId: goal.json().id,
      taakveld: '6.1',
    });
    assert.equal(theme.statusCode, 201, theme.body);
    themeId = theme.json().id;
  });
  after(() => grip.close());

  const intervention = (extra: Record<string, unknown> = {}) => ({
    themeId,
    name: 'Pilot praktijkondersteuner huisarts',
    owner: 'Team sociaal domein',
    startsOn: '2019-01-01',
    endsOn: '2019-12-31',
    budgetCents: 7_500_000,
    expectedResult: 'Minder verwijzingen naar jeugdhulp door huisartsen',
    ...extra,
  });

  test('an intervention goes from gepland to gestart to afgerond, with its result; versions guard changes', async () => {
    const created = await beleid.post(`${BASE}/programmes/${programmeId}/interventions`, intervention());
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().status, 'gepland');
    assert.equal(created.headers.etag, '"1"');
    const url = `${BASE}/interventions/${created.json().id}`;

    assert.equal((await beleid.patch(url, { status: 'gestart' })).statusCode, 428);
    const started = await beleid.patch(url, { status: 'gestart' }, { 'if-match': '"1"' });
    assert.equal(started.statusCode, 200, started.body);
    assert.equal(started.json().version, 2);
    const stale = await beleid.patch(url, { owner: 'Iemand anders' }, { 'if-match': '"1"' });
    assert.equal(stale.statusCode, 412);

    const noResult = await beleid.patch(url, { status: 'afgerond' }, { 'if-match': '"2"' });
    assert.equal(noResult.statusCode, 400);
    assert.equal(noResult.json().invalidParams[0].name, 'achievedResult');
    const done = await beleid.patch(
      url,
      { status: 'afgerond', achievedResult: 'Pilot geëvalueerd; voortgezet in 2020', evaluation: 'Positief' },
      { 'if-match': '"2"' },
    );
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().status, 'afgerond');
    const reopen = await beleid.patch(url, { status: 'gestart' }, { 'if-match': '"3"' });
    assert.equal(reopen.statusCode, 409);

    const detail = await beleid.get(`${BASE}/programmes/${programmeId}`);
    assert.equal(detail.statusCode, 200);
    const body = detail.json();
    assert.equal(body.goals[0].currentSituation, '38% van de ouderen (65+) ervaart eenzaamheid (2016).');
    assert.equal(body.themes[0].taakveld, '6.1');
    assert.equal(body.interventions[0].achievedResult, 'Pilot geëvalueerd; voortgezet in 2020');
  });

  test('stopping asks the reason, not starting too; an end before the start is refused', async () => {
    const created = await beleid.post(
      `${BASE}/programmes/${programmeId}/interventions`,
      intervention({ status: 'gestart' }),
    );
    const url = `${BASE}/interventions/${created.json().id}`;
    const noReason = await beleid.patch(url, { status: 'gestopt' }, { 'if-match': '"1"' });
    assert.equal(noReason.statusCode, 400);
    assert.equal(noReason.json().invalidParams[0].name, 'statusReason');
    const blank = await beleid.patch(url, { status: 'gestopt', statusReason: '   ' }, { 'if-match': '"1"' });
    assert.equal(blank.statusCode, 400);
    const stopped = await beleid.patch(
      url,
      { status: 'gestopt', statusReason: 'Geen aanbieder gevonden' },
      { 'if-match': '"1"' },
    );
    assert.equal(stopped.statusCode, 200, stopped.body);

    const backwards = await beleid.post(
      `${BASE}/programmes/${programmeId}/interventions`,
      intervention({ startsOn: '2020-01-01', endsOn: '2019-12-31' }),
    );
    assert.equal(backwards.statusCode, 400);
    assert.equal(backwards.json().invalidParams[0].code, 'ends-before-start');
    const notStarted = await beleid.post(
      `${BASE}/programmes/${programmeId}/interventions`,
      intervention({ status: 'niet-gestart' }),
    );
    assert.equal(notStarted.statusCode, 400);
    const finishedWithout = await beleid.post(
      `${BASE}/programmes/${programmeId}/interventions`,
      intervention({ status: 'afgerond' }),
    );
    assert.equal(finishedWithout.statusCode, 400);

    const planned = await beleid.post(`${BASE}/programmes/${programmeId}/interventions`, intervention());
    const moveBack = await beleid.patch(
      `${BASE}/interventions/${planned.json().id}`,
      { endsOn: '2018-06-30' },
      { 'if-match': '"1"' },
    );
    assert.equal(moveBack.statusCode, 400);
    const unchanged = await beleid.get(`${BASE}/interventions/${planned.json().id}`);
    assert.equal(unchanged.json().endsOn, '2019-12-31');
    assert.equal(unchanged.json().version, 1);
  });

  test('bad structure input: years, duplicates, unknown theme, goal or taakveld', async () => {
    const years = await beleid.post(`${BASE}/programmes`, {
      code: 'Y',
      name: 'x',
      firstYear: 2022,
      lastYear: 2020,
    });
    assert.equal(years.statusCode, 400);
    const dup = await beleid.post(`${BASE}/programmes`, {
      code: 'PS',
      name: 'x',
      firstYear: 2020,
      lastYear: 2022,
    });
    assert.equal(dup.statusCode, 409);
    const theme = await beleid.post(`${BASE}/programmes/${programmeId}/themes`, {
      code: 'X',
      name: 'x',
      taakveld: '6.99',
    });
    assert.equal(theme.statusCode, 400);
    const goal = await beleid.post(`${BASE}/programmes/${programmeId}/themes`, {
      code: 'X',
      name: 'x',
      societalGoalId: '00000000-0000-4000-8000-000000000003',
    });
    assert.equal(goal.statusCode, 400);
    const wrongTheme = await beleid.post(
      `${BASE}/programmes/${programmeId}/interventions`,
      intervention({ themeId: '00000000-0000-4000-8000-000000000003' }),
    );
    assert.equal(wrongTheme.statusCode, 400);
    const missing = await beleid.post(`${BASE}/programmes/00000000-0000-4000-8000-000000000003/goals`, {
      code: '1',
      name: 'x',
    });
    assert.equal(missing.statusCode, 404);
    const regisseur = await grip.login('regisseur');
    assert.equal((await regisseur.get(`${BASE}/programmes`)).statusCode, 200);
    assert.equal(
      (await regisseur.post(`${BASE}/programmes`, { code: 'R', name: 'x', firstYear: 2020, lastYear: 2020 }))
        .statusCode,
      403,
    );
  });

  test('demo content from the seeds: Enschede 3.1 budget, Hengelo indicators, Dinkelland example (idempotent)', async () => {
    const db = grip.database.db;
    for (let round = 0; round < 2; round++) {
      for (const mc of ['GM0153', 'GM0164']) await db.transaction().execute((tx) => seedSteeringDemo(tx, mc));
    }
    const enschede = await grip.login('beleidsadviseur', 'GM0153');
    const programmes = (await enschede.get(`${BASE}/programmes`)).json().items as {
      id: string;
      code: string;
    }[];
    const p31 = programmes.find((p) => p.code === '3.1')!;
    const budget = (await enschede.get(`${BASE}/programmes/${p31.id}/budget`)).json();
    const t2015 = budget.totals.find((t: { year: number }) => t.year === 2015);
    assert.equal(t2015.lasten, 183_905);
    assert.equal(t2015.baten, 4_987);
    assert.equal(t2015.themeLasten, 183_905);
    assert.equal(budget.totals.length, 5);

    const hengelo = (await beleid.get(`${BASE}/programmes`)).json().items as {
      id: string;
      code: string;
      name: string;
    }[];
    const p6 = hengelo.find((p) => p.code === '6')!;
    const indicators = (await beleid.get(`${BASE}/indicators?programmeId=${p6.id}`)).json().items as {
      code: string;
      baseline: { year: number; value: number } | null;
      sourceName: string | null;
      sourceKind: string;
    }[];
    assert.equal(indicators.length, 21);
    const youth = indicators.find((i) => i.code === 'HGL-6.2.5-jeugdhulp')!;
    assert.deepEqual(youth.baseline, { year: 2019, value: 12.6 });
    assert.equal(youth.sourceName, 'Twentse Monitor Sociaal Domein');
    assert.equal(indicators.find((i) => i.code === 'GRIP-JEUGDHULP-18')!.sourceKind, 'berekend');
    const p3 = hengelo.find((p) => p.code === '3')!;
    const i2018 = (await beleid.get(`${BASE}/indicators?programmeId=${p3.id}`)).json().items as {
      code: string;
      targets: { year: number; value: number }[];
    }[];
    assert.deepEqual(i2018.find((i) => i.code === 'HGL-2018-wmo-clienten')!.targets, [
      { year: 2017, value: 6626 },
      { year: 2018, value: 6626 },
    ]);

    const dkl = hengelo.find((p) => p.code === 'DKL')!;
    assert.match(dkl.name, /voorbeeld Dinkelland/);
    const detail = (await beleid.get(`${BASE}/programmes/${dkl.id}`)).json();
    assert.equal(detail.goals.length, 4);
    assert.match(detail.goals[0].currentSituation, /38% van de ouderen/);
    const items = detail.interventions as { budgetCents: number; status: string }[];
    assert.equal(items.length, 4);
    assert.equal(
      items.reduce((s, i) => s + i.budgetCents, 0),
      12_735_000,
    );
    const dklBudget = (await beleid.get(`${BASE}/programmes/${dkl.id}/budget`)).json();
    assert.equal(dklBudget.totals[0].lasten, 450);
  });
});
