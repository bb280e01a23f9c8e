import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { validateXML } from 'xmllint-wasm';
import { retourMessageType } from '../../src/istandaard/declaration-retour.ts';
import { prefersXml } from '../../src/istandaard/istandaard-routes.ts';
import { bookInboundMessage, prepareInboundMessage, whenValid } from '../../src/istandaard/message-import.ts';
import {
  declarationMessage,
  startMessage,
  type DeclarationLine,
  type ProviderHeader,
} from '../../src/istandaard/provider-messages.ts';
import { readMessage } from '../../src/istandaard/xml-reader.ts';
import { standardsDir, validateMessage } from '../../src/istandaard/xsd-validation.ts';
import { Problem } from '../../src/platform/http/problem.ts';
import { inTenantTransaction } from '../../src/platform/db/tenant-transaction.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import {
  addAllocation,
  addPerson,
  addProvider,
  contractProduct,
  linkAanbieder,
  sendMessage,
  standardsSkip,
  type ProviderFixture,
} from './fixtures.ts';

/**
 * The 325 (declaratie-antwoord): a 323 sent with `Accept: application/xml` is booked exactly as with JSON
 * and answered with a WMO325/JW325 holding every prestatie with its retourcode. The JW325 validates against
 * the iJw 3.2 XSD; the WMO325 (no XSD in shared/standards) against the JW325 XSD moved to the iWmo
 * namespaces. Also: the large-message path that validates on a worker thread while booking rolls back on
 * an invalid message.
 */

const M = 'GM0164';
const ANNA = '999900006';
const SEM = '999900018';
const XML = { accept: 'application/xml' };

/** The retourcodes per prestatie of a 325, with its reference, and the header/total figures. */
function readRetour(xml: string) {
  const read = readMessage(xml, new Set(['Prestatie']));
  return {
    prestaties: read.records.map((r) => ({
      reference: r.fields['ProductReferentie/ReferentieNummer'],
      number: Number(r.fields.ToewijzingNummer),
      code: r.fields['RetourCodes/RetourCode'],
      bsn: r.context['DeclaratieAntwoord/Clienten/Client/Bsn'],
    })),
    fields: read.fields,
  };
}

/** The JW325 XSD moved to the iWmo namespaces with WMO325's BerichtCode: the shape of the WMO325. */
async function validateAsWmo325(xml: string) {
  const ijw = path.join(standardsDir(), 'ijw-3.2', 'xsd', 'JW325.xsd');
  const schema = readFileSync(ijw, 'utf8')
    .replaceAll('/ijw/3_2/jw325/', '/iwmo/3_2/wmo325/')
    .replaceAll('/ijw/3_2/basisschema/', '/iwmo/3_2/basisschema/')
    .replaceAll('jw325:', 'wmo325:')
    .replaceAll('xmlns:jw325', 'xmlns:wmo325')
    .replaceAll('ijw:', 'iwmo:')
    .replaceAll('xmlns:ijw', 'xmlns:iwmo')
    .replace('<xs:pattern value="491"/>', '<xs:pattern value="485"/>');
  const basis = readFileSync(path.join(standardsDir(), 'iwmo-3.2', 'xsd', 'basisschema.xsd'), 'utf8');
  return validateXML({
    xml: [{ fileName: 'WMO325.xml', contents: xml }],
    schema: [{ fileName: 'WMO325.xsd', contents: schema }],
    preload: [{ fileName: 'basisschema.xsd', contents: basis }],
  });
}

