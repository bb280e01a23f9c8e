import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import {
  declarationMessage,
  startMessage,
  stopMessage,
  type DeclarationLine,
  type ProviderHeader,
} from '../../src/istandaard/provider-messages.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import {
  addAllocation,
  addPerson,
  addProvider,
  contractProduct,
  linkAanbieder,
  sendMessage,
  type ProviderFixture,
  standardsSkip,
} from './fixtures.ts';

/**
 * The import of 305/307/323: XSD first (malformed and schema-invalid XML named by line and element), then
 * the header (receiver, sender, own provider, identification seen before), then the checks per line, and
 * booking in one transaction with a retour per line. Every refused message leaves nothing written.
 */

const M = 'GM0164';
const ANNA = '999900006';
const SEM = '999900018';

describe('import of 305, 307 and 323', { skip: standardsSkip() }, () => {
  let grip: TestApp;
  let aanbieder: Client;
  let beheer: Client;
  let provider: ProviderFixture;
  let other: ProviderFixture;
  let serial = 1;
  const header = (over: Partial<ProviderHeader> = {}): ProviderHeader => ({
    standard: 'iwmo',
    providerAgb: provider.agb,
    municipalityNumber: '0164',
    identification: `MSG${serial++}`,
    datedOn: '2026-05-02',
    ...over,
  });
  const anna = { bsn: ANNA, birthDate: '1950-05-17', sex: '2', familyName: 'Berg' };

  async function counts() {
    const { rows } = await sql<{ m: number; d: number; l: number; c: number }>`
      SELECT (SELECT count(*)::int FROM istandaard_message WHERE direction = 'inkomend') AS m,
             (SELECT count(*)::int FROM declaration) AS d,
             (SELECT count(*)::int FROM declaration_line) AS l,
             (SELECT count(*)::int FROM care_delivery) AS c`.execute(grip.database.db);
    return rows[0]!;
  }

  before(async () => {
    grip = await createTestApp();
    const db = grip.database.db;
    provider = await addProvider(db, M, '65656055');
    other = await addProvider(db, M, '11112222');
    await linkAanbieder(db, M, provider.providerId);
    aanbieder = await grip.login('aanbieder');
    beheer = await grip.login('functioneel-beheerder');
    const ho = await contractProduct(db, M, provider, {
      law: 'wmo',
      category: '01',
      code: '01A03',
      unit: '04',
      tariffCents: 1250,
    });
    const bg = await contractProduct(db, M, provider, {
      law: 'wmo',
      category: '02',
      code: '02A01',
      unit: '04',
      tariffCents: 6000,
    });
    const annaId = await addPerson(db, M, ANNA, { given: 'Anna', family: 'Berg' });
    const semId = await addPerson(db, M, SEM, { given: 'Sem', family: 'Bos' });
    // 7001: open, 3 hours a week, care started; 7002: not started yet; 7003: ended in March;
    // 7004: Sem's; 7005: 2 hours a week, started.
    await addAllocation(db, M, {
      number: 7001,
      personId: annaId,
      provider,
      serviceId: ho,
      law: 'wmo',
      category: '01',
      code: '01A03',
      startDate: '2026-01-01',
      volume: 3,
      deliveryStart: '2026-01-05',
    });
    await addAllocation(db, M, {
      number: 7002,
      personId: annaId,
      provider,
      serviceId: bg,
      law: 'wmo',
      category: '02',
      code: '02A01',
      startDate: '2026-03-01',
      volume: 2,
    });
    await addAllocation(db, M, {
      number: 7003,
      personId: annaId,
      provider,
      serviceId: bg,
      law: 'wmo',
      category: '02',
      code: '02A01',
      startDate: '2026-01-01',
      endDate: '2026-03-31',
      status: 'beeindigd',
      endReason: '19',
      volume: 2,
      deliveryStart: '2026-01-02',
    });
    await addAllocation(db, M, {
      number: 7004,
      personId: semId,
      provider,
      serviceId: ho,
      law: 'wmo',
      category: '01',
      code: '01A03',
      startDate: '2026-01-01',
      volume: 3,
      deliveryStart: '2026-01-05',
    });
    await addAllocation(db, M, {
      number: 7005,
      personId: annaId,
      provider,
      serviceId: ho,
      law: 'wmo',
      category: '01',
      code: '01A03',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      volume: 2,
      deliveryStart: '2026-02-01',
    });
  });
  after(() => grip.close());

  test('305 books the start of care, 307 its stop; the same message twice is refused (9056)', async () => {
    const start = startMessage(header({ identification: 'START-1' }), anna, [
      {
        toewijzingNumber: 7002,
        category: '02',
        code: '02A01',
        allocationStartDate: '2026-03-01',
        startDate: '2026-03-04',
      },
      {
        toewijzingNumber: 7003,
        category: '02',
        code: '02A01',
        allocationStartDate: '2026-01-01',
        startDate: '2026-04-02',
      },
      {
        toewijzingNumber: 9999,
        category: '02',
        code: '02A01',
        allocationStartDate: '2026-01-01',
        startDate: '2026-04-02',
      },
      {
        toewijzingNumber: 7002,
        category: '01',
        code: '01A03',
        allocationStartDate: '2026-03-01',
        startDate: '2026-03-05',
      },
    ]);
    const response = await sendMessage(aanbieder, start);
    assert.equal(response.statusCode, 201, response.body);
    const body = response.json();
    assert.equal(body.messageCode, 'WMO305');
    assert.deepEqual(
      body.lines.map((l: { status: string; code: string; check: string | null }) => [
        l.status,
        l.code,
        l.check,
      ]),
      [
        ['geaccepteerd', '0200', null],
        ['afgewezen', '9307', 'allocation-stopped'],
        ['afgewezen', '9019', 'unknown-allocation'],
        ['afgewezen', '9339', 'product-category'],
      ],
    );
    assert.match(body.lines[1].reason.nl, /beëindigd per 2026-03-31/);
    const delivery = await grip.database.db
      .selectFrom('care_delivery')
      .select(['start_date', 'stop_date'])
      .where('start_date', '=', '2026-03-04')
      .execute();
    assert.deepEqual(delivery, [{ start_date: '2026-03-04', stop_date: null }]);

    const before = await counts();
    const again = await sendMessage(aanbieder, start);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'duplicate-message');
    assert.match(again.json().detail, /9056/);
    assert.deepEqual(await counts(), before);

    const stop = stopMessage(header({ identification: 'STOP-1' }), anna, [
      {
        toewijzingNumber: 7002,
        category: '02',
        code: '02A01',
        allocationStartDate: '2026-03-01',
        startDate: '2026-03-04',
        endDate: '2026-04-30',
        endReasonCode: '19',
      },
      {
        toewijzingNumber: 7002,
        category: '02',
        code: '02A01',
        allocationStartDate: '2026-03-01',
        startDate: '2026-03-09',
        endDate: '2026-04-30',
        endReasonCode: '19',
      },
    ]);
    const stopped = await sendMessage(aanbieder, stop);
    assert.equal(stopped.statusCode, 201, stopped.body);
    assert.deepEqual(
      stopped.json().lines.map((l: { code: string }) => l.code),
      ['0200', '9069'],
    );
    const row = await grip.database.db
      .selectFrom('care_delivery')
      .select(['stop_date', 'stop_reason_code'])
      .where('start_date', '=', '2026-03-04')
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { stop_date: '2026-04-30', stop_reason_code: '19' });
  });

  test('a 305 for a BSN failing the 11-proef or of another client is rejected per line', async () => {
    const bad = startMessage(header(), { ...anna, bsn: '123456789' }, [
      {
        toewijzingNumber: 7002,
        category: '02',
        code: '02A01',
        allocationStartDate: '2026-03-01',
        startDate: '2026-05-01',
      },
    ]);
    const response = await sendMessage(aanbieder, bad);
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.json().lines[0].check, 'bsn-invalid');
    assert.match(response.json().lines[0].reason.en, /11-proef/);
    const sem = startMessage(header(), { ...anna, bsn: SEM }, [
      {
        toewijzingNumber: 7002,
        category: '02',
        code: '02A01',
        allocationStartDate: '2026-03-01',
        startDate: '2026-05-01',
      },
    ]);
    const wrong = await sendMessage(aanbieder, sem);
    assert.equal(wrong.json().lines[0].code, '8187');
    assert.equal(wrong.json().lines[0].check, 'client');
  });

  test('a 323 books every line with its outcome: accepted, and each bad line rejected with its reason', async () => {
    const line = (over: Partial<DeclarationLine>): DeclarationLine => ({
      bsn: ANNA,
      reference: `R${serial++}`,
      toewijzingNumber: 7001,
      category: '01',
      code: '01A03',
      periodStart: '2026-04-01',
      periodEnd: '2026-04-30',
      volume: 4,
      unitCode: '04',
      tariffCents: 1250,
      amountCents: 5000,
      ...over,
    });
    const lines = [
      line({}), // accepted
      line({ toewijzingNumber: 7005, volume: 20, amountCents: 25000 }), // more than 2 h/week in April
      line({ toewijzingNumber: 7005, tariffCents: 1300, amountCents: 5200 }), // not the contract tariff
      line({ toewijzingNumber: 8888 }), // unknown allocation
      line({ toewijzingNumber: 7003, category: '02', code: '02A01', tariffCents: 6000, amountCents: 24000 }), // ended in March
      line({ bsn: '111111111' }), // BSN fails the 11-proef
      line({ bsn: SEM, toewijzingNumber: 7004 }), // Sem's own: accepted
      line({ periodStart: '2026-04-01', periodEnd: '2026-04-30' }), // the same period again: double
    ];
    const xml = declarationMessage(
      header({ identification: 'DECL-1' }),
      { number: 'D202604', periodStart: '2026-04-01', periodEnd: '2026-04-30' },
      lines,
    );
    const response = await sendMessage(aanbieder, xml);
    assert.equal(response.statusCode, 201, response.body);
    const body = response.json();
    assert.equal(body.messageCode, 'WMO323');
    assert.equal(body.lineCount, 8);
    assert.deepEqual(
      body.lines.map((l: { code: string; check: string | null }) => `${l.code}:${l.check ?? ''}`),
      // In message order: the builder groups the lines per client (Anna's, the bad BSN, Sem's).
      [
        '0200:',
        '9321:volume',
        '0611:tariff',
        '9338:unknown-allocation',
        '9307:start-outside-allocation',
        '9361:double-declaration',
        '8187:bsn-invalid',
        '0200:',
      ],
    );
    assert.equal(body.accepted, 2);
    const stored = await grip.database.db
      .selectFrom('declaration_line')
      .select(['status', 'rejection_code', 'reference'])
      .where('declaration_id', '=', body.declarationId)
      .orderBy('id')
      .execute();
    // The line on an unknown allocation cannot be stored against one; it is only in the retour.
    assert.equal(stored.length, 7);
    assert.deepEqual(
      stored.map((s) => s.rejection_code),
      [null, '9321', '0611', '9307', '9361', '8187', null],
    );
    const declaration = await grip.database.db
      .selectFrom('declaration')
      .selectAll()
      .where('id', '=', body.declarationId)
      .executeTakeFirstOrThrow();
    assert.equal(declaration.declaration_number, 'D202604');
    assert.equal(declaration.status, 'verwerkt');

    // The same declaration number in a new message: refused whole (9333), nothing written.
    const before = await counts();
    const again = declarationMessage(
      header({ identification: 'DECL-2' }),
      { number: 'D202604', periodStart: '2026-04-01', periodEnd: '2026-04-30' },
      [line({ periodStart: '2026-05-01', periodEnd: '2026-05-31' })],
    );
    const refused = await sendMessage(aanbieder, again);
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(refused.json().code, 'duplicate-declaration');
    assert.deepEqual(await counts(), before);
  });

  test('schema-invalid and malformed XML: 400 naming line and element, nothing written', async () => {
    const before = await counts();
    const good = startMessage(header(), anna, [
      {
        toewijzingNumber: 7001,
        category: '01',
        code: '01A03',
        allocationStartDate: '2026-01-01',
        startDate: '2026-06-01',
      },
    ]);
    const badDate = good.replace(
      '<wmo305:Begindatum>2026-06-01</wmo305:Begindatum>',
      '<wmo305:Begindatum>2026-06-31</wmo305:Begindatum>',
    );
    const invalid = await sendMessage(aanbieder, badDate);
    assert.equal(invalid.statusCode, 400, invalid.body);
    assert.match(String(invalid.headers['content-type']), /application\/problem\+json/);
    const problem = invalid.json();
    assert.equal(problem.code, 'xml-schema-invalid');
    assert.match(problem.detail, /element Begindatum/);
    assert.match(problem.invalidParams[0].name, /^line \d+ \(Begindatum\)$/);

    const outOfOrder = good.replace(
      /(<wmo305:Geboortedatum>.*?<\/wmo305:Geboortedatum>\n?)(<wmo305:Geslacht>2<\/wmo305:Geslacht>)/s,
      '$2$1',
    );
    assert.notEqual(outOfOrder, good);
    const order = await sendMessage(aanbieder, outOfOrder);
    assert.equal(order.statusCode, 400);
    assert.match(order.json().detail, /Geslacht|Geboortedatum/);

    const malformed = await sendMessage(aanbieder, good.replace('</wmo305:Client>', '</wmo305:Klant>'));
    assert.equal(malformed.statusCode, 400);
    assert.equal(malformed.json().code, 'xml-malformed');
    assert.match(malformed.json().invalidParams[0].name, /^line \d+/);

    const notXml = await sendMessage(aanbieder, 'dit is geen xml');
    assert.equal(notXml.statusCode, 400);
    assert.equal(notXml.json().code, 'unknown-message');
    const empty = await sendMessage(aanbieder, '');
    assert.equal(empty.statusCode, 400);
    const json = await aanbieder.post('/api/v1/istandaard/berichten', { some: 'json' });
    assert.equal(json.statusCode, 415);
    const doctype = good.replace(
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE x [<!ENTITY a "b">]>',
    );
    const withDoctype = await sendMessage(aanbieder, doctype);
    assert.equal(withDoctype.statusCode, 400, withDoctype.body);
    assert.deepEqual(await counts(), before);
  });

  test('header checks: wrong receiver, unknown sender, another provider, dated in the future; a 301 is not received', async () => {
    const before = await counts();
    const product = [
      {
        toewijzingNumber: 7001,
        category: '01',
        code: '01A03',
        allocationStartDate: '2026-01-01',
        startDate: '2026-06-01',
      },
    ];
    const wrongReceiver = await sendMessage(
      aanbieder,
      startMessage(header({ municipalityNumber: '0153' }), anna, product),
    );
    assert.equal(wrongReceiver.statusCode, 422);
    assert.equal(wrongReceiver.json().code, 'wrong-receiver');
    const unknownSender = await sendMessage(
      beheer,
      startMessage(header({ providerAgb: '99999999' }), anna, product),
    );
    assert.equal(unknownSender.statusCode, 422);
    assert.equal(unknownSender.json().code, 'unknown-sender');
    const notOwn = await sendMessage(
      aanbieder,
      startMessage(header({ providerAgb: other.agb }), anna, product),
    );
    assert.equal(notOwn.statusCode, 403);
    assert.equal(notOwn.json().code, 'not-own-provider');
    const future = await sendMessage(
      aanbieder,
      startMessage(header({ datedOn: '2099-01-01' }), anna, product),
    );
    assert.equal(future.statusCode, 422);
    assert.equal(future.json().code, 'dated-in-future');
    assert.deepEqual(await counts(), before);

    // Municipal staff may book any provider's message (arrived by the exchange).
    const byBeheer = await sendMessage(
      beheer,
      startMessage(header(), anna, [{ ...product[0]!, toewijzingNumber: 7005, startDate: '2026-02-01' }]),
    );
    assert.equal(byBeheer.statusCode, 201, byBeheer.body);
    assert.equal(byBeheer.json().lines[0].code, '9074', 'the start on 2026-02-01 was reported before');

    // Roles without the action, and an aanbieder not linked to a provider.
    assert.equal(
      (await sendMessage(await grip.login('regisseur'), startMessage(header(), anna, product))).statusCode,
      403,
    );
    await linkAanbieder(grip.database.db, M, null);
    const unlinked = await sendMessage(aanbieder, startMessage(header(), anna, product));
    assert.equal(unlinked.statusCode, 403);
    assert.equal(unlinked.json().code, 'no-provider-link');
    await linkAanbieder(grip.database.db, M, provider.providerId);

    const list = await aanbieder.get('/api/v1/istandaard/berichten?direction=inkomend');
    assert.equal(list.statusCode, 200);
    assert.ok(list.json().items.every((m: { providerId: string }) => m.providerId === provider.providerId));
    assert.equal((await aanbieder.get('/api/v1/istandaard/berichten?limit=0')).statusCode, 400);
  });
});
