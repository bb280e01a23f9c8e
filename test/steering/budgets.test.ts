/**
 * Budgets: import of CSV and XLSX in the layouts municipalities publish, the exact reproduction of
 * Enschede's programme 3.1 (Programmabegroting 2015), rejection of malformed rows with line numbers and
 * nothing half-imported, and export as CSV and XLSX that imports again to the same figures.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { XLSX_CONTENT_TYPE } from '../../src/intake/report-xlsx.ts';
import { parseAmount, parseBudget, readCsv } from '../../src/steering/budget-import.ts';
import { readFirstSheet } from '../../src/steering/xlsx-reader.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

interface Total {
  year: number;
  stage: string;
  lasten: number | null;
  baten: number | null;
  saldo: number | null;
  storting: number;
  onttrekking: number;
  resultaat: number | null;
  themeLasten: number | null;
  themeBaten: number | null;
  mismatch: boolean;
}

/** The multi-year table of programme 3.1 as published: year, stage, lasten, baten, saldo, storting, onttrekking, resultaat. */
const PUBLISHED: [number, string, number, number, number, number, number, number][] = [
  [2014, 'begroting', 84_626, 5_934, 78_693, 169, 2_814, 76_048],
  [2015, 'begroting', 183_905, 4_987, 178_918, 207, 676, 178_450],
  [2016, 'raming', 182_956, 4_987, 177_969, 208, 142, 178_034],
  [2017, 'raming', 182_276, 4_987, 177_289, 253, 117, 177_425],
  [2018, 'raming', 181_589, 4_987, 176_602, 269, 111, 176_759],
];

