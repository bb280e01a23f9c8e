/**
 * Exports of the dashboard (issue 8, point 9) on a generated municipality: every view as CSV (Excel-NL:
 * BOM, semicolons, CRLF, decimal commas) and as XLSX with exactly the suppressed cells of the screen, a
 * header with view, filters, data version and the suppression rule, and the definitions; the whole
 * dashboard as a council PDF whose text is read back (Dutch and English). Bad input is refused with
 * problem+json, and only dashboard readers may export.
 */
import assert from 'node:assert/strict';
import { inflateRawSync, inflateSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import type { ViewResponse } from '../../src/dashboard/dashboard-service.ts';
import { cellText, chartOf } from '../../src/dashboard/export/dashboard-pdf.ts';
import { viewCsv } from '../../src/dashboard/export/view-csv.ts';
import { sheetName, viewXlsx } from '../../src/dashboard/export/view-xlsx.ts';
import { fullRefresh } from '../../src/dashboard/refresh.ts';
import { DASHBOARD_VIEWS, FIGURE_DEFINITIONS } from '../../src/dashboard/registry.ts';
import type { Cell, Measure } from '../../src/dashboard/view-model.ts';
import { generateMunicipality } from '../../src/generator/generate.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

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
    for (const op of content.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g))
      lines.push(decoder.decode(Buffer.from(op[1]!, 'hex')));
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

const unxml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/** A worksheet's cells by row: numbers as numbers, inline strings as text. */
function sheetRows(xml: string): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (const row of xml.matchAll(/<row r="(\d+)">(.*?)<\/row>/g)) {
    const cells: (string | number)[] = [];
    for (const c of row[2]!.matchAll(
      /<c r="([A-Z]+)\d+"[^>]*>(?:<v>([^<]*)<\/v>|<is><t[^>]*>([^<]*)<\/t><\/is>)<\/c>/g,
    )) {
      let index = 0;
      for (const ch of c[1]!) index = index * 26 + (ch.charCodeAt(0) - 64);
      cells[index - 1] = c[2] !== undefined ? Number(c[2]) : unxml(c[3]!);
    }
    rows[Number(row[1]) - 1] = cells;
  }
  return rows;
}

/** Splits CSV in the export's dialect (semicolons, double quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

/** What the CSV must say for a cell the screen shows. */
function csvCell(cell: Cell | undefined, measure: Measure, threshold: number): string {
  if (cell === null || cell === undefined) return '';
  if (cell === '<10') return `<${threshold}`;
  if (cell === 'x') return 'x';
  if (measure.kind === 'money') return (cell / 100).toFixed(2).replace('.', ',');
  if (measure.kind === 'percentage') return cell.toFixed(1).replace('.', ',');
  if (measure.kind === 'days' || measure.kind === 'score') return cell.toFixed(2).replace('.', ',');
  return String(cell).replace('.', ',');
}

const flat = (text: string) => text.replace(/\s+/g, ' ');
const PERIOD = 'from=2026-01&to=2026-06';

