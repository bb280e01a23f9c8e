import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { VindplaatsKind } from '../../src/areas/areas-seed.ts';
import type { Channel } from '../../src/intake/help-question-schemas.ts';
import { suppressSmallCounts } from '../../src/intake/report-suppression.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

/**
 * The registration report: counts by each dimension over a period of Dutch calendar days, small counts
 * suppressed (also secondarily), the CSV and XLSX exports, and bad input refused.
 */

let serial = 0;

async function vindplaatsId(grip: TestApp, municipalityCode: string, kind: VindplaatsKind): Promise<string> {
  const row = await grip.database.db
    .selectFrom('vindplaats')
    .select('id')
    .where('municipality_code', '=', municipalityCode)
    .where('kind', '=', kind)
    .orderBy('name')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function household(grip: TestApp, municipalityCode: string, buurtCode: string): Promise<string> {
  serial++;
  const address = await grip.database.db
    .insertInto('address')
    .values({
      municipality_code: municipalityCode,
      street: 'Teststraat',
      house_number: serial,
      postcode: '7551AB',
      city: 'Hengelo',
      buurt_code: buurtCode,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await grip.database.db
    .insertInto('household')
    .values({ municipality_code: municipalityCode, address_id: address.id, formed_on: '2020-01-01' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function questions(
  grip: TestApp,
  n: number,
  q: {
    municipalityCode?: string;
    receivedAt: string;
    channel: Channel;
    vindplaatsId: string;
    types: string[];
    householdId?: string | null;
    outcome?: 'informatie-advies' | 'melding' | null;
  },
): Promise<void> {
  const m = q.municipalityCode ?? 'GM0164';
  for (let i = 0; i < n; i++) {
    serial++;
    const row = await grip.database.db
      .insertInto('help_question')
      .values({
        municipality_code: m,
        reference: `HV-2026-${String(serial).padStart(6, '0')}`,
        received_at: q.receivedAt,
        channel: q.channel,
        vindplaats_id: q.vindplaatsId,
        question_types: q.types,
        household_id: q.householdId ?? null,
        status: 'open',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (q.outcome) {
      await grip.database.db
        .insertInto('triage')
        .values({
          municipality_code: m,
          help_question_id: row.id,
          outcome: q.outcome,
          decided_at: q.receivedAt,
        })
        .execute();
    }
  }
}

const MARCH = 'fromDate=2026-03-01&toDate=2026-03-31';

describe('registration report of help questions', () => {
  let grip: TestApp;
  let beleid: Client;
  before(async () => {
    grip = await createTestApp();
    beleid = await grip.login('beleidsadviseur');
    const zorgloket = await vindplaatsId(grip, 'GM0164', 'zorgloket');
    const online = await vindplaatsId(grip, 'GM0164', 'online');
    const inWijk01 = await household(grip, 'GM0164', 'BU01640100');
    const inWijk02 = await household(grip, 'GM0164', 'BU01640201');
    await questions(grip, 25, {
      receivedAt: '2026-03-10T09:00:00Z',
      channel: 'telefoon',
      vindplaatsId: zorgloket,
      types: ['inkomen'],
      outcome: 'informatie-advies',
    });
    await questions(grip, 12, {
      receivedAt: '2026-03-11T10:00:00Z',
      channel: 'balie',
      vindplaatsId: zorgloket,
      types: ['schulden', 'inkomen'],
      householdId: inWijk01,
      outcome: 'melding',
    });
    await questions(grip, 3, {
      receivedAt: '2026-03-12T11:00:00Z',
      channel: 'online',
      vindplaatsId: online,
      types: ['wonen'],
      householdId: inWijk02,
    });
    // 00:30 on 1 March in the Netherlands: in the period; 00:30 on 1 April (summer time): outside it.
    await questions(grip, 1, {
      receivedAt: '2026-02-28T23:30:00Z',
      channel: 'email',
      vindplaatsId: zorgloket,
      types: ['wonen'],
    });
    await questions(grip, 4, {
      receivedAt: '2026-03-31T22:30:00Z',
      channel: 'email',
      vindplaatsId: zorgloket,
      types: ['wonen'],
    });
    // Enschede's questions never count in Hengelo's report.
    await questions(grip, 30, {
      municipalityCode: 'GM0153',
      receivedAt: '2026-03-10T09:00:00Z',
      channel: 'telefoon',
      vindplaatsId: await vindplaatsId(grip, 'GM0153', 'zorgloket'),
      types: ['inkomen'],
    });
  });
  after(() => grip.close());

  const row = (report: any, key: string) => report.rows.find((r: any) => r.key === key);

  test('by channel: every channel listed, small counts "<10", one more hidden so they cannot be worked out', async () => {
    const response = await beleid.get(`/api/v1/reports/help-questions?${MARCH}&groupBy=channel`);
    assert.equal(response.statusCode, 200, response.body);
    assert.match(String(response.headers['content-type']), /application\/json/);
    const report = response.json();
    assert.deepEqual(report.groupBy, ['channel']);
    assert.equal(report.columnDimension, null);
    assert.deepEqual(
      report.rows.map((r: any) => r.key),
      ['telefoon', 'balie', 'online', 'email', 'huisbezoek', 'spreekuur', 'brief'],
    );
    assert.equal(row(report, 'telefoon').total, 25);
    assert.equal(row(report, 'online').total, '<10');
    assert.equal(row(report, 'email').total, '<10');
    // 3 + 1 hidden with the total shown: the next smallest (balie, 12) is hidden too.
    assert.equal(row(report, 'balie').total, 'x');
    assert.equal(row(report, 'brief').total, 0);
    assert.equal(report.totals.total, 41);
    assert.deepEqual(report.meta.suppressedCells, { small: 2, secondary: 1 });
    assert.match(report.meta.suppression.nl, /<10/);
    assert.match(report.meta.suppression.en, /<10/);
  });

  test('by type: a question of two types counts under each; the total counts it once, and meta says so', async () => {
    const report = (await beleid.get(`/api/v1/reports/help-questions?${MARCH}&groupBy=type`)).json();
    assert.equal(report.rows.length, 16);
    assert.equal(row(report, 'inkomen').total, 37);
    assert.equal(row(report, 'wonen').total, '<10');
    assert.equal(
      row(report, 'schulden').total,
      'x',
      'hidden with wonen, which would be the total minus the rest',
    );
    assert.equal(report.totals.total, 41);
    assert.match(report.meta.counting.nl, /telt bij elke soort mee/);
    assert.match(report.meta.counting.en, /counts under each of its types/);
  });

  test('by outcome and by wijk ("onbekend" for anonymous questions)', async () => {
    const outcome = (await beleid.get(`/api/v1/reports/help-questions?${MARCH}&groupBy=outcome`)).json();
    assert.equal(row(outcome, 'informatie-advies').total, 25);
    assert.equal(row(outcome, 'geen-triage').total, '<10');
    assert.equal(row(outcome, 'melding').total, 'x');
    assert.equal(row(outcome, 'geen-triage').label, 'Nog geen triage');
    const wijk = (await beleid.get(`/api/v1/reports/help-questions?${MARCH}&groupBy=wijk`)).json();
    assert.equal(row(wijk, 'onbekend').total, 26);
    assert.equal(row(wijk, 'WK016402').total, '<10');
    assert.equal(row(wijk, 'WK016401').total, 'x');
    assert.ok(wijk.rows.length > 5, 'every wijk of Hengelo is listed');
    assert.ok(!JSON.stringify(wijk).includes('WK0153'), 'no wijk of Enschede');
  });

  test('by vindplaats and channel as a cross table, with row and column totals protected', async () => {
    const report = (
      await beleid.get(`/api/v1/reports/help-questions?${MARCH}&groupBy=vindplaats,channel`)
    ).json();
    assert.equal(report.columnDimension.key, 'channel');
    assert.equal(report.columns.length, 7);
    const zorgloket = report.rows.find((r: any) => r.label === 'Zorgloket Hengelo');
    const cell = (r: any, channel: string) =>
      r.cells[report.columns.findIndex((c: any) => c.key === channel)];
    assert.equal(cell(zorgloket, 'telefoon'), 25);
    assert.equal(cell(zorgloket, 'email'), '<10');
    assert.equal(cell(zorgloket, 'balie'), 'x');
    const online = report.rows.find((r: any) => r.label === 'Online aanmeldformulier');
    assert.equal(cell(online, 'online'), '<10');
    assert.equal(online.total, '<10');
    // Otherwise the online form's 3 would be the grand total (41) minus the Zorgloket's 38.
    assert.equal(zorgloket.total, 'x');
    assert.equal(report.totals.total, 41);
    // No line (row or column, with its total) has exactly one hidden count.
    const lines = [
      ...report.rows.map((r: any) => [...r.cells, r.total]),
      [...report.totals.cells, report.totals.total],
      ...report.columns.map((_: unknown, i: number) => [
        ...report.rows.map((r: any) => r.cells[i]),
        report.totals.cells[i],
      ]),
      [...report.rows.map((r: any) => r.total), report.totals.total],
    ];
    for (const line of lines) {
      const hidden = line.filter((v: unknown) => typeof v === 'string').length;
      assert.notEqual(hidden, 1, JSON.stringify(line));
    }
  });

  test('CSV: UTF-8 with BOM, semicolons, Dutch headers, file name; also by Accept header', async () => {
    for (const response of [
      await beleid.get(`/api/v1/reports/help-questions.csv?${MARCH}&groupBy=channel`),
      await beleid.get(`/api/v1/reports/help-questions?${MARCH}&groupBy=channel`, { accept: 'text/csv' }),
    ]) {
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /^text\/csv; charset=utf-8/);
      assert.equal(
        response.headers['content-disposition'],
        'attachment; filename="hulpvragen-kanaal-2026-03-01-tm-2026-03-31.csv"',
      );
      const bytes = response.rawPayload;
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').split('\r\n');
      assert.equal(lines[0], 'Kanaal;Aantal hulpvragen');
      assert.equal(lines[1], 'Telefoon;25');
      assert.equal(lines[2], 'Balie;x');
      assert.equal(lines[3], 'Online;<10');
      assert.ok(lines.includes('E-mail;<10'));
      assert.ok(lines.includes('Totaal;41'));
    }
    const cross = await beleid.get(`/api/v1/reports/help-questions.csv?${MARCH}&groupBy=outcome,channel`);
    const header = cross.rawPayload.subarray(3).toString('utf8').split('\r\n')[0];
    assert.equal(header, 'Uitkomst triage;Telefoon;Balie;Online;E-mail;Huisbezoek;Spreekuur;Brief;Totaal');
  });

  test('XLSX: a workbook with the table and an explanation sheet', async () => {
    const response = await beleid.get(`/api/v1/reports/help-questions.xlsx?${MARCH}&groupBy=channel`);
    assert.equal(response.statusCode, 200);
    assert.equal(
      response.headers['content-type'],
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    assert.equal(
      response.headers['content-disposition'],
      'attachment; filename="hulpvragen-kanaal-2026-03-01-tm-2026-03-31.xlsx"',
    );
    const files = unzip(response.rawPayload);
    assert.ok(files.has('[Content_Types].xml') && files.has('xl/workbook.xml'));
    assert.match(files.get('xl/workbook.xml')!, /<sheet name="Hulpvragen"[^>]*\/><sheet name="Toelichting"/);
    const sheet = files.get('xl/worksheets/sheet1.xml')!;
    assert.match(sheet, /<c r="A1" s="1" t="inlineStr"><is><t>Kanaal<\/t><\/is><\/c>/);
    assert.match(sheet, /<c r="A2" t="inlineStr"><is><t>Telefoon<\/t><\/is><\/c><c r="B2"><v>25<\/v><\/c>/);
    assert.match(sheet, /<t>&lt;10<\/t>/);
    assert.match(sheet, /<t>Totaal<\/t><\/is><\/c><c r="B9"><v>41<\/v>/);
    assert.match(files.get('xl/worksheets/sheet2.xml')!, /2026-03-01 tot en met 2026-03-31/);
    const byAccept = await beleid.get(`/api/v1/reports/help-questions?${MARCH}&groupBy=channel`, {
      accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    assert.deepEqual(byAccept.rawPayload, response.rawPayload);
  });

  test('bad input is refused with problem+json in Dutch and English', async () => {
    const cases: [string, string][] = [
      ['fromDate=2026-04-01&toDate=2026-03-01&groupBy=channel', 'query.toDate'],
      ['fromDate=2026-02-30&toDate=2026-03-31&groupBy=channel', 'query.fromDate'],
      ['fromDate=2026-03-01&toDate=2026-13-01&groupBy=channel', 'query.toDate'],
      ['fromDate=2021-01-01&toDate=2026-01-01&groupBy=channel', 'query.toDate'],
      ['fromDate=2026-03-01&toDate=2026-03-31&groupBy=leeftijd', 'query.groupBy'],
      ['fromDate=2026-03-01&toDate=2026-03-31&groupBy=channel,channel', 'query.groupBy'],
      ['fromDate=2026-03-01&toDate=2026-03-31&groupBy=type,channel,wijk', 'query.groupBy'],
      ['fromDate=2026-03-01&toDate=2026-03-31', 'query.groupBy'],
      ['fromDate=2026-03-01&toDate=2026-03-31&groupBy=channel&colour=blue', 'query.colour'],
      ['fromDate=1-3-2026&toDate=2026-03-31&groupBy=channel', 'query.fromDate'],
    ];
    for (const [query, field] of cases) {
      for (const path of ['', '.csv', '.xlsx']) {
        const response = await beleid.get(`/api/v1/reports/help-questions${path}?${query}`);
        assert.equal(response.statusCode, 400, `${path}?${query}: ${response.body}`);
        assert.match(String(response.headers['content-type']), /application\/problem\+json/);
        const body = response.json();
        assert.ok(
          body.invalidParams.some((p: any) => p.name === field),
          `${query}: ${JSON.stringify(body.invalidParams)}`,
        );
        assert.ok(body.invalidParams.every((p: any) => p.nl && p.en));
      }
    }
    // Five years exactly is the limit: 2021-01-01 up to and including 2025-12-31 is fine.
    const five = await beleid.get(
      '/api/v1/reports/help-questions?fromDate=2021-01-01&toDate=2025-12-31&groupBy=channel',
    );
    assert.equal(five.statusCode, 200);
  });

  test('only beleidsadviseur and toegang-medewerker may read it; it writes nothing to the processing log', async () => {
    const before = await countLog(grip);
    assert.equal(
      (
        await (
          await grip.login('toegang-medewerker')
        ).get(`/api/v1/reports/help-questions?${MARCH}&groupBy=type`)
      ).statusCode,
      200,
    );
    assert.equal(
      (await (await grip.login('inwoner')).get(`/api/v1/reports/help-questions?${MARCH}&groupBy=type`))
        .statusCode,
      403,
    );
    assert.equal(
      (await (await grip.login('aanbieder')).get(`/api/v1/reports/help-questions.csv?${MARCH}&groupBy=type`))
        .statusCode,
      403,
    );
    assert.equal(
      (await grip.anonymous().get(`/api/v1/reports/help-questions.xlsx?${MARCH}&groupBy=type`)).statusCode,
      401,
    );
    assert.equal(await countLog(grip), before);
  });

  test("Enschede's report counts only Enschede's questions", async () => {
    const enschede = await grip.login('beleidsadviseur', 'GM0153');
    const report = (await enschede.get(`/api/v1/reports/help-questions?${MARCH}&groupBy=channel`)).json();
    assert.equal(report.totals.total, 30);
    assert.equal(row(report, 'telefoon').total, 30);
  });
});

describe('suppression rule', () => {
  test('a lone small count in a line gets a partner; a line whose hidden counts sum below 10 gets one more', () => {
    const one = suppressSmallCounts({
      cells: [[], [], []],
      rowTotals: [40, 5, 0],
      columnTotals: [],
      total: 45,
    });
    assert.deepEqual(one.rowTotals, ['x', '<10', 0]);
    assert.equal(one.total, 45);
    const enough = suppressSmallCounts({
      cells: [[], [], []],
      rowTotals: [40, 5, 6],
      columnTotals: [],
      total: 51,
    });
    assert.deepEqual(enough.rowTotals, [40, '<10', '<10']);
    const none = suppressSmallCounts({ cells: [[], []], rowTotals: [40, 0], columnTotals: [], total: 40 });
    assert.deepEqual(none.rowTotals, [40, 0]);
  });

  test('in a cross table the partner is found in both the row and the column', () => {
    const table = suppressSmallCounts({
      cells: [
        [20, 3, 30],
        [15, 25, 40],
        [12, 18, 11],
      ],
      rowTotals: [53, 80, 41],
      columnTotals: [47, 46, 81],
      total: 174,
    });
    const grid = [
      ...table.cells.map((r, i) => [...r, table.rowTotals[i]]),
      [...table.columnTotals, table.total],
    ];
    for (const line of [...grid, ...grid[0]!.map((_, c) => grid.map((r) => r[c]))]) {
      assert.notEqual(line.filter((v) => typeof v === 'string').length, 1, JSON.stringify(grid));
    }
    assert.equal(table.cells[0]![1], '<10');
  });
});

async function countLog(grip: TestApp): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM processing_log`.execute(
    grip.database.db,
  );
  return rows[0]!.n;
}

/** Reads a ZIP (as the XLSX writer makes it: deflate, central directory at the end). */
function unzip(bytes: Buffer): Map<string, string> {
  const files = new Map<string, string>();
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    assert.equal(bytes.readUInt32LE(at), 0x02014b50);
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30);
    const comment = bytes.readUInt16LE(at + 32);
    const offset = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const localName = bytes.readUInt16LE(offset + 26);
    const localExtra = bytes.readUInt16LE(offset + 28);
    const start = offset + 30 + localName + localExtra;
    const data = bytes.subarray(start, start + size);
    files.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at += 46 + nameLength + extra + comment;
  }
  return files;
}