describe('budgets', () => {
  let grip: TestApp;
  let beleid: Client;
  let beheer: Client;

  before(async () => {
    grip = await createTestApp();
    beleid = await grip.login('beleidsadviseur', 'GM0153');
    beheer = await grip.login('functioneel-beheerder', 'GM0153');
  });
  after(() => grip.close());

  async function programme(client: Client, code: string) {
    const response = await client.post('/api/v1/steering/programmes', {
      code,
      name: 'Maatschappelijke ondersteuning',
      firstYear: 2014,
      lastYear: 2018,
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json().id as string;
  }

  function upload(client: Client, programmeId: string, body: Buffer | string, type: string, query = '') {
    return client.request('POST', `/api/v1/steering/programmes/${programmeId}/budget-imports${query}`, {
      body,
      headers: { 'content-type': type },
    });
  }

  async function budget(client: Client, programmeId: string) {
    const response = await client.get(`/api/v1/steering/programmes/${programmeId}/budget`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as { lines: { level: string; amount: number; side: string }[]; totals: Total[] };
  }

  async function rowCounts() {
    const { rows } = await sql<{ lines: number; reserves: number; imports: number; themes: number }>`
      SELECT (SELECT count(*) FROM budget_line)::int AS lines, (SELECT count(*) FROM reserve_mutation)::int AS reserves,
             (SELECT count(*) FROM budget_import)::int AS imports, (SELECT count(*) FROM theme)::int AS themes`.execute(
      grip.database.db,
    );
    return rows[0]!;
  }

  test('Enschede 3.1: the nine themes of 2015 and the multi-year table reproduce the published totals', async () => {
    const id = await programme(beleid, 'T3.1');
    const themes = await upload(beleid, id, fixture('enschede-3.1-thema-2015.csv'), 'text/csv');
    assert.equal(themes.statusCode, 201, themes.body);
    assert.equal(themes.json().layout, 'thema');
    assert.equal(themes.json().lineCount, 14);
    assert.equal(themes.json().themesCreated.length, 9);

    let overview = await budget(beleid, id);
    const y2015 = overview.totals.find((t) => t.year === 2015 && t.stage === 'begroting')!;
    assert.equal(y2015.lasten, 183_905);
    assert.equal(y2015.baten, 4_987);
    assert.equal(y2015.saldo, 178_918);

    const multi = await upload(beheer, id, fixture('enschede-3.1-meerjarig.csv'), 'text/csv; charset=utf-8');
    assert.equal(multi.statusCode, 201, multi.body);
    assert.equal(multi.json().layout, 'totaal');
    assert.equal(multi.json().reserveCount, 10);

    overview = await budget(beleid, id);
    for (const [year, stage, lasten, baten, saldo, storting, onttrekking, resultaat] of PUBLISHED) {
      const t = overview.totals.find((x) => x.year === year && x.stage === stage)!;
      assert.ok(t, `${stage} ${year}`);
      assert.equal(t.lasten, lasten, `lasten ${year}`);
      assert.equal(t.baten, baten, `baten ${year}`);
      assert.ok(Math.abs(t.saldo! - saldo) <= 1, `saldo ${year}: ${t.saldo} vs ${saldo}`);
      assert.equal(t.storting, storting);
      assert.equal(t.onttrekking, onttrekking);
      assert.ok(Math.abs(t.resultaat! - resultaat) <= 1, `resultaat ${year}: ${t.resultaat} vs ${resultaat}`);
      assert.equal(t.mismatch, false);
    }
    // 2015: the published total and the nine themes agree exactly.
    const again = overview.totals.find((t) => t.year === 2015)!;
    assert.equal(again.themeLasten, 183_905);
    assert.equal(again.themeBaten, 4_987);
  });

  test('XLSX with lasten as negative numbers (shared strings, a title row) imports to the same totals', async () => {
    const id = await programme(beleid, 'X3.1');
    const response = await upload(
      beleid,
      id,
      fixture('enschede-3.1-meerjarig-negatieve-lasten.xlsx'),
      XLSX_CONTENT_TYPE,
      '?fileName=meerjarig.xlsx',
    );
    assert.equal(response.statusCode, 201, response.body);
    const overview = await budget(beleid, id);
    for (const [year, stage, lasten, baten, saldo, storting, onttrekking, resultaat] of PUBLISHED) {
      const t = overview.totals.find((x) => x.year === year && x.stage === stage)!;
      assert.equal(t.lasten, lasten);
      assert.equal(t.baten, baten);
      assert.ok(Math.abs(t.saldo! - saldo) <= 1);
      assert.equal(t.storting, storting);
      assert.equal(t.onttrekking, onttrekking);
      assert.ok(Math.abs(t.resultaat! - resultaat) <= 1);
    }
    const stored = await grip.database.db
      .selectFrom('budget_import')
      .select(['file_name', 'file_format'])
      .where('programme_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(stored, { file_name: 'meerjarig.xlsx', file_format: 'xlsx' });
  });

  test('malformed rows are rejected with their line numbers and nothing is written', async () => {
    const id = await programme(beleid, 'B3.1');
    const before = await rowCounts();
    const response = await upload(beleid, id, fixture('bad-rows.csv'), 'text/csv');
    assert.equal(response.statusCode, 400, response.body);
    const params = response.json().invalidParams as { name: string; code: string; nl: string }[];
    assert.deepEqual(
      params.map((p) => [p.name.split(':')[0], p.code]),
      [
        ['line 3', 'not-a-number'],
        ['line 4', 'negative-amount'],
        ['line 5', 'duplicate-row'],
      ],
    );
    assert.match(params[0]!.nl, /^Regel 3, kolom "Begroting 2015": "veel"/);
    assert.match(params[2]!.nl, /staat al op regel 2/);
    assert.deepEqual(await rowCounts(), before);

    const cases: [string, RegExp][] = [
      ['Thema;Soort;Begroting 2015\nA;Lasten;10\nA;Lasten;20\n', /duplicate-row/],
      ['Thema;Soort\nA;Lasten\n', /no-year-columns/],
      ['Thema;Taakveld;Soort;Begroting 2015\nA;9.99;Lasten;10\n', /unknown-taakveld/],
      ['Thema;Soort;Begroting 2025\nA;Lasten;10\n', /year-outside-programme/],
      ['Thema;Soort;Begroting 2015\nA;Lasten;10\nB;Lasten;20\nLasten;;35\n', /total-mismatch/],
      ['Omschrijving;2015\nLasten;100\nBaten;10\nSaldo van baten en lasten;80\n', /saldo-mismatch/],
      ['Thema;Soort;Begroting 2015\nA;Baten;-3\n', /negative-amount/],
      ['Thema;Soort;Begroting 2015\nA;Lasten;1,25\n', /amount-precision/],
      ['Thema;Soort;Begroting 2015\nA;Kosten;10\n', /invalid-side/],
      ['Omschrijving;2015\nSubsidies;10\n', /unknown-row/],
    ];
    for (const [body, code] of cases) {
      const bad = await upload(beleid, id, body, 'text/csv');
      assert.equal(bad.statusCode, 400, body);
      assert.match(JSON.stringify(bad.json().invalidParams), code, body);
    }
    assert.deepEqual(await rowCounts(), before);

    const wrongType = await upload(beleid, id, 'x', 'application/pdf');
    assert.equal(wrongType.statusCode, 415);
    const notXlsx = await upload(beleid, id, Buffer.from('not a zip at all'), XLSX_CONTENT_TYPE);
    assert.equal(notXlsx.statusCode, 400);
    assert.equal(notXlsx.json().code, 'unreadable-file');
    const unknown = await upload(
      beleid,
      '00000000-0000-4000-8000-000000000001',
      fixture('enschede-3.1-thema-2015.csv'),
      'text/csv',
    );
    assert.equal(unknown.statusCode, 404);
    assert.deepEqual(await rowCounts(), before);
  });

  test('a line by taakveld, a default stage, and a re-import replaces instead of adding', async () => {
    const id = await programme(beleid, 'R3.1');
    const csv = 'Taakveld;Soort;2016\n6.71;Lasten;1.234,5\n6.72;Lasten;100\n6.72;Baten;5\n';
    const first = await upload(beleid, id, csv, 'text/csv', '?stage=realisatie');
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().layout, 'taakveld');
    const second = await upload(beleid, id, csv, 'text/csv', '?stage=realisatie');
    assert.equal(second.statusCode, 201);
    const overview = await budget(beleid, id);
    assert.equal(overview.lines.length, 3);
    const t = overview.totals.find((x) => x.year === 2016 && x.stage === 'realisatie')!;
    assert.equal(t.lasten, 1_334.5);
    assert.equal(t.baten, 5);
    assert.equal(t.saldo, 1_329.5);
  });

  test('export as CSV and XLSX imports again to the same figures', async () => {
    const id = await programme(beleid, 'E3.1');
    await upload(beleid, id, fixture('enschede-3.1-thema-2015.csv'), 'text/csv');
    await upload(beleid, id, fixture('enschede-3.1-meerjarig.csv'), 'text/csv');
    const original = await budget(beleid, id);

    const csv = await beleid.get(`/api/v1/steering/programmes/${id}/budget.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(csv.body, /Thema;Themacode;Taakveld;Soort;Begroting 2014;Begroting 2015;Raming 2016/);
    assert.match(csv.body, /\nLasten;;;;84626;183905;182956;182276;181589\r/);
    assert.match(csv.body, /\nStorting reserves;;;;169;207;208;253;269\r/);

    const xlsx = await beleid.get(`/api/v1/steering/programmes/${id}/budget.xlsx`);
    assert.equal(xlsx.statusCode, 200);
    assert.equal(String(xlsx.headers['content-type']), XLSX_CONTENT_TYPE);
    const sheet = readFirstSheet(xlsx.rawPayload);
    assert.equal(sheet[0]!.cells[0], 'Thema');

    for (const [body, type, code] of [
      [csv.body, 'text/csv', 'C3.1'],
      [xlsx.rawPayload, XLSX_CONTENT_TYPE, 'D3.1'],
    ] as const) {
      const copy = await programme(beleid, code);
      const imported = await upload(beleid, copy, body, type);
      assert.equal(imported.statusCode, 201, imported.body);
      const roundTrip = await budget(beleid, copy);
      assert.deepEqual(
        roundTrip.totals.map((t) => [
          t.year,
          t.stage,
          t.lasten,
          t.baten,
          t.saldo,
          t.storting,
          t.onttrekking,
          t.resultaat,
        ]),
        original.totals.map((t) => [
          t.year,
          t.stage,
          t.lasten,
          t.baten,
          t.saldo,
          t.storting,
          t.onttrekking,
          t.resultaat,
        ]),
      );
    }
  });

  test('who may import, read and export; another municipality sees nothing', async () => {
    const id = await programme(beleid, 'P3.1');
    const regisseur = await grip.login('regisseur', 'GM0153');
    const denied = await upload(regisseur, id, fixture('enschede-3.1-thema-2015.csv'), 'text/csv');
    assert.equal(denied.statusCode, 403);
    assert.equal((await regisseur.get(`/api/v1/steering/programmes/${id}/budget`)).statusCode, 200);
    const aanbieder = await grip.login('aanbieder', 'GM0153');
    assert.equal((await aanbieder.get(`/api/v1/steering/programmes/${id}/budget`)).statusCode, 403);
    const hengelo = await grip.login('beleidsadviseur', 'GM0164');
    assert.equal((await hengelo.get(`/api/v1/steering/programmes/${id}/budget`)).statusCode, 404);
    assert.equal((await hengelo.get(`/api/v1/steering/programmes/${id}/budget.csv`)).statusCode, 404);
  });

  test('amounts and CSV as published: Dutch notation, quotes, BOM', () => {
    assert.equal(parseAmount('183.905'), 183_905);
    assert.equal(parseAmount('-17.419'), -17_419);
    assert.equal(parseAmount('1.234,5'), 1_234.5);
    assert.equal(parseAmount('−12'), -12);
    assert.equal(parseAmount('-'), null);
    assert.equal(parseAmount('12.34'), 'invalid');
    assert.equal(parseAmount('abc'), 'invalid');
    const rows = readCsv('\uFEFF"Thema";"Soort";"2015"\r\n"Jeugd; zorg";Lasten;"1.000"\r\n');
    assert.deepEqual(rows[1], { line: 2, cells: ['Jeugd; zorg', 'Lasten', '1.000'] });
    const parsed = parseBudget(rows, 'raming');
    assert.ok(parsed.ok);
    assert.deepEqual(
      parsed.budget.lines.map((l) => [l.themeName, l.stage, l.year, l.amount]),
      [['Jeugd; zorg', 'raming', 2015, 1000]],
    );
  });
});
