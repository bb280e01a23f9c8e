/**
 * The progress report of a programme over a year (issue 7, point 5): goals with their indicators' status,
 * interventions by status with results, budget against realisation with reserves and result — as JSON,
 * as a PDF whose text is read back, and as XLSX. Bad input is refused, another municipality's programme
 * is not found, and only the beleidsadviseur may read it.
 */
import assert from 'node:assert/strict';
import { inflateRawSync, inflateSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import type { ProgressReport } from '../../src/steering/progress-report.ts';

const MC = 'GM0164';

/** The text a PDF made by pdf-lib shows: its content streams inflated, every `<hex> Tj` decoded as WinAnsi. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const decoder = new TextDecoder('windows-1252');
  const lines: string[] = [];
  const streams = /stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = streams.exec(raw)) !== null) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const op of content.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) {
      lines.push(decoder.decode(Buffer.from(op[1]!, 'hex')));
    }
    streams.lastIndex = end;
  }
  return lines.join('\n');
}

/** The files of a ZIP archive written with deflate (as src/intake/report-xlsx.ts writes them). */
function unzip(data: Buffer): Map<string, string> {
  const files = new Map<string, string>();
  let offset = 0;
  while (data.readUInt32LE(offset) === 0x04034b50) {
    const method = data.readUInt16LE(offset + 8);
    const size = data.readUInt32LE(offset + 18);
    const nameLength = data.readUInt16LE(offset + 26);
    const extra = data.readUInt16LE(offset + 28);
    const name = data.subarray(offset + 30, offset + 30 + nameLength).toString('utf8');
    const start = offset + 30 + nameLength + extra;
    const packed = data.subarray(start, start + size);
    files.set(name, (method === 8 ? inflateRawSync(packed) : packed).toString('utf8'));
    offset = start + size;
  }
  return files;
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('steering progress report', () => {
  let grip: TestApp;
  let adviseur: Client;
  let programmeId: string;
  let otherProgrammeId: string;
  const url = (id: string, rest = '') => `/api/v1/steering/programmes/${id}/progress-report${rest}`;

  before(async () => {
    grip = await createTestApp();
    adviseur = await grip.login('beleidsadviseur');
    const db = grip.database.db;
    const programme = await db
      .insertInto('programme')
      .values({
        municipality_code: MC,
        code: 'T3.1',
        name: 'Maatschappelijke ondersteuning (test)',
        first_year: 2014,
        last_year: 2018,
        description: 'Iedereen doet mee, zo zelfstandig mogelijk.',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    programmeId = programme.id;
    const other = await db
      .insertInto('programme')
      .values({
        municipality_code: 'GM0153',
        code: 'T9',
        name: 'Ander programma',
        first_year: 2015,
        last_year: 2015,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    otherProgrammeId = other.id;

    const goal = await db
      .insertInto('societal_goal')
      .values({
        municipality_code: MC,
        programme_id: programmeId,
        code: 'D1',
        name: 'Inwoners wonen langer zelfstandig thuis',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const theme = await db
      .insertInto('theme')
      .values({
        municipality_code: MC,
        programme_id: programmeId,
        societal_goal_id: goal.id,
        code: 'TH1',
        name: 'Maatwerkvoorzieningen Wmo',
        bbv_taakveld_code: '6.6',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const theme2 = await db
      .insertInto('theme')
      .values({
        municipality_code: MC,
        programme_id: programmeId,
        code: 'TH2',
        name: 'Wijkteams',
        bbv_taakveld_code: '6.2',
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const indicator = (code: string, name: string, extra: Record<string, unknown>) =>
      db
        .insertInto('indicator')
        .values({
          municipality_code: MC,
          code,
          name,
          kind: 'effect',
          unit: 'percentage',
          source_kind: 'extern',
          source_name: 'GGD Gezondheidsmonitor',
          frequency: 'jaar',
          direction: 'hoger-is-beter',
          societal_goal_id: goal.id,
          ...extra,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const onTrack = await indicator('T-ZELF', 'Inwoners die zich zelfstandig redden', {
      baseline_year: 2014,
      baseline_value: 80,
    });
    const offTrack = await indicator('T-EENZAAM', 'Inwoners die zich eenzaam voelen', {
      direction: 'lager-is-beter',
      baseline_year: 2014,
      baseline_value: 40,
    });
    await indicator('T-ONBEKEND', 'Mantelzorgers die zich overbelast voelen', {});
    // An indicator tied only to the second theme, which has no goal: "other indicators".
    await indicator('T-KLANTEN', 'Unieke Wmo-cliënten', {
      societal_goal_id: null,
      theme_id: theme2.id,
      kind: 'prestatie',
      unit: 'aantal',
      source_kind: 'berekend',
      source_name: null,
      definition_code: 'wmo-unieke-clienten',
      definition_version: 1,
    });
    await db
      .insertInto('indicator_target')
      .values([
        { municipality_code: MC, indicator_id: onTrack.id, year: 2015, target_value: 82 },
        { municipality_code: MC, indicator_id: onTrack.id, year: 2018, target_value: 90 },
        { municipality_code: MC, indicator_id: offTrack.id, year: 2014, target_value: 35 },
      ])
      .execute();
    await db
      .insertInto('indicator_realisation')
      .values([
        {
          municipality_code: MC,
          indicator_id: onTrack.id,
          period_start: '2015-01-01',
          period_end: '2015-12-31',
          value: 83.5,
          source: 'GGD Gezondheidsmonitor 2015',
        },
        // Later than the report year: not used for 2015.
        {
          municipality_code: MC,
          indicator_id: onTrack.id,
          period_start: '2016-01-01',
          period_end: '2016-12-31',
          value: 70,
          source: 'GGD Gezondheidsmonitor 2016',
        },
        {
          municipality_code: MC,
          indicator_id: offTrack.id,
          period_start: '2015-01-01',
          period_end: '2015-12-31',
          value: 38,
          source: 'Burgerpanel',
        },
      ])
      .execute();

    await db
      .insertInto('intervention')
      .values([
        {
          municipality_code: MC,
          theme_id: theme.id,
          name: 'Keukentafelgesprekken door het wijkteam',
          owner: 'Team Wmo',
          starts_on: '2015-01-01',
          ends_on: '2015-12-31',
          budget_cents: 45_000_000,
          status: 'afgerond',
          expected_result: 'Elke melding binnen zes weken besproken.',
          achieved_result: 'Negen van de tien meldingen binnen zes weken besproken.',
          evaluation: 'Werkt; voortzetten.',
        },
        {
          municipality_code: MC,
          theme_id: theme.id,
          name: 'Pilot Ørsted-wijk: algemene voorziening boodschappen',
          owner: 'Beleidsteam Zorg',
          starts_on: '2015-03-01',
          status: 'gestopt',
          expected_result: 'Minder maatwerk voor boodschappen.',
          status_reason: 'Te weinig aanmeldingen.',
        },
        {
          municipality_code: MC,
          theme_id: theme2.id,
          name: 'Wijkteam Noord',
          owner: 'Wijkteam',
          starts_on: '2015-06-01',
          status: 'gestart',
          expected_result: 'Eén aanspreekpunt per wijk.',
        },
        // Outside the year: not in the 2015 report.
        {
          municipality_code: MC,
          theme_id: theme2.id,
          name: 'Oude regeling',
          owner: 'Team',
          starts_on: '2012-01-01',
          ends_on: '2013-12-31',
          status: 'afgerond',
          expected_result: '',
          achieved_result: 'Klaar.',
        },
      ])
      .execute();

    const line = (
      themeId: string,
      side: 'lasten' | 'baten',
      stage: 'begroting' | 'begroting-na-wijziging' | 'realisatie',
      amount: number,
      year = 2015,
    ) => ({
      municipality_code: MC,
      theme_id: themeId,
      year,
      side,
      stage,
      amount_thousands: amount,
    });
    await db
      .insertInto('budget_line')
      .values([
        line(theme.id, 'lasten', 'begroting', 150_000),
        line(theme.id, 'lasten', 'begroting-na-wijziging', 152_500.5),
        line(theme.id, 'lasten', 'realisatie', 151_905),
        line(theme.id, 'baten', 'begroting', 4_000),
        line(theme.id, 'baten', 'realisatie', 4_987),
        line(theme2.id, 'lasten', 'begroting', 30_000),
        line(theme2.id, 'lasten', 'realisatie', 32_000),
        line(theme2.id, 'lasten', 'realisatie', 99_999, 2016),
      ])
      .execute();
    await db
      .insertInto('reserve_mutation')
      .values([
        {
          municipality_code: MC,
          programme_id: programmeId,
          reserve_name: 'Reserve sociaal domein',
          year: 2015,
          kind: 'onttrekking',
          stage: 'realisatie',
          amount_thousands: 2_000,
        },
        {
          municipality_code: MC,
          programme_id: programmeId,
          reserve_name: 'Reserve sociaal domein',
          year: 2015,
          kind: 'storting',
          stage: 'realisatie',
          amount_thousands: 500,
        },
      ])
      .execute();
  });

  after(async () => {
    await grip?.close();
  });

  test('JSON: goals with indicator status, interventions by status, budget against realisation', async () => {
    const response = await adviseur.get(url(programmeId, '?year=2015'));
    assert.equal(response.statusCode, 200, response.body);
    const report = response.json() as ProgressReport;
    assert.equal(report.municipalityName, 'Hengelo');
    assert.equal(report.programme.code, 'T3.1');
    assert.deepEqual(report.summary.indicators, { 'op-koers': 1, 'niet-op-koers': 1, onbekend: 2 });
    assert.deepEqual(report.summary.interventions, {
      gepland: 0,
      gestart: 1,
      afgerond: 1,
      gestopt: 1,
      'niet-gestart': 0,
    });

    const [goal, loose] = report.goals;
    assert.equal(goal!.code, 'D1');
    const byCode = new Map(goal!.indicators.map((i) => [i.code, i]));
    const zelf = byCode.get('T-ZELF')!;
    assert.deepEqual(zelf.target, { year: 2015, value: 82 });
    assert.equal(zelf.realisation!.value, 83.5, 'the 2016 realisation is not used for 2015');
    assert.equal(zelf.status, 'op-koers');
    // Lower is better; the latest target before 2015 is the 2014 one.
    assert.deepEqual(byCode.get('T-EENZAAM')!.target, { year: 2014, value: 35 });
    assert.equal(byCode.get('T-EENZAAM')!.status, 'niet-op-koers');
    assert.equal(byCode.get('T-ONBEKEND')!.status, 'onbekend');
    assert.equal(loose!.id, null);
    assert.deepEqual(
      loose!.indicators.map((i) => [i.code, i.themeCode, i.status]),
      [['T-KLANTEN', 'TH2', 'onbekend']],
    );
    assert.match(loose!.indicators[0]!.source, /^Grip: .+ \(wmo-unieke-clienten v1\)$/);

    const names = report.interventions.flatMap((g) => g.items.map((v) => v.name));
    assert.ok(!names.includes('Oude regeling'), 'an intervention that ended before the year is left out');
    const stopped = report.interventions.find((g) => g.status === 'gestopt')!.items[0]!;
    assert.equal(stopped.statusReason, 'Te weinig aanmeldingen.');

    const { budget } = report;
    assert.deepEqual(
      budget.rows.map((t) => t.themeCode),
      ['TH1', 'TH2'],
    );
    assert.equal(budget.totals.lasten.begroting, 180_000);
    // TH2's budget was not changed: after changes it still counts with its begroting.
    assert.equal(budget.totals.lasten['begroting-na-wijziging'], 182_500.5);
    assert.equal(budget.rows[1]!.lasten['begroting-na-wijziging'], 30_000);
    assert.equal(budget.totals.lasten.realisatie, 183_905);
    assert.equal(budget.totals.baten.realisatie, 4_987);
    assert.equal(budget.difference.lasten, 1_404.5);
    // The arithmetic of the budget screen: saldo = lasten - baten, resultaat = saldo + storting - onttrekking.
    assert.equal(budget.totals.saldo.realisatie, 178_918);
    assert.equal(budget.totals.resultaat.realisatie, 178_918 + 500 - 2_000);
    assert.equal(budget.totals.baten['begroting-na-wijziging'], 4_000);
    assert.equal(budget.totals.saldo['begroting-na-wijziging'], 178_500.5);
    assert.equal(budget.difference.resultaat, 177_418 - 178_500.5);
    assert.equal(budget.publishedTotalDiffers, false);
  });

  test('a published programme total wins over the sum of its lines, and a difference is flagged', async () => {
    await grip.database.db
      .insertInto('budget_line')
      .values({
        municipality_code: MC,
        programme_id: programmeId,
        year: 2016,
        side: 'lasten',
        stage: 'realisatie',
        amount_thousands: 100_500,
      })
      .execute();
    const report = (await adviseur.get(url(programmeId, '?year=2016'))).json() as ProgressReport;
    assert.equal(report.budget.totals.lasten.realisatie, 100_500);
    assert.equal(report.budget.publishedTotalDiffers, true);
    assert.deepEqual(
      report.budget.rows.map((r) => [r.themeCode, r.lasten.realisatie]),
      [['TH2', 99_999]],
    );
  });

  test('PDF: the report in the language of a council report, read back as text', async () => {
    const response = await adviseur.get(url(programmeId, '/pdf?year=2015'));
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['content-type'], 'application/pdf');
    assert.match(String(response.headers['content-disposition']), /voortgangsrapportage-T3\.1-2015\.pdf/);
    const text = flat(pdfText(response.rawPayload));
    for (const expected of [
      'Voortgangsrapportage 2015',
      'Programma T3.1 Maatschappelijke ondersteuning (test)',
      'Gemeente Hengelo',
      'Samenvatting',
      'Van de 4 indicatoren ligt er 1 op koers en 1 niet op koers',
      '1. Wat wilden we bereiken?',
      'Doel D1: Inwoners wonen langer zelfstandig thuis',
      'Inwoners die zich zelfstandig redden (effectindicator); nulmeting 2014: 80%; streefwaarde 2015: 82%; realisatie 2015: 83,5%. Oordeel: op koers (hoger is beter). Bron: GGD Gezondheidsmonitor.',
      'Oordeel: niet op koers (lager is beter)',
      'Overige indicatoren van het programma',
      '2. Wat hebben we daarvoor gedaan?',
      'Afgerond (1)',
      'Bereikt resultaat: Negen van de tien meldingen binnen zes weken besproken.',
      'Gestopt (1)',
      'Pilot Ørsted-wijk',
      'Reden van stoppen: Te weinig aanmeldingen.',
      '3. Wat heeft het gekost?',
      'Totaal lasten',
      '183.905',
      '4.987',
      'Saldo (lasten min baten)',
      '178.918',
      'Resultaat',
      '177.418',
      'De lasten kwamen uit op € 183.905 duizend tegen € 182.500,5 duizend begroot',
      'Per saldo kostte het programma € 177.418 duizend',
      'dat is € 1.082,5 duizend minder dan begroot (voordelig)',
      'Pagina 1 van',
    ]) {
      assert.ok(text.includes(expected), `PDF text should contain "${expected}"\n---\n${text}`);
    }
  });

  test('XLSX: summary, indicators, interventions and budget sheets with numbers as numbers', async () => {
    const response = await adviseur.get(url(programmeId, '/xlsx?year=2015'));
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(
      response.headers['content-type'],
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const files = unzip(response.rawPayload);
    const workbook = files.get('xl/workbook.xml')!;
    for (const name of ['Samenvatting', 'Indicatoren', 'Interventies', 'Financien 2015'])
      assert.ok(workbook.includes(`name="${name}"`), name);
    const budget = files.get('xl/worksheets/sheet4.xml')!;
    assert.ok(budget.includes('<v>183905</v>'), 'total lasten as a number');
    assert.ok(budget.includes('<v>178918</v>'), 'saldo as a number');
    assert.ok(files.get('xl/worksheets/sheet2.xml')!.includes('niet op koers'));
    assert.ok(files.get('xl/worksheets/sheet3.xml')!.includes('Te weinig aanmeldingen.'));
  });

  test('a year without figures gives an empty but readable report', async () => {
    const response = await adviseur.get(url(programmeId, '?year=2030'));
    assert.equal(response.statusCode, 200);
    const report = response.json() as ProgressReport;
    assert.equal(report.budget.rows.length, 0);
    assert.equal(report.budget.totals.lasten.realisatie, null);
    const pdf = await adviseur.get(url(programmeId, '/pdf?year=2030'));
    assert.ok(
      flat(pdfText(pdf.rawPayload)).includes('Voor 2030 zijn nog geen begrotingscijfers vastgelegd.'),
    );
  });

  test('a computed indicator is computed from Grip’s own data for the report year', async () => {
    const year = Number(new Date().toISOString().slice(0, 4));
    const report = (await adviseur.get(url(programmeId, `?year=${year}`))).json() as ProgressReport;
    const computed = report.goals.flatMap((g) => g.indicators).find((i) => i.code === 'T-KLANTEN')!;
    assert.equal(computed.sourceKind, 'berekend');
    assert.ok(computed.realisation, 'a computed realisation for the year');
    assert.equal(typeof computed.realisation.value, 'number');
    assert.match(computed.realisation.source, /^Grip: wmo-unieke-clienten v1$/);
  });

  test('bad input is refused; another municipality’s programme is not found', async () => {
    for (const query of ['', '?year=abc', '?year=1999', '?year=2015.5', '?year=2015&extra=1']) {
      const response = await adviseur.get(url(programmeId, query));
      assert.equal(response.statusCode, 400, `${query}: ${response.body}`);
    }
    assert.equal((await adviseur.get(url('not-a-uuid', '?year=2015'))).statusCode, 400);
    for (const suffix of ['', '/pdf', '/xlsx']) {
      const unknown = await adviseur.get(url('00000000-0000-4000-8000-000000000000', `${suffix}?year=2015`));
      assert.equal(unknown.statusCode, 404);
      const foreign = await adviseur.get(url(otherProgrammeId, `${suffix}?year=2015`));
      assert.equal(foreign.statusCode, 404, 'Enschede’s programme is invisible in Hengelo');
    }
    const enschede = await grip.login('beleidsadviseur', 'GM0153');
    assert.equal((await enschede.get(url(otherProgrammeId, '?year=2015'))).statusCode, 200);
  });

  test('only the beleidsadviseur reads the report', async () => {
    for (const role of ['regisseur', 'toegang-medewerker', 'aanbieder', 'inwoner'] as const) {
      const client = await grip.login(role);
      assert.equal((await client.get(url(programmeId, '?year=2015'))).statusCode, 403, role);
    }
    assert.equal((await grip.anonymous().get(url(programmeId, '?year=2015'))).statusCode, 401);
  });
});
