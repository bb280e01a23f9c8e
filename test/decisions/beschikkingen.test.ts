import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { addDays, counts, MC, residentWithMelding, serviceByCode, today } from './decision-fixtures.ts';

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
    try {
      const content = inflateSync(pdf.subarray(start, end)).toString('latin1');
      for (const op of content.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) {
        lines.push(decoder.decode(Buffer.from(op[1]!, 'hex')));
      }
    } catch {
      // not a deflated content stream
    }
    streams.lastIndex = end;
  }
  return lines.join(' ').replace(/\s+/g, ' ');
}

const TABLES = ['beschikking', 'beschikking_product'];

describe('beschikkingen', () => {
  let grip: TestApp;
  let toegang: Client;
  before(async () => {
    grip = await createTestApp();
    toegang = await grip.login('toegang-medewerker');
  });
  after(() => grip.close());

  test('a partial grant: one product granted with less than asked, one refused; letter in plain Dutch', async () => {
    const { personId, meldingId } = await residentWithMelding(grip, toegang, 101);
    const ho = await serviceByCode(grip, 'WMO-HO');
    const bgi = await serviceByCode(grip, 'WMO-BGI');
    const start = today();
    const response = await toegang.post('/api/v1/beschikkingen', {
      meldingId,
      decidedDate: today(),
      legalGrounds: 'Wmo 2015 art. 2.3.5; Verordening maatschappelijke ondersteuning art. 8',
      products: [
        {
          serviceId: ho.id,
          outcome: 'toegekend',
          grounds: 'U kunt uw huis niet zelf schoonhouden.',
          startDate: start,
          endDate: addDays(start, 364),
          volume: 2,
          requestedVolume: 4,
          frequencyCode: '2',
        },
        {
          serviceId: bgi.id,
          outcome: 'afgewezen',
          grounds: 'Met de dagbesteding in de wijk bereikt u hetzelfde.',
        },
      ],
    });
    assert.equal(response.statusCode, 201, response.body);
    const b = response.json();
    assert.equal(b.outcome, 'gedeeltelijk-toegekend');
    assert.equal(b.personId, personId);
    assert.equal(b.lawCode, 'wmo');
    assert.match(b.reference, /^BS-\d{4}-\d{7}$/);
    assert.equal(b.objectionDeadlineDate, addDays(today(), 42));
    const granted = b.products.find((p: { outcome: string }) => p.outcome === 'toegekend');
    assert.equal(granted.volume, 2);
    assert.equal(granted.unitCode, '04');
    assert.equal(granted.frequencyCode, '2');
    const refused = b.products.find((p: { outcome: string }) => p.outcome === 'afgewezen');
    assert.equal(refused.volume, null);
    assert.equal(refused.startDate, null);

    const melding = await grip.database.db
      .selectFrom('melding')
      .where('municipality_code', '=', MC)
      .where('id', '=', meldingId)
      .select(['status', 'closed_on'])
      .executeTakeFirstOrThrow();
    assert.deepEqual(melding, { status: 'besloten', closed_on: today() });

    const list = await toegang.get(`/api/v1/beschikkingen?personId=${personId}`);
    assert.equal(list.statusCode, 200);
    assert.equal(list.json().items.length, 1);
    const one = await toegang.get(`/api/v1/beschikkingen/${b.id}`);
    assert.deepEqual(one.json(), b);

    const letter = await toegang.get(`/api/v1/beschikkingen/${b.id}/letter`);
    assert.equal(letter.statusCode, 200);
    assert.equal(letter.headers['content-type'], 'application/pdf');
    assert.equal(letter.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
    const text = pdfText(letter.rawPayload);
    for (const expected of [
      'Gemeente Hengelo',
      `Kenmerk: ${b.reference}`,
      'U krijgt een deel van de ondersteuning die u hebt gevraagd.',
      'Dit krijgt u: ',
      'U krijgt 2 uur per week.',
      'Dit krijgt u niet: ',
      'Met de dagbesteding in de wijk bereikt u hetzelfde.',
      'Bent u het niet eens met dit besluit?',
      'bezwaar maken',
      'Wet maatschappelijke ondersteuning 2015',
    ]) {
      assert.ok(text.includes(expected), `letter lacks "${expected}":\n${text}`);
    }
  });

  test('all refused: afgewezen, and the letter says so', async () => {
    const { meldingId } = await residentWithMelding(grip, toegang, 102);
    const ho = await serviceByCode(grip, 'WMO-HO');
    const response = await toegang.post('/api/v1/beschikkingen', {
      meldingId,
      decidedDate: today(),
      legalGrounds: 'Wmo 2015 art. 2.3.5 lid 3',
      products: [{ serviceId: ho.id, outcome: 'afgewezen', grounds: 'Uw partner kan dit doen.' }],
    });
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.json().outcome, 'afgewezen');
    const letter = await toegang.get(`/api/v1/beschikkingen/${response.json().id}/letter`);
    const text = pdfText(letter.rawPayload);
    assert.ok(text.includes('U krijgt de ondersteuning die u hebt gevraagd niet.'), text);
    assert.ok(!text.includes('Wat gebeurt er nu?'));
  });

  test('bad input is refused with the reason and writes nothing', async () => {
    const { meldingId } = await residentWithMelding(grip, toegang, 103);
    const ho = await serviceByCode(grip, 'WMO-HO');
    const jw = await serviceByCode(grip, 'JW-AMB');
    const algemeen = await grip.database.db
      .selectFrom('service')
      .where('municipality_code', '=', MC)
      .where('kind', '=', 'algemeen')
      .select('id')
      .executeTakeFirstOrThrow();
    const before = await counts(grip, TABLES);
    const base = { meldingId, decidedDate: today(), legalGrounds: 'Wmo 2015 art. 2.3.5' };
    const grant = {
      serviceId: ho.id,
      outcome: 'toegekend',
      grounds: 'Nodig.',
      startDate: today(),
      endDate: addDays(today(), 30),
      volume: 2,
    };
    const cases: [unknown, number, string][] = [
      [{ ...base, products: [] }, 400, 'no products'],
      [{ ...base, products: [{ ...grant, startDate: undefined }] }, 400, 'grant without start'],
      [{ ...base, products: [{ ...grant, endDate: addDays(today(), -1) }] }, 400, 'end before start'],
      [{ ...base, products: [{ ...grant, volume: undefined }] }, 400, 'grant without volume'],
      [{ ...base, products: [{ ...grant, requestedVolume: 1 }] }, 400, 'more than asked'],
      [
        { ...base, products: [{ serviceId: ho.id, outcome: 'afgewezen', grounds: 'x', volume: 2 }] },
        400,
        'refusal with volume',
      ],
      [{ ...base, products: [{ ...grant, serviceId: jw.id }] }, 400, 'product of another law'],
      [{ ...base, products: [{ ...grant, serviceId: algemeen.id }] }, 400, 'algemene voorziening'],
      [{ ...base, products: [grant, grant] }, 400, 'same product twice'],
      [{ ...base, decidedDate: addDays(today(), 1), products: [grant] }, 400, 'decided in the future'],
      [
        { ...base, products: [{ ...grant, serviceId: '00000000-0000-4000-8000-000000000000' }] },
        400,
        'unknown product',
      ],
      [{ ...base, products: [grant], extra: 1 }, 400, 'unknown field'],
      [{ ...base, legalGrounds: '', products: [grant] }, 400, 'no legal grounds'],
      [
        { ...base, meldingId: '00000000-0000-4000-8000-000000000000', products: [grant] },
        404,
        'unknown melding',
      ],
    ];
    for (const [body, status, what] of cases) {
      const response = await toegang.post('/api/v1/beschikkingen', body);
      assert.equal(response.statusCode, status, `${what}: ${response.body}`);
      assert.match(String(response.headers['content-type']), /problem\+json/);
    }
    const invalid = await toegang.post('/api/v1/beschikkingen', {
      ...base,
      products: [{ ...grant, volume: undefined }],
    });
    const detail = invalid.json();
    assert.equal(detail.invalidParams[0].name, 'products[0].volume');
    assert.ok(detail.invalidParams[0].nl && detail.invalidParams[0].en);
    assert.deepEqual(await counts(grip, TABLES), before);

    // Decided once: a second decision on the same melding is a conflict.
    const first = await toegang.post('/api/v1/beschikkingen', { ...base, products: [grant] });
    assert.equal(first.statusCode, 201, first.body);
    const second = await toegang.post('/api/v1/beschikkingen', { ...base, products: [grant] });
    assert.equal(second.statusCode, 409);
    assert.equal(second.json().code, 'melding-closed');
  });

  test("another municipality's beschikking is not found, and only caseworkers decide", async () => {
    const { meldingId } = await residentWithMelding(grip, toegang, 104);
    const ho = await serviceByCode(grip, 'WMO-HO');
    const created = await toegang.post('/api/v1/beschikkingen', {
      meldingId,
      decidedDate: today(),
      legalGrounds: 'Wmo 2015 art. 2.3.5',
      products: [{ serviceId: ho.id, outcome: 'afgewezen', grounds: 'Niet nodig.' }],
    });
    const enschede = await grip.login('toegang-medewerker', 'GM0153');
    assert.equal((await enschede.get(`/api/v1/beschikkingen/${created.json().id}`)).statusCode, 404);
    assert.equal((await enschede.get(`/api/v1/beschikkingen/${created.json().id}/letter`)).statusCode, 404);
    const aanbieder = await grip.login('aanbieder');
    assert.equal((await aanbieder.get(`/api/v1/beschikkingen/${created.json().id}`)).statusCode, 403);
  });
});