describe('dashboard exports on a generated municipality', () => {
  let grip: TestApp;
  let beleid: Client;
  const screens = new Map<string, ViewResponse>();

  before(async () => {
    grip = await createTestApp();
    await generateMunicipality(grip.database, {
      municipality: 'GM0164',
      inhabitants: 3_000,
      years: 1,
      seed: 21,
      until: '2026-06',
    });
    await fullRefresh(grip.database, 'GM0164');
    beleid = await grip.login('beleidsadviseur');
    for (const view of DASHBOARD_VIEWS) {
      const response = await beleid.get(`/api/v1/dashboard/views/${view.code}?${PERIOD}`);
      assert.equal(response.statusCode, 200, response.body);
      screens.set(view.code, response.json());
    }
  });
  after(async () => {
    await grip.database.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await grip.close();
  });

  test('CSV of every view: the header, and exactly the cells of the screen, table by table', async () => {
    let compared = 0;
    let hiddenSeen = 0;
    for (const view of DASHBOARD_VIEWS) {
      const screen = screens.get(view.code)!;
      const response = await beleid.get(`/api/v1/dashboard/views/${view.code}/csv?${PERIOD}`);
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.headers['content-type'], 'text/csv; charset=utf-8; header=present');
      assert.equal(
        response.headers['content-disposition'],
        `attachment; filename="dashboard-${view.code}-2026-01-tm-2026-06.csv"`,
      );
      const body = response.rawPayload.toString('utf8');
      assert.ok(body.startsWith('\uFEFF'), 'UTF-8 byte order mark for Excel');
      assert.ok(body.endsWith('\r\n'));
      assert.ok(!/[^\r]\n/.test(body), 'every line ends in CRLF');
      const lines = parseCsv(body.slice(1));
      const header = new Map(lines.slice(0, 10).map((l) => [l[0], l[1]]));
      assert.equal(header.get('Dashboard sociaal domein'), screen.view.title.nl);
      assert.equal(header.get('Gemeente'), 'Hengelo (GM0164)');
      assert.equal(header.get('Periode'), 'januari 2026 t/m juni 2026');
      assert.equal(header.get('Filters'), 'geen (hele gemeente)');
      assert.equal(header.get('Dataversie'), String(screen.dataVersion));
      assert.equal(header.get('Kleine aantallen'), screen.suppression.rule.nl);
      assert.equal(header.get('Drempel'), '10');

      let at = 10;
      for (const table of screen.tables) {
        at = lines.findIndex((l, i) => i >= at && l.length === 1 && l[0] === table.title.nl);
        assert.ok(at > 0, `${view.code}: block of "${table.title.nl}"`);
        at += table.description ? 2 : 1;
        assert.deepEqual(
          lines[at]!.slice(1).length,
          table.measures.length,
          `${table.code}: one column per measure`,
        );
        assert.equal(lines[at]![0], table.dimension.label.nl);
        at++;
        for (const row of table.rows) {
          // A group's subtotal line comes before the first row of the group.
          if (lines[at]![0] !== row.label.nl && lines[at]![0]!.endsWith('(totaal)')) at++;
          assert.equal(lines[at]![0], row.label.nl, `${table.code}: row ${row.key}`);
          table.measures.forEach((m, i) => {
            const cell = row.values[m.code];
            if (cell === '<10' || cell === 'x') hiddenSeen++;
            assert.equal(
              lines[at]![i + 1],
              csvCell(cell, m, 10),
              `${view.code}/${table.code}/${row.key}/${m.code}`,
            );
            compared++;
          });
          at++;
        }
        if (table.total) {
          assert.equal(lines[at]![0], 'Totaal');
          table.measures.forEach((m, i) =>
            assert.equal(lines[at]![i + 1], csvCell(table.total![m.code], m, 10)),
          );
          at++;
        }
      }
      const definitions = lines.findIndex((l) => l.length === 1 && l[0] === 'Definities');
      const codes = new Set(screen.tables.flatMap((t) => t.measures.map((m) => m.definition)));
      const known = [...codes].filter((c) => FIGURE_DEFINITIONS.some((d) => d.code === c));
      if (known.length > 0) {
        assert.ok(definitions > 0, `${view.code}: definitions block`);
        const listed = lines.slice(definitions + 2).map((l) => l[0]);
        for (const code of known) assert.ok(listed.includes(code), `${view.code}: definition ${code} listed`);
      }
    }
    assert.ok(compared > 100, `compared ${compared} cells`);
    assert.ok(hiddenSeen > 0, 'some cells are hidden on screen and in the CSV');
  });

  test('CSV with filters and in English: the filters named, English words, same cells', async () => {
    const options = (await beleid.get('/api/v1/dashboard/filter-options')).json();
    const wijk = options.wijken[0];
    const query = `${PERIOD}&law=wmo&ageGroup=75%2B&wijk=${wijk.code}`;
    const screen = (await beleid.get(`/api/v1/dashboard/views/volumes?${query}`)).json();
    const nl = parseCsv(
      (await beleid.get(`/api/v1/dashboard/views/volumes/csv?${query}`)).rawPayload.toString('utf8').slice(1),
    );
    assert.equal(
      new Map(nl.map((l) => [l[0], l[1]])).get('Filters'),
      `Wet: Wmo; Wijk: ${wijk.name} (${wijk.code}); Leeftijdsgroep: 75+ jaar`,
    );
    const en = await beleid.get(`/api/v1/dashboard/views/volumes/csv?${query}`, {
      'accept-language': 'en-GB,en;q=0.9',
    });
    const lines = parseCsv(en.rawPayload.toString('utf8').slice(1));
    const header = new Map(lines.map((l) => [l[0], l[1]]));
    assert.equal(header.get('Social domain dashboard'), screen.view.title.en);
    assert.equal(header.get('Period'), 'January 2026 to June 2026');
    assert.equal(header.get('Small counts'), screen.suppression.rule.en);
    for (const table of screen.tables)
      assert.ok(
        lines.some((l) => l[0] === table.title.en),
        table.code,
      );
  });

  test('XLSX of every view: an explanation sheet, one sheet per table with the cells of the screen, the definitions', async () => {
    let compared = 0;
    for (const view of DASHBOARD_VIEWS) {
      const screen = screens.get(view.code)!;
      const response = await beleid.get(`/api/v1/dashboard/views/${view.code}/xlsx?${PERIOD}`);
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(
        response.headers['content-type'],
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      assert.match(
        String(response.headers['content-disposition']),
        new RegExp(`dashboard-${view.code}-2026-01-tm-2026-06\\.xlsx`),
      );
      const files = unzip(response.rawPayload);
      const names = [...files.get('xl/workbook.xml')!.matchAll(/<sheet name="([^"]*)"/g)].map((m) =>
        unxml(m[1]!),
      );
      assert.equal(names[0], 'Toelichting');
      const about = sheetRows(files.get('xl/worksheets/sheet1.xml')!);
      const aboutMap = new Map(about.map((r) => [r[0], r[1]]));
      assert.equal(aboutMap.get('Dataversie'), String(screen.dataVersion));
      assert.equal(aboutMap.get('Kleine aantallen'), screen.suppression.rule.nl);
      screen.tables.forEach((table, t) => {
        const rows = sheetRows(files.get(`xl/worksheets/sheet${t + 2}.xml`)!);
        assert.equal(rows[0]![0], table.dimension.label.nl);
        let r = 1;
        for (const row of table.rows) {
          if (rows[r]![0] !== row.label.nl && String(rows[r]![0]).endsWith('(totaal)')) r++;
          assert.equal(rows[r]![0], row.label.nl);
          table.measures.forEach((m, i) => {
            const cell = row.values[m.code];
            const expected =
              cell === '<10' ? '<10' : typeof cell === 'number' && m.kind === 'money' ? cell / 100 : cell;
            assert.equal(rows[r]![i + 1] ?? null, expected ?? null, `${table.code}/${row.key}/${m.code}`);
            compared++;
          });
          r++;
        }
        assert.ok(
          rows.some((cells) => cells?.[0] === table.title.nl),
          `${table.code}: title under the table`,
        );
      });
      if (
        screen.tables.some((t) =>
          t.measures.some((m) => FIGURE_DEFINITIONS.some((d) => d.code === m.definition)),
        )
      )
        assert.equal(names.at(-1), 'Definities');
    }
    assert.ok(compared > 100, `compared ${compared} cells`);
  });

  test('council PDF: title page, every view and table, the rule and the definitions; in English too', async () => {
    const response = await beleid.get(`/api/v1/dashboard/report/pdf?${PERIOD}`);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['content-type'], 'application/pdf');
    assert.match(
      String(response.headers['content-disposition']),
      /dashboard-sociaal-domein-2026-01-tm-2026-06\.pdf/,
    );
    const text = flat(pdfText(response.rawPayload));
    const dataVersion = screens.get('volumes')!.dataVersion;
    for (const expected of [
      'Dashboard sociaal domein',
      'Gemeente Hengelo',
      'Periode: januari 2026 t/m juni 2026',
      `Dataversie ${dataVersion}`,
      'Inhoud',
      'Kleine aantallen',
      'Bijlage: definities',
      'Pagina 1 van',
    ])
      assert.ok(text.includes(expected), `PDF text should contain "${expected}"`);
    DASHBOARD_VIEWS.forEach((view, i) => assert.ok(text.includes(`${i + 1}. ${view.title.nl}`), view.code));
    let hidden = false;
    for (const screen of screens.values()) {
      for (const table of screen.tables) {
        assert.ok(text.includes(flat(table.title.nl)), `table "${table.title.nl}"`);
        hidden ||= table.rows.some((r) => Object.values(r.values).includes('<10'));
      }
      for (const m of screen.tables.flatMap((t) => t.measures)) {
        const d = FIGURE_DEFINITIONS.find((x) => x.code === m.definition);
        if (d)
          assert.ok(
            text.includes(
              flat(
                `${d.name.nl.replace(/→/g, '->').replace(/−/g, '-').replace(/≥/g, '>=').replace(/≤/g, '<=')} (${d.code}`,
              ),
            ),
            `definition ${d.code}`,
          );
      }
    }
    if (hidden) assert.ok(text.includes('<10'), 'hidden cells printed as on screen');

    const en = await beleid.get(`/api/v1/dashboard/report/pdf?${PERIOD}&law=wmo`, {
      'accept-language': 'en',
    });
    assert.equal(en.statusCode, 200);
    const english = flat(pdfText(en.rawPayload));
    for (const expected of [
      'Social domain dashboard',
      'Municipality Hengelo',
      'Period: January 2026 to June 2026',
      'Law: Wmo',
      'Appendix: definitions',
      'Small counts',
    ])
      assert.ok(english.includes(expected), `English PDF should contain "${expected}"`);
  });

  test('bad input: a wrong period, unknown fields or areas → 400 problem+json with field details; unknown view → 404', async () => {
    for (const path of ['/views/volumes/csv', '/views/volumes/xlsx', '/report/pdf']) {
      for (const query of [
        'from=2026-13',
        'from=2026-06&to=2026-01',
        'law=bijstand',
        'wijk=WK999999',
        'service=niet-een-uuid',
        'bogus=1',
      ]) {
        const response = await beleid.get(`/api/v1/dashboard${path}?${query}`);
        assert.equal(response.statusCode, 400, `${path}?${query}: ${response.body}`);
        assert.match(String(response.headers['content-type']), /application\/problem\+json/);
        const problem = response.json();
        assert.ok(problem.invalidParams.length > 0, `${path}?${query}`);
        assert.ok(problem.nl.detail && problem.en.detail);
      }
    }
    for (const path of ['/views/bestaat-niet/csv', '/views/bestaat-niet/xlsx'])
      assert.equal((await beleid.get(`/api/v1/dashboard${path}`)).statusCode, 404, path);
  });

  test('with a threshold of 15 the exports label small counts "<15", as the rule of the screen says', async () => {
    const db = grip.database.db;
    await db
      .updateTable('municipality')
      .set({ suppression_threshold: 15 } as never)
      .where('code', '=', 'GM0164')
      .execute();
    try {
      const screen = (await beleid.get(`/api/v1/dashboard/views/volumes?${PERIOD}`)).json() as ViewResponse;
      assert.equal(screen.suppression.threshold, 15);
      const lines = parseCsv(
        (await beleid.get(`/api/v1/dashboard/views/volumes/csv?${PERIOD}`)).rawPayload
          .toString('utf8')
          .slice(1),
      );
      assert.equal(new Map(lines.map((l) => [l[0], l[1]])).get('Drempel'), '15');
      const small = screen.tables
        .flatMap((t) => [
          ...t.rows.map((r) => r.values),
          ...(t.groups ?? []).map((g) => g.values),
          ...(t.total ? [t.total] : []),
        ])
        .flatMap((values) => Object.values(values))
        .filter((c) => c === '<10').length;
      const labelled = lines.flat().filter((c) => c === '<15').length;
      assert.ok(small > 0, 'some small counts at 15');
      assert.equal(labelled, small, 'every small count of the screen, labelled with the threshold');
      assert.ok(!lines.flat().includes('<10'));
      const text = flat(pdfText((await beleid.get(`/api/v1/dashboard/report/pdf?${PERIOD}`)).rawPayload));
      assert.ok(text.includes('"<15" = 1 tot 15'), 'the PDF explains the label');
    } finally {
      await db
        .updateTable('municipality')
        .set({ suppression_threshold: 10 } as never)
        .where('code', '=', 'GM0164')
        .execute();
    }
  });

  test('only dashboard readers may export', async () => {
    const anonymous = grip.anonymous();
    const resident = await grip.login('inwoner');
    const provider = await grip.login('aanbieder');
    for (const path of ['/views/volumes/csv', '/views/volumes/xlsx', '/report/pdf']) {
      assert.equal((await anonymous.get(`/api/v1/dashboard${path}`)).statusCode, 401, path);
      assert.equal((await resident.get(`/api/v1/dashboard${path}`)).statusCode, 403, path);
      assert.equal((await provider.get(`/api/v1/dashboard${path}`)).statusCode, 403, path);
    }
  });
});

