/**
 * Maintaining the programme structure and indicators: change and delete programmes, societal goals, themes,
 * interventions and indicators, each guarded by its version (If-Match: 428 without, 412 when stale), each
 * refusing wrong input per field, and a delete refusing (409) while something still hangs under the item.
 * Targets and realisations are deleted by their own key. Nothing is half-written.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const BASE = '/api/v1/steering';
const v = (n: number) => ({ 'if-match': `"${n}"` });

describe('steering maintenance', () => {
  let grip: TestApp;
  let beleid: Client;
  let toegang: Client;

  before(async () => {
    grip = await createTestApp();
    beleid = await grip.login('beleidsadviseur');
    toegang = await grip.login('toegang-medewerker');
  });
  after(() => grip.close());

  let seq = 0;
  async function programme(extra: Record<string, unknown> = {}) {
    seq += 1;
    const res = await beleid.post(`${BASE}/programmes`, {
      code: `M${seq}`,
      name: `Programma ${seq}`,
      firstYear: 2019,
      lastYear: 2024,
      ...extra,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; code: string; version: number };
  }
  async function goal(programmeId: string, code = '1') {
    const res = await beleid.post(`${BASE}/programmes/${programmeId}/goals`, { code, name: `Doel ${code}` });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; version: number };
  }
  async function theme(programmeId: string, code = 'T1', extra: Record<string, unknown> = {}) {
    const res = await beleid.post(`${BASE}/programmes/${programmeId}/themes`, {
      code,
      name: `Thema ${code}`,
      ...extra,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; version: number };
  }
  async function intervention(programmeId: string, themeId: string, extra: Record<string, unknown> = {}) {
    const res = await beleid.post(`${BASE}/programmes/${programmeId}/interventions`, {
      themeId,
      name: 'Buurtsportcoach',
      owner: 'Team sport',
      startsOn: '2020-01-01',
      endsOn: '2020-12-31',
      ...extra,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; version: number; status: string };
  }
  async function indicator(extra: Record<string, unknown> = {}) {
    seq += 1;
    const res = await beleid.post(`${BASE}/indicators`, {
      code: `IM-${seq}`,
      name: 'Inwoners die zich eenzaam voelen',
      kind: 'effect',
      unit: 'percentage',
      sourceKind: 'extern',
      sourceName: 'GGD Gezondheidsmonitor',
      frequency: 'vierjaarlijks',
      direction: 'lager-is-beter',
      baseline: { year: 2016, value: 38 },
      ...extra,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; version: number };
  }

  test('a programme changes with its version; stale, missing and wrong input are refused', async () => {
    const p = await programme();
    assert.equal(p.version, 1);
    const url = `${BASE}/programmes/${p.id}`;
    assert.equal((await beleid.get(url)).headers.etag, '"1"');

    assert.equal((await beleid.patch(url, { name: 'Zorg' })).statusCode, 428);
    const changed = await beleid.patch(url, { name: 'Zorg en welzijn', lastYear: 2026 }, v(1));
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json().name, 'Zorg en welzijn');
    assert.equal(changed.json().lastYear, 2026);
    assert.equal(changed.headers.etag, '"2"');

    const stale = await beleid.patch(url, { name: 'Ander' }, v(1));
    assert.equal(stale.statusCode, 412);
    assert.equal(stale.headers.etag, '"2"');
    assert.ok(stale.json().nl.detail.includes('versie 2'));

    const backwards = await beleid.patch(url, { firstYear: 2030 }, v(2));
    assert.equal(backwards.statusCode, 400);
    assert.equal(backwards.json().invalidParams[0].code, 'before-first-year');
    const badYear = await beleid.patch(url, { firstYear: 1999 }, v(2));
    assert.equal(badYear.statusCode, 400);
    const unknownField = await beleid.patch(url, { colour: 'blauw' }, v(2));
    assert.equal(unknownField.statusCode, 400);
    const emptyName = await beleid.patch(url, { name: '  ' }, v(2));
    assert.equal(emptyName.statusCode, 400);

    const other = await programme();
    const taken = await beleid.patch(url, { code: other.code }, v(2));
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().code, 'programme-exists');

    // Nothing of the refused changes was written.
    const now = (await beleid.get(url)).json();
    assert.equal(now.version, 2);
    assert.equal(now.firstYear, 2019);
    assert.equal(now.code, p.code);

    assert.equal((await toegang.patch(url, { name: 'x' }, v(2))).statusCode, 403);
    assert.equal((await beleid.patch(`${BASE}/programmes/not-a-uuid`, { name: 'x' }, v(1))).statusCode, 400);
    assert.equal(
      (await beleid.patch(`${BASE}/programmes/${crypto.randomUUID()}`, { name: 'x' }, v(1))).statusCode,
      404,
    );
    assert.equal((await beleid.patch(url, { name: 'x' }, { 'if-match': 'twee' })).statusCode, 400);
  });

  test('a programme cannot shrink its years past its budget figures', async () => {
    const p = await programme();
    const t = await theme(p.id);
    const csv = 'Themacode;Thema;Soort;Begroting 2020\nT1;Thema T1;Lasten;100\nT1;Thema T1;Baten;10\n';
    const imported = await beleid.request('POST', `${BASE}/programmes/${p.id}/budget-imports`, {
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    assert.equal(imported.statusCode, 201, imported.body);
    const url = `${BASE}/programmes/${p.id}`;
    const shrunk = await beleid.patch(url, { firstYear: 2021 }, v(1));
    assert.equal(shrunk.statusCode, 400, shrunk.body);
    assert.equal(shrunk.json().invalidParams[0].code, 'budget-outside-years');
    assert.equal(shrunk.json().invalidParams[0].name, 'firstYear');

    // The programme now holds a theme with budget lines: deleting it says what to remove first.
    const refused = await beleid.delete(url, v(1));
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().code, 'programme-not-empty');
    assert.match(refused.json().nl.detail, /1 thema/);
    assert.match(refused.json().en.detail, /budget/);
    const themeRefused = await beleid.delete(`${BASE}/themes/${t.id}`, v(1));
    assert.equal(themeRefused.statusCode, 409);
    assert.match(themeRefused.json().nl.detail, /begrotingsregels/);
  });

  test('an empty programme is deleted; one with goals is refused until they are gone', async () => {
    const p = await programme();
    const g = await goal(p.id);
    const url = `${BASE}/programmes/${p.id}`;
    assert.equal((await beleid.delete(url)).statusCode, 428);
    const refused = await beleid.delete(url, v(1));
    assert.equal(refused.statusCode, 409);
    assert.match(refused.json().nl.detail, /1 maatschappelijk doel/);
    assert.match(refused.json().en.detail, /1 societal goal/);

    assert.equal((await beleid.delete(`${BASE}/goals/${g.id}`, v(1))).statusCode, 204);
    assert.equal((await beleid.delete(`${BASE}/goals/${g.id}`, v(1))).statusCode, 404);
    assert.equal((await toegang.delete(url, v(1))).statusCode, 403);
    assert.equal((await beleid.delete(url, v(2))).statusCode, 412);
    assert.equal((await beleid.delete(url, v(1))).statusCode, 204);
    assert.equal((await beleid.get(url)).statusCode, 404);
  });

  test('a societal goal changes (IST/SOLL) and is deleted only without themes, interventions and indicators', async () => {
    const p = await programme();
    const g = await goal(p.id, '1');
    await goal(p.id, '2');
    const url = `${BASE}/goals/${g.id}`;
    const changed = await beleid.patch(
      url,
      { name: 'Minder eenzaamheid', currentSituation: '38% (2016)', desiredSituation: 'Minder dan 30%' },
      v(1),
    );
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json().currentSituation, '38% (2016)');
    assert.equal(changed.json().version, 2);
    assert.equal((await beleid.patch(url, { name: 'x' }, v(1))).statusCode, 412);
    assert.equal((await beleid.patch(url, { name: '' }, v(2))).statusCode, 400);
    assert.equal((await beleid.patch(url, { code: 'x'.repeat(21) }, v(2))).statusCode, 400);
    assert.equal((await beleid.patch(url, { currentSituation: 'x'.repeat(8001) }, v(2))).statusCode, 400);
    const taken = await beleid.patch(url, { code: '2' }, v(2));
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().code, 'goal-exists');

    const t = await theme(p.id, 'T1', { societalGoalId: g.id });
    await intervention(p.id, t.id);
    const i = await indicator({ societalGoalId: g.id });
    const refused = await beleid.delete(url, v(2));
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().code, 'goal-not-empty');
    assert.match(refused.json().nl.detail, /1 thema, 1 interventie en 1 indicator/);
    assert.match(refused.json().en.detail, /1 theme, 1 intervention and 1 indicator/);

    // Move the theme and the indicator elsewhere: then the goal goes.
    assert.equal(
      (await beleid.patch(`${BASE}/themes/${t.id}`, { societalGoalId: null }, v(1))).statusCode,
      200,
    );
    assert.equal(
      (await beleid.patch(`${BASE}/indicators/${i.id}`, { societalGoalId: null }, v(1))).statusCode,
      200,
    );
    assert.equal((await beleid.delete(url, v(2))).statusCode, 204);
  });

  test('a theme changes its goal and taakveld within its programme; wrong links are refused per field', async () => {
    const p = await programme();
    const other = await programme();
    const g = await goal(p.id);
    const foreignGoal = await goal(other.id);
    const t = await theme(p.id, 'T1');
    await theme(p.id, 'T2');
    const url = `${BASE}/themes/${t.id}`;
    const changed = await beleid.patch(
      url,
      { name: 'Wijkteams', societalGoalId: g.id, taakveld: '6.2' },
      v(1),
    );
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json().taakveld, '6.2');
    assert.equal(changed.json().societalGoalId, g.id);

    const wrong = await beleid.patch(url, { societalGoalId: foreignGoal.id, taakveld: '6.9' }, v(2));
    assert.equal(wrong.statusCode, 400);
    assert.deepEqual(
      wrong
        .json()
        .invalidParams.map((x: { name: string }) => x.name)
        .sort(),
      ['societalGoalId', 'taakveld'],
    );
    assert.equal((await beleid.patch(url, { taakveld: 'zes' }, v(2))).statusCode, 400);
    assert.equal((await beleid.patch(url, { code: 'T2' }, v(2))).statusCode, 409);
    assert.equal((await beleid.patch(url, { name: 'x' }, v(1))).statusCode, 412);
    assert.equal((await beleid.patch(url, { name: 'x' })).statusCode, 428);

    const i = await intervention(p.id, t.id);
    const refused = await beleid.delete(url, v(2));
    assert.equal(refused.statusCode, 409);
    assert.match(refused.json().nl.detail, /1 interventie/);
    assert.equal((await beleid.delete(`${BASE}/interventions/${i.id}`, v(1))).statusCode, 204);
    assert.equal((await beleid.delete(url, v(2))).statusCode, 204);
    const detail = (await beleid.get(`${BASE}/programmes/${p.id}`)).json();
    assert.deepEqual(
      detail.themes.map((x: { code: string }) => x.code),
      ['T2'],
    );
  });

  test('an intervention changes every field; an end before its start and wrong values are refused', async () => {
    const p = await programme();
    const t1 = await theme(p.id, 'T1');
    const t2 = await theme(p.id, 'T2');
    const i = await intervention(p.id, t1.id);
    const url = `${BASE}/interventions/${i.id}`;
    const changed = await beleid.patch(
      url,
      {
        themeId: t2.id,
        name: 'Buurtsportcoach 2.0',
        owner: 'Sportbedrijf',
        startsOn: '2021-01-01',
        endsOn: '2022-12-31',
        budgetCents: 12_500_000,
        expectedResult: 'Meer ouderen in beweging',
        evaluation: 'Tussenevaluatie positief',
      },
      v(1),
    );
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json().themeId, t2.id);
    assert.equal(changed.json().owner, 'Sportbedrijf');
    assert.equal(changed.json().budgetCents, 12_500_000);
    assert.equal(changed.json().evaluation, 'Tussenevaluatie positief');

    const backwards = await beleid.patch(url, { endsOn: '2020-06-30' }, v(2));
    assert.equal(backwards.statusCode, 400);
    assert.equal(backwards.json().invalidParams[0].code, 'ends-before-start');
    assert.equal((await beleid.patch(url, { budgetCents: -1 }, v(2))).statusCode, 400);
    assert.equal((await beleid.patch(url, { owner: '' }, v(2))).statusCode, 400);
    assert.equal((await beleid.patch(url, { startsOn: '2021-13-01' }, v(2))).statusCode, 400);
    const foreign = await theme((await programme()).id, 'TX');
    const wrongTheme = await beleid.patch(url, { themeId: foreign.id }, v(2));
    assert.equal(wrongTheme.statusCode, 400);
    assert.equal(wrongTheme.json().invalidParams[0].name, 'themeId');
    assert.equal((await beleid.get(url)).json().version, 2);

    assert.equal((await beleid.delete(url)).statusCode, 428);
    assert.equal((await beleid.delete(url, v(1))).statusCode, 412);
    assert.equal((await toegang.delete(url, v(2))).statusCode, 403);
    assert.equal((await beleid.delete(url, v(2))).statusCode, 204);
    assert.equal((await beleid.get(url)).statusCode, 404);
    assert.equal((await beleid.delete(url, v(2))).statusCode, 404);
  });

  test('an indicator changes its descriptive fields, source and baseline; the result is checked as a whole', async () => {
    const p = await programme();
    const g = await goal(p.id);
    const i = await indicator();
    const url = `${BASE}/indicators/${i.id}`;
    assert.equal((await beleid.get(url)).headers.etag, '"1"');
    const changed = await beleid.patch(
      url,
      {
        name: 'Volwassenen die zich (zeer) ernstig eenzaam voelen',
        kind: 'prestatie',
        frequency: 'tweejaarlijks',
        sourceName: 'GGD Twente',
        baseline: { year: 2020, value: 12.5 },
        societalGoalId: g.id,
        note: 'Vanaf 2020 per twee jaar',
      },
      v(1),
    );
    assert.equal(changed.statusCode, 200, changed.body);
    const body = changed.json();
    assert.equal(body.kind, 'prestatie');
    assert.equal(body.sourceName, 'GGD Twente');
    assert.deepEqual(body.baseline, { year: 2020, value: 12.5 });
    assert.equal(body.programmeId, p.id);
    assert.equal(body.version, 2);
    assert.equal(changed.headers.etag, '"2"');

    // Wrong input, field by field; nothing written.
    const high = await beleid.patch(url, { baseline: { year: 2020, value: 120 } }, v(2));
    assert.equal(high.statusCode, 400);
    assert.equal(high.json().invalidParams[0].code, 'percentage-out-of-range');
    const noSource = await beleid.patch(url, { sourceName: null }, v(2));
    assert.equal(noSource.statusCode, 400);
    assert.equal(noSource.json().invalidParams[0].name, 'sourceName');
    const unknownGoal = await beleid.patch(url, { societalGoalId: crypto.randomUUID() }, v(2));
    assert.equal(unknownGoal.statusCode, 400);
    assert.equal(unknownGoal.json().invalidParams[0].name, 'societalGoalId');
    assert.equal((await beleid.patch(url, { unit: 'procent' }, v(2))).statusCode, 400);
    assert.equal((await beleid.patch(url, { frequency: 'dagelijks' }, v(2))).statusCode, 400);
    assert.equal((await beleid.patch(url, { name: 'x' }, v(1))).statusCode, 412);
    assert.equal((await beleid.patch(url, { name: 'x' })).statusCode, 428);
    const dup = await indicator();
    assert.equal((await beleid.patch(url, { code: `IM-${seq}` }, v(2))).statusCode, 409);
    assert.ok(dup.id);
    assert.equal((await beleid.get(url)).json().version, 2);
  });

  test('an indicator becomes computed (definition and version) and back to external', async () => {
    const i = await indicator({ unit: 'aantal', baseline: null, direction: 'hoger-is-beter' });
    const url = `${BASE}/indicators/${i.id}`;
    const definitions = (await beleid.get(`${BASE}/indicator-definitions`)).json().items as {
      code: string;
      version: number;
      unit: string;
    }[];
    const definition = definitions[0]!;
    const bothSources = await beleid.patch(
      url,
      { sourceKind: 'berekend', definitionCode: definition.code, definitionVersion: 1, sourceName: 'CBS' },
      v(1),
    );
    assert.equal(bothSources.statusCode, 400);
    assert.equal(bothSources.json().invalidParams[0].name, 'sourceName');
    const unknown = await beleid.patch(
      url,
      { sourceKind: 'berekend', definitionCode: 'bestaat-niet', definitionVersion: 1 },
      v(1),
    );
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().invalidParams[0].code, 'unknown-definition');

    const computed = await beleid.patch(
      url,
      { sourceKind: 'berekend', definitionCode: definition.code, definitionVersion: definition.version },
      v(1),
    );
    assert.equal(computed.statusCode, 200, computed.body);
    assert.equal(computed.json().definition.code, definition.code);
    assert.equal(computed.json().unit, definition.unit);
    assert.equal(computed.json().sourceName, null);

    const external = await beleid.patch(url, { sourceKind: 'extern', sourceName: 'Eigen telling' }, v(2));
    assert.equal(external.statusCode, 200, external.body);
    assert.equal(external.json().definition, null);
    assert.equal(external.json().sourceName, 'Eigen telling');
  });

  test('a unit must fit the targets and realisations; an external indicator with realisations stays external', async () => {
    const i = await indicator({ unit: 'aantal', baseline: { year: 2018, value: 340 } });
    const url = `${BASE}/indicators/${i.id}`;
    assert.equal(
      (await beleid.request('PUT', `${url}/targets/2022`, { body: { value: 250 } })).statusCode,
      200,
    );
    const realisation = await beleid.post(`${url}/realisations`, {
      periodStart: '2022-01-01',
      periodEnd: '2022-12-31',
      value: 280,
      source: 'Eigen telling',
    });
    assert.equal(realisation.statusCode, 201, realisation.body);

    const toPercentage = await beleid.patch(
      url,
      { unit: 'percentage', baseline: { year: 2018, value: 34 } },
      v(1),
    );
    assert.equal(toPercentage.statusCode, 400);
    const reasons = toPercentage.json().invalidParams.map((p: { nl: string }) => p.nl);
    assert.equal(reasons.length, 2, JSON.stringify(toPercentage.json()));
    assert.ok(reasons.some((r: string) => r.startsWith('Streefwaarde 2022')));
    assert.ok(reasons.some((r: string) => r.startsWith('Realisatie 2022-01-01')));
    const noUnit = await beleid.patch(url, { unit: null }, v(1));
    assert.equal(noUnit.statusCode, 400);
    assert.equal(noUnit.json().invalidParams[0].code, 'targets-need-unit');
    const computed = await beleid.patch(
      url,
      { sourceKind: 'berekend', definitionCode: 'wmo-unieke-clienten', definitionVersion: 1 },
      v(1),
    );
    assert.equal(computed.statusCode, 409, computed.body);
    assert.equal(computed.json().code, 'has-realisations');

    // Deleting the indicator is refused while a realisation is recorded; deleting that one first works.
    const refused = await beleid.delete(url, v(1));
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().code, 'indicator-not-empty');
    assert.match(refused.json().nl.detail, /1 realisatie/);

    const badDate = await beleid.delete(`${url}/realisations/2022-01-01/eind`);
    assert.equal(badDate.statusCode, 400);
    const missing = await beleid.delete(`${url}/realisations/2021-01-01/2021-12-31`);
    assert.equal(missing.statusCode, 404);
    assert.equal((await toegang.delete(`${url}/realisations/2022-01-01/2022-12-31`)).statusCode, 403);
    const gone = await beleid.delete(`${url}/realisations/2022-01-01/2022-12-31`);
    assert.equal(gone.statusCode, 200, gone.body);
    assert.deepEqual(gone.json().realisations, []);

    assert.equal((await beleid.delete(`${url}/targets/1999`)).statusCode, 400);
    assert.equal((await beleid.delete(`${url}/targets/2023`)).statusCode, 404);
    const targetGone = await beleid.delete(`${url}/targets/2022`);
    assert.equal(targetGone.statusCode, 200, targetGone.body);
    assert.deepEqual(targetGone.json().targets, []);

    assert.equal((await beleid.delete(url)).statusCode, 428);
    assert.equal((await beleid.delete(url, v(2))).statusCode, 412);
    assert.equal((await beleid.delete(url, v(1))).statusCode, 204);
    assert.equal((await beleid.get(url)).statusCode, 404);
  });

  test('another municipality can neither change nor delete (404), and nothing changes', async () => {
    const p = await programme();
    const g = await goal(p.id);
    const t = await theme(p.id);
    const i = await indicator();
    const before = (await beleid.get(`${BASE}/programmes/${p.id}`)).json();
    const other = await grip.login('beleidsadviseur', 'GM0153');
    for (const url of [
      `${BASE}/programmes/${p.id}`,
      `${BASE}/goals/${g.id}`,
      `${BASE}/themes/${t.id}`,
      `${BASE}/indicators/${i.id}`,
    ]) {
      assert.equal((await other.patch(url, { name: 'Overgenomen' }, v(1))).statusCode, 404, url);
      assert.equal((await other.delete(url, v(1))).statusCode, 404, url);
    }
    assert.deepEqual((await beleid.get(`${BASE}/programmes/${p.id}`)).json(), before);
    assert.equal((await beleid.get(`${BASE}/indicators/${i.id}`)).json().version, 1);
  });

  test('an indicator with targets is deleted with them; realisations of a computed one cannot be deleted', async () => {
    const definition = (await beleid.get(`${BASE}/indicator-definitions`)).json().items[0];
    const i = await indicator({
      sourceKind: 'berekend',
      sourceName: undefined,
      unit: undefined,
      baseline: null,
      direction: undefined,
      definitionCode: definition.code,
      definitionVersion: definition.version,
    });
    const url = `${BASE}/indicators/${i.id}`;
    assert.equal(
      (await beleid.request('PUT', `${url}/targets/2024`, { body: { value: 10 } })).statusCode,
      200,
    );
    const computed = await beleid.delete(`${url}/realisations/2024-01-01/2024-12-31`);
    assert.equal(computed.statusCode, 409);
    assert.equal(computed.json().code, 'computed-indicator');
    assert.equal((await beleid.delete(url, v(1))).statusCode, 204);
    assert.equal((await beleid.get(url)).statusCode, 404);
  });
});