describe('the 325 retour of a declaration', { skip: standardsSkip() }, () => {
  let grip: TestApp;
  let aanbieder: Client;
  let provider: ProviderFixture;
  let serial = 1;
  const header = (over: Partial<ProviderHeader> = {}): ProviderHeader => ({
    standard: 'ijw',
    providerAgb: provider.agb,
    municipalityNumber: '0164',
    identification: `R325-${serial++}`,
    datedOn: '2026-05-02',
    ...over,
  });
  const line = (over: Partial<DeclarationLine>): DeclarationLine => ({
    bsn: ANNA,
    reference: `REF${serial++}`,
    toewijzingNumber: 8001,
    category: '45',
    code: '45A01',
    periodStart: '2026-04-01',
    periodEnd: '2026-04-30',
    volume: 4,
    unitCode: '04',
    tariffCents: 1250,
    amountCents: 5000,
    ...over,
  });

  async function counts() {
    const { rows } = await sql<{ m: number; d: number; l: number; c: number }>`
      SELECT (SELECT count(*)::int FROM istandaard_message) AS m,
             (SELECT count(*)::int FROM declaration) AS d,
             (SELECT count(*)::int FROM declaration_line) AS l,
             (SELECT count(*)::int FROM care_delivery) AS c`.execute(grip.database.db);
    return rows[0]!;
  }

  before(async () => {
    grip = await createTestApp();
    const db = grip.database.db;
    provider = await addProvider(db, M, '65656055');
    await linkAanbieder(db, M, provider.providerId);
    aanbieder = await grip.login('aanbieder');
    const jeugd = await contractProduct(db, M, provider, {
      law: 'jeugdwet',
      category: '45',
      code: '45A01',
      unit: '04',
      tariffCents: 1250,
    });
    const wmo = await contractProduct(db, M, provider, {
      law: 'wmo',
      category: '01',
      code: '01A03',
      unit: '04',
      tariffCents: 1250,
    });
    const anna = await addPerson(db, M, ANNA, { given: 'Anna', family: 'Berg' });
    const sem = await addPerson(db, M, SEM, { given: 'Sem', family: 'Bos' });
    const allocation = { provider, category: '45', code: '45A01', startDate: '2026-01-01' } as const;
    for (const [number, personId] of [
      [8001, anna],
      [8002, sem],
      [8003, anna],
    ] as const) {
      await addAllocation(db, M, {
        ...allocation,
        number,
        personId,
        serviceId: jeugd,
        law: 'jeugdwet',
        volume: 3,
        deliveryStart: '2026-01-05',
      });
    }
    await addAllocation(db, M, {
      number: 7001,
      personId: anna,
      provider,
      serviceId: wmo,
      law: 'wmo',
      category: '01',
      code: '01A03',
      startDate: '2026-01-01',
      volume: 3,
      deliveryStart: '2026-01-05',
    });
  });
  after(() => grip.close());

  test('a JW323 with Accept: application/xml is booked and answered with a JW325 that validates', async () => {
    const lines = [
      line({ reference: 'OK-ANNA' }),
      line({ reference: 'TARIEF', toewijzingNumber: 8003, tariffCents: 1300, amountCents: 5200 }),
      line({ reference: 'ONBEKEND', toewijzingNumber: 9999 }),
      line({ reference: 'BSN', bsn: '111111111' }),
      line({ reference: 'OK-SEM', bsn: SEM, toewijzingNumber: 8002 }),
      line({ reference: 'VAN-SEM', toewijzingNumber: 8002 }),
    ];
    const sent = header({ identification: 'DECL-XML-1' });
    const xml = declarationMessage(
      sent,
      { number: 'JW202604', periodStart: '2026-04-01', periodEnd: '2026-04-30' },
      lines,
    );
    const before = await counts();
    const response = await sendMessage(aanbieder, xml, 'application/xml');
    // sendMessage sends JSON's Accept by default: ask again with XML on a new message.
    assert.equal(response.statusCode, 201, response.body);
    assert.match(String(response.headers['content-type']), /application\/json/);
    const xmlSent = declarationMessage(
      header({ identification: 'DECL-XML-2' }),
      { number: 'JW202604B', periodStart: '2026-04-01', periodEnd: '2026-04-30' },
      lines.map((l) => ({ ...l, reference: `${l.reference}-2` })),
    );
    const retour = await aanbieder.request('POST', '/api/v1/istandaard/berichten', {
      body: xmlSent,
      headers: { 'content-type': 'application/xml', ...XML },
    });
    assert.equal(retour.statusCode, 201, retour.body);
    assert.match(String(retour.headers['content-type']), /^application\/xml/);
    assert.match(String(retour.headers.vary), /Accept/);
    const identification = String(retour.headers['x-bericht-identificatie']);
    assert.match(identification, /^\d+$/);
    assert.match(String(retour.headers['content-disposition']), new RegExp(`JW325-${identification}\\.xml`));

    const type = retourMessageType('ijw');
    for (const engine of ['xmllint', 'compiled'] as const) {
      const validation = await validateMessage(type, retour.body, engine);
      assert.deepEqual(validation, { valid: true, errors: [] }, `${engine}: ${retour.body}`);
    }
    const { prestaties, fields } = readRetour(retour.body);
    assert.deepEqual(
      prestaties.map((p) => `${p.reference}:${p.code}`),
      // Grouped per client as in the 323: Anna's lines, the bad BSN, then Sem's.
      ['OK-ANNA-2:9361', 'TARIEF-2:0611', 'ONBEKEND-2:9338', 'VAN-SEM-2:8187', 'BSN-2:8187', 'OK-SEM-2:9361'],
      'the same periods as the first declaration: now doubles (9361)',
    );
    assert.equal(fields.get('Header/BerichtCode'), '491');
    assert.equal(fields.get('Header/Afzender'), '0164');
    assert.equal(fields.get('Header/Ontvanger'), provider.agb);
    assert.equal(fields.get('Header/BerichtIdentificatie/Identificatie'), identification);
    assert.equal(fields.get('Header/DeclaratieIdentificatie/Identificatie'), 'DECL-XML-2');
    assert.equal(fields.get('Header/DeclaratieIdentificatie/Dagtekening'), '2026-05-02');
    assert.equal(fields.get('Header/RetourCodes/RetourCode'), '0200');
    assert.equal(fields.get('DeclaratieAntwoord/DeclaratieNummer'), 'JW202604B');
    assert.equal(fields.get('DeclaratieAntwoord/TotaalIngediendBedrag/TotaalBedrag'), '30200');
    assert.equal(fields.get('DeclaratieAntwoord/TotaalToegekendBedrag/TotaalBedrag'), '0');

    // The first declaration's retour as JSON and the database: the XML answer books the same way.
    assert.deepEqual(
      response.json().lines.map((l: { code: string }) => l.code),
      ['0200', '0611', '9338', '8187', '8187', '0200'],
    );
    const after = await counts();
    assert.equal(after.d, before.d + 2);
    assert.equal(after.l, before.l + 10, 'five lines with an allocation per declaration');
  });

  test('the accepted lines make TotaalToegekendBedrag; a WMO323 is answered with a WMO325', async () => {
    const xml = declarationMessage(
      header({ standard: 'iwmo', identification: 'DECL-WMO-1' }),
      { number: 'WMO202604', periodStart: '2026-04-01', periodEnd: '2026-04-30' },
      [
        line({ reference: 'W1', toewijzingNumber: 7001, category: '01', code: '01A03' }),
        line({
          reference: 'W2',
          toewijzingNumber: 7001,
          category: '01',
          code: '01A03',
          volume: 40,
          amountCents: 50000,
          periodStart: '2026-04-02',
        }),
      ],
    );
    const retour = await aanbieder.request('POST', '/api/v1/istandaard/berichten', {
      body: xml,
      headers: { 'content-type': 'text/xml', accept: 'text/xml, application/json;q=0.9' },
    });
    assert.equal(retour.statusCode, 201, retour.body);
    assert.match(String(retour.headers['content-disposition']), /WMO325-/);
    const validation = await validateAsWmo325(retour.body);
    assert.equal(validation.valid, true, validation.rawOutput);
    const { prestaties, fields } = readRetour(retour.body);
    assert.deepEqual(
      prestaties.map((p) => p.code),
      ['0200', '9361'],
    );
    assert.equal(fields.get('Header/BerichtCode'), '485');
    assert.equal(fields.get('DeclaratieAntwoord/TotaalToegekendBedrag/TotaalBedrag'), '5000');
    assert.equal(fields.get('DeclaratieAntwoord/TotaalIngediendBedrag/TotaalBedrag'), '55000');
  });

  test('content negotiation: JSON unless XML is preferred; no XML retour for a 305 (406, nothing written)', async () => {
    assert.equal(prefersXml(undefined), false);
    assert.equal(prefersXml('application/json'), false);
    assert.equal(prefersXml('*/*'), false);
    assert.equal(prefersXml('application/xml'), true);
    assert.equal(prefersXml('text/xml'), true);
    assert.equal(prefersXml('application/json, application/xml'), false, 'a tie answers JSON');
    assert.equal(prefersXml('application/xml;q=0.5, application/json'), false);
    assert.equal(prefersXml('application/json;q=0.4, application/xml'), true);
    assert.equal(prefersXml('application/xml, */*'), true);
    assert.equal(prefersXml('application/xml;q=0'), false);

    const before = await counts();
    const start = startMessage(
      header({ identification: 'START-XML' }),
      { bsn: ANNA, birthDate: '2014-05-17', sex: '2', familyName: 'Berg' },
      [
        {
          toewijzingNumber: 8003,
          category: '45',
          code: '45A01',
          allocationStartDate: '2026-01-01',
          startDate: '2026-06-01',
        },
      ],
    );
    const refused = await aanbieder.request('POST', '/api/v1/istandaard/berichten', {
      body: start,
      headers: { 'content-type': 'application/xml', ...XML },
    });
    assert.equal(refused.statusCode, 406, refused.body);
    assert.match(String(refused.headers['content-type']), /application\/problem\+json/);
    assert.equal(refused.json().code, 'retour-not-available');
    assert.deepEqual(await counts(), before);

    // Bad input with Accept XML is still a problem in JSON.
    const broken = declarationMessage(
      header(),
      { number: 'BROKEN', periodStart: '2026-04-01', periodEnd: '2026-04-30' },
      [line({})],
    ).replace('<ijw:Begindatum>2026-04-01</ijw:Begindatum>', '<ijw:Begindatum>2026-04-31</ijw:Begindatum>');
    const invalid = await aanbieder.request('POST', '/api/v1/istandaard/berichten', {
      body: broken,
      headers: { 'content-type': 'application/xml', ...XML },
    });
    assert.equal(invalid.statusCode, 400, invalid.body);
    assert.match(String(invalid.headers['content-type']), /application\/problem\+json/);
    assert.equal(invalid.json().code, 'xml-schema-invalid');
    assert.deepEqual(await counts(), before);
  });

  test('validated on a worker thread while booking: an invalid message rolls the booking back', async () => {
    const scope = { municipalityCode: M, userId: null, providerId: null };
    const book = async (xml: string) => {
      const prepared = await prepareInboundMessage(xml, { parallel: true });
      return inTenantTransaction(grip.database, M, (tx) =>
        whenValid(prepared, () => bookInboundMessage(tx, scope, prepared.message)),
      );
    };
    const good = declarationMessage(
      header({ identification: 'PAR-1' }),
      { number: 'PAR1', periodStart: '2026-05-01', periodEnd: '2026-05-31' },
      [line({ periodStart: '2026-05-01', periodEnd: '2026-05-31' })],
    );
    const before = await counts();
    // Valid against the reader, invalid against the XSD (a volume of 1,000,000,000 is beyond LDT_Volume).
    const tooMuch = good
      .replace('PAR-1</ijw:Identificatie>', 'PAR-2</ijw:Identificatie>')
      .replace('<jw323:GeleverdVolume>4<', '<jw323:GeleverdVolume>1000000000<');
    assert.notEqual(tooMuch, good);
    await assert.rejects(
      book(tooMuch),
      (error: unknown) =>
        error instanceof Problem && error.status === 400 && error.code === 'xml-schema-invalid',
    );
    // Not well-formed: the reader fails first; the validator's verdict is the answer.
    await assert.rejects(
      book(good.replace('</jw323:Client>', '</jw323:Klant>')),
      (error: unknown) => error instanceof Problem && error.code === 'xml-malformed',
    );
    assert.deepEqual(await counts(), before, 'nothing written');
    const booked = await book(good);
    assert.equal(booked.accepted, 1);
    assert.equal((await counts()).d, before.d + 1);
  });
});