describe('dashboard export writers (pure)', () => {
  const view: ViewResponse = {
    view: { code: 'test', title: { nl: 'Proef', en: 'Trial' }, description: { nl: '', en: '' } },
    filters: { from: '2026-01', to: '2026-03' },
    dataVersion: 4,
    refreshedAt: '2026-04-01T08:00:00.000Z',
    suppression: { threshold: 15, rule: { nl: 'Regel', en: 'Rule' } },
    tables: [
      {
        code: 't',
        title: { nl: 'Kosten; per "soort"', en: 'Costs' },
        dimension: { code: 'service', label: { nl: 'Voorziening', en: 'Service' } },
        measures: [
          { code: 'n', label: { nl: 'Cliënten', en: 'Clients' }, kind: 'persons', definition: 'd1' },
          {
            code: 'eur',
            label: { nl: 'Kosten', en: 'Costs' },
            kind: 'money',
            definition: 'd2',
            basisMeasure: 'n',
          },
          { code: 'pct', label: { nl: 'Aandeel', en: 'Share' }, kind: 'percentage', definition: 'd2' },
        ],
        rows: [
          { key: 'a', label: { nl: '=SOM(A1)', en: '=SUM(A1)' }, values: { n: 120, eur: 123456, pct: 12.5 } },
          { key: 'b', label: { nl: 'Hulp; thuis', en: 'Help' }, values: { n: '<10', eur: 'x', pct: null } },
        ],
        total: { n: 'x', eur: 'x', pct: null },
        chart: 'bar',
        notes: [{ nl: 'Een noot', en: 'A note' }],
        suppressed: { primary: 1, secondary: 3 },
      },
    ],
  };
  const context = {
    language: 'nl' as const,
    municipality: { code: 'GM0164', name: 'Hengelo' },
    filterNames: {},
    generatedAt: '2026-04-02T09:00:00.000Z',
  };
  const definitions = [
    {
      code: 'd1',
      version: 2,
      name: { nl: 'Cliënten', en: 'Clients' },
      description: { nl: 'Telt; uniek', en: 'Counts' },
      source: 'dash_x',
    },
  ];

  test('CSV: decimal commas, euros, the threshold in the label, quoted separators, formulas made harmless', () => {
    const csv = viewCsv(view, context, definitions);
    const lines = parseCsv(csv.slice(1));
    const at = lines.findIndex((l) => l[0] === 'Kosten; per "soort"');
    assert.ok(csv.includes('"Kosten; per ""soort"""'), 'a title with ; and " is quoted');
    assert.deepEqual(lines[at + 1], ['Voorziening', 'Cliënten', 'Kosten (€)', 'Aandeel (%)']);
    assert.deepEqual(lines[at + 2], ["'=SOM(A1)", '120', '1234,56', '12,5']);
    assert.deepEqual(lines[at + 3], ['Hulp; thuis', '<15', 'x', '']);
    assert.deepEqual(lines[at + 4], ['Totaal', 'x', 'x', '']);
    assert.deepEqual(lines[at + 5], ['Toelichting', 'Een noot']);
    assert.deepEqual(lines.at(-1), ['d1', 'Cliënten', '2', 'Telt; uniek', 'dash_x']);
    assert.ok(!lines.some((l) => l[0] === 'd2'), 'an unknown definition is not invented');
  });

  test('XLSX: valid unique sheet names; money in euros as numbers', () => {
    const taken = new Set<string>();
    assert.equal(sheetName('Toelichting', taken), 'Toelichting');
    assert.equal(sheetName('Toelichting', taken), 'Toelichting (2)');
    assert.equal(sheetName('Wat/kost: het [per] maand? * en nog veel meer tekst', taken).length <= 31, true);
    assert.equal(sheetName('', taken), 'Tabel');
    const files = unzip(viewXlsx(view, context, definitions));
    const rows = sheetRows(files.get('xl/worksheets/sheet2.xml')!);
    assert.deepEqual(rows[1], ["'=SOM(A1)", 120, 1234.56, 12.5]);
    assert.deepEqual(rows[2], ['Hulp; thuis', '<15', 'x']);
  });

  test('PDF figures and bars: Dutch notation, hidden cells without a bar, stacked series', () => {
    const [persons, money, pct] = view.tables[0]!.measures as [Measure, Measure, Measure];
    assert.equal(cellText(1234, persons, 10, 'nl'), '1.234');
    assert.equal(cellText(123456, money, 10, 'nl'), '€ 1.235');
    assert.equal(cellText(12.5, pct, 10, 'en'), '12.5%');
    assert.equal(cellText('<10', persons, 15, 'nl'), '<15');
    assert.equal(cellText(null, persons, 10, 'nl'), '–');
    const single = chartOf(view.tables[0]!, 15, 'nl')!;
    assert.deepEqual(single.series, ['Cliënten']);
    assert.deepEqual(
      single.rows.map((r) => [r.segments, r.text]),
      [
        [[120], '120'],
        [[0], '<15'],
      ],
    );
    const stacked = chartOf(
      {
        ...view.tables[0]!,
        series: { code: 'law', label: { nl: 'Wet', en: 'Law' } },
        measures: [persons, { ...persons, code: 'm' }],
        rows: [{ key: 'a', label: { nl: 'jan', en: 'Jan' }, values: { n: 30, m: 'x' } }],
        chart: 'stacked-bar',
      },
      10,
      'nl',
    )!;
    assert.deepEqual(stacked.rows[0], { label: 'jan', segments: [30, 0], text: '30 + x' });
    assert.equal(chartOf({ ...view.tables[0]!, chart: 'table' }, 10, 'nl'), null);
  });
});
