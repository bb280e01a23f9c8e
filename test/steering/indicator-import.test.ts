import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseValue } from '../../src/steering/indicator-import.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

/**
 * Import of external indicator figures (realisations and targets) from CSV: all rows or none, malformed rows
 * refused with their line numbers, computed indicators refused per row.
 */

interface Indicator {
  targets: { year: number; value: number }[];
  realisations: { periodStart: string; periodEnd: string; value: number; source: string }[];
}

describe('indicator import', () => {
  let grip: TestApp;
  let beleid: Client;
  const ids: Record<string, string> = {};

  before(async () => {
    grip = await createTestApp();
    beleid = await grip.login('beleidsadviseur', 'GM0153');
    const create = async (body: Record<string, unknown>) => {
      const response = await beleid.post('/api/v1/steering/indicators', {
        kind: 'effect',
        frequency: 'jaar',
        ...body,
      });
      assert.equal(response.statusCode, 201, response.body);
      ids[body.code as string] = response.json().id;
    };
    await create({
      code: 'IMP-EENZAAM',
      name: 'Eenzaamheid',
      unit: 'percentage',
      sourceKind: 'extern',
      sourceName: 'GGD monitor',
      direction: 'lager-is-beter',
    });
    await create({
      code: 'IMP-PANEL',
      name: 'Tevredenheid',
      unit: 'score',
      sourceKind: 'extern',
      sourceName: 'Panel',
      direction: 'hoger-is-beter',
    });
    await create({
      code: 'IMP-VOORSTEL',
      name: 'Nog zonder eenheid',
      sourceKind: 'extern',
      sourceName: 'Panel',
      direction: 'hoger-is-beter',
    });
    await create({
      code: 'IMP-WMO',
      name: 'Wmo-cliënten',
      sourceKind: 'berekend',
      definitionCode: 'wmo-unieke-clienten',
      definitionVersion: 1,
    });
  });
  after(() => grip.close());

  const upload = (body: string, type = 'text/csv') =>
    beleid.request('POST', '/api/v1/steering/indicator-imports', { body, headers: { 'content-type': type } });
  const read = async (code: string) => {
    const response = await beleid.get(`/api/v1/steering/indicators/${ids[code]}`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as Indicator;
  };
  const names = (body: string) =>
    (JSON.parse(body) as { invalidParams: { name: string; code: string }[] }).invalidParams.map(
      (p) => `${p.name} ${p.code}`,
    );

  test('values: Dutch decimal comma, thousands dots, a decimal point, a percent sign', () => {
    assert.equal(parseValue('12,5'), 12.5);
    assert.equal(parseValue('1.234,5'), 1234.5);
    assert.equal(parseValue('12.5'), 12.5);
    assert.equal(parseValue('18 %'), 18);
    assert.equal(parseValue('twaalf'), null);
    assert.equal(parseValue(7), 7);
  });

  test('imports realisations and targets by year or period; the same period again replaces', async () => {
    const csv = [
      'indicator;soort;jaar;periode_start;periode_eind;waarde;bron',
      'IMP-EENZAAM;realisatie;2020;;;18,5;GGD Gezondheidsmonitor 2020',
      'IMP-EENZAAM;streefwaarde;2022;;;15;',
      'IMP-PANEL;realisatie;;2021-01-01;2021-06-30;7.4;Inwonerspanel voorjaar',
      'IMP-WMO;streefwaarde;2023;;;6500;',
    ].join('\r\n');
    const response = await upload(`\uFEFF${csv}\r\n`);
    assert.equal(response.statusCode, 201, response.body);
    assert.deepEqual(response.json(), { realisations: 2, targets: 2, replaced: 0, indicators: 3 });
    const eenzaam = await read('IMP-EENZAAM');
    assert.deepEqual(eenzaam.targets, [{ year: 2022, value: 15 }]);
    assert.equal(eenzaam.realisations[0]!.value, 18.5);
    assert.equal(eenzaam.realisations[0]!.periodStart, '2020-01-01');
    assert.equal(eenzaam.realisations[0]!.source, 'GGD Gezondheidsmonitor 2020');
    const panel = await read('IMP-PANEL');
    assert.deepEqual(
      panel.realisations.map((r) => [r.periodStart, r.periodEnd, r.value]),
      [['2021-01-01', '2021-06-30', 7.4]],
    );
    assert.deepEqual((await read('IMP-WMO')).targets, [{ year: 2023, value: 6500 }]);

    const again = await upload('indicator,jaar,waarde,bron\nIMP-EENZAAM,2020,17,GGD (herzien)\n');
    assert.equal(again.statusCode, 201, again.body);
    assert.equal(again.json().replaced, 1);
    const replaced = await read('IMP-EENZAAM');
    assert.equal(replaced.realisations.length, 1);
    assert.equal(replaced.realisations[0]!.value, 17);
  });

  test('malformed rows: every problem with its line number, nothing imported', async () => {
    const csv = [
      'indicator;soort;jaar;waarde;bron',
      'IMP-PANEL;realisatie;2019;6,8;Panel',
      'IMP-PANEL;realisatie;19;6,8;Panel',
      'IMP-PANEL;realisatie;2018;zes;Panel',
      'IMP-PANEL;realisatie;2017;6;',
      'IMP-PANEL;prognose;2017;6;Panel',
      ';realisatie;2017;6;Panel',
      'IMP-PANEL;realisatie;2019;7;Panel',
    ].join('\n');
    const response = await upload(csv);
    assert.equal(response.statusCode, 400, response.body);
    assert.deepEqual(names(response.body), [
      'line 3: jaar invalid-year',
      'line 4: waarde invalid-number',
      'line 5: bron required',
      'line 6: soort unknown-kind',
      'line 7: indicator required',
      'line 8 duplicate-row',
    ]);
    assert.ok(response.body.includes('Regel 3'));
    assert.equal((await read('IMP-PANEL')).realisations.length, 1, 'line 2 was not imported either');
  });

  test('refused per row against the indicators: computed, unknown, no unit, percentage out of range', async () => {
    const csv = [
      'indicator;jaar;waarde;bron',
      'IMP-PANEL;2019;6,9;Panel',
      'IMP-WMO;2019;6600;Eigen telling',
      'IMP-ONBEKEND;2019;1;Panel',
      'IMP-VOORSTEL;2019;1;Panel',
      'IMP-EENZAAM;2019;120;GGD',
    ].join('\n');
    const response = await upload(csv);
    assert.equal(response.statusCode, 400, response.body);
    assert.deepEqual(names(response.body), [
      'line 3: indicator computed-indicator',
      'line 4: indicator unknown-indicator',
      'line 5: indicator unit-missing',
      'line 6: waarde percentage-out-of-range',
    ]);
    assert.equal((await read('IMP-PANEL')).realisations.length, 1, 'the good line 2 was not imported');
  });

  test('wrong file: missing columns, empty, not CSV; other roles 403', async () => {
    const missing = await upload('indicator;bron\nIMP-PANEL;Panel\n');
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(names(missing.body), ['line 1: waarde column-missing', 'line 1: jaar column-missing']);
    assert.equal((await upload('indicator;jaar;waarde\n')).statusCode, 400);
    assert.equal((await upload('')).statusCode, 400);
    assert.equal((await upload('{}', 'application/json')).statusCode, 415);
    const toegang = await grip.login('toegang-medewerker', 'GM0153');
    const forbidden = await toegang.request('POST', '/api/v1/steering/indicator-imports', {
      body: 'indicator;jaar;waarde;bron\nIMP-PANEL;2016;6;Panel\n',
      headers: { 'content-type': 'text/csv' },
    });
    assert.equal(forbidden.statusCode, 403);
  });
});
