import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { detectMessageType, messageTypeByCode } from '../../src/istandaard/message-types.ts';
import { readMessage } from '../../src/istandaard/xml-reader.ts';
import { validateMessage } from '../../src/istandaard/xsd-validation.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import {
  addAddress,
  addAllocation,
  addPerson,
  addProvider,
  contractProduct,
  type ProviderFixture,
  standardsSkip,
} from './fixtures.ts';

/**
 * The WMO301/JW301 export: generated messages for allocations with and without volume, with a budget,
 * ended with a reason and withdrawn validate against the 3.2 XSD and carry the header, client and
 * products; each export is a new message with a new identification; bad requests write nothing.
 */

const M = 'GM0164';

describe('301 export (WMO301 / JW301)', { skip: standardsSkip() }, () => {
  let grip: TestApp;
  let toegang: Client;
  let provider: ProviderFixture;
  const ids: Record<string, string> = {};

  before(async () => {
    grip = await createTestApp();
    toegang = await grip.login('toegang-medewerker');
    const db = grip.database.db;
    provider = await addProvider(db, M, '42420001');
    const ho = await contractProduct(db, M, provider, {
      law: 'wmo',
      category: '01',
      code: '01A01',
      unit: '04',
      tariffCents: 3150,
    });
    const wv = await contractProduct(db, M, provider, {
      law: 'wmo',
      category: '13',
      code: '13A01',
      unit: '82',
      tariffCents: 120000,
    });
    const jw = await contractProduct(db, M, provider, {
      law: 'jeugdwet',
      category: '45',
      code: '45A01',
      unit: '04',
      tariffCents: 9000,
    });
    const anna = await addPerson(db, M, '999900006', {
      given: 'Anna Maria',
      prefix: 'van der',
      family: 'Berg',
      sex: '2',
    });
    await addAddress(db, M, anna);
    const sem = await addPerson(db, M, '999900018', {
      given: 'Sem',
      family: 'Bos',
      birthDate: '2012-03-04',
      sex: '1',
    });
    ids.volume = await addAllocation(db, M, {
      number: 5001,
      personId: anna,
      provider,
      serviceId: ho,
      law: 'wmo',
      category: '01',
      code: '01A01',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      volume: 3,
      unit: '04',
      frequency: '2',
    });
    ids.budget = await addAllocation(db, M, {
      number: 5002,
      personId: anna,
      provider,
      serviceId: wv,
      law: 'wmo',
      category: '13',
      code: '13A01',
      startDate: '2026-02-01',
      volume: null,
      budgetCents: 250000,
    });
    ids.ended = await addAllocation(db, M, {
      number: 5003,
      personId: anna,
      provider,
      serviceId: ho,
      law: 'wmo',
      category: '01',
      code: '01A01',
      startDate: '2025-01-01',
      endDate: '2099-03-31',
      status: 'beeindigd',
      endReason: '31',
    });
    ids.withdrawn = await addAllocation(db, M, {
      number: 5004,
      personId: anna,
      provider,
      serviceId: ho,
      law: 'wmo',
      category: '01',
      code: '01A01',
      startDate: '2027-01-01',
      endDate: '2027-06-30',
      status: 'ingetrokken',
      changeReason: '13',
    });
    ids.youth = await addAllocation(db, M, {
      number: 5005,
      personId: sem,
      provider,
      serviceId: jw,
      law: 'jeugdwet',
      category: '45',
      code: '45A01',
      startDate: '2026-03-01',
      endDate: '2026-08-31',
      volume: 2,
      unit: '04',
      frequency: '2',
    });
  });
  after(() => grip.close());

  const exportOf = (client: Client, id: string) =>
    client.post(`/api/v1/istandaard/toewijzingen/${id}/bericht`);

  test('a WMO301 with volume, budget, an ended and a withdrawn allocation validates and says what it should', async () => {
    const response = await exportOf(toegang, ids.volume!);
    assert.equal(response.statusCode, 200, response.body);
    assert.match(String(response.headers['content-type']), /application\/xml/);
    const xml = response.body;
    const type = detectMessageType(xml)!;
    assert.equal(type.code, 'WMO301');
    const validation = await validateMessage(type, xml);
    assert.deepEqual(validation.errors, []);
    assert.equal(validation.valid, true);

    const read = readMessage(xml, new Set(['ToegewezenProduct']));
    const f = read.fields;
    assert.equal(f.get('Header/BerichtCode'), '414');
    assert.equal(f.get('Header/Afzender'), '0164');
    assert.equal(f.get('Header/Ontvanger'), '42420001');
    assert.equal(
      f.get('Header/BerichtIdentificatie/Identificatie'),
      response.headers['x-bericht-identificatie'],
    );
    assert.equal(f.get('Client/Bsn'), '999900006');
    assert.equal(f.get('Client/Geslacht'), '2');
    assert.equal(f.get('Client/Geboortedatum/Datum'), '1950-05-17');
    assert.equal(f.get('Client/Naam/Geslachtsnaam/Achternaam'), 'Berg');
    assert.equal(f.get('Client/Naam/Geslachtsnaam/Voorvoegsel'), 'van der');
    assert.equal(f.get('Client/Naam/Voorletters'), 'AM');
    assert.equal(f.get('Client/Contactgegevens/Contact/Adres/Postcode'), '7551AB');
    // Straatnaam is at most 24 characters in the standard.
    assert.equal(f.get('Client/Contactgegevens/Contact/Adres/Straatnaam'), 'Burgemeester Jansen van');
    const products = new Map(read.records.map((r) => [r.fields.ToewijzingNummer, r.fields]));
    assert.deepEqual([...products.keys()], ['5001', '5002', '5003', '5004']);
    assert.equal(products.get('5001')!['Omvang/Volume'], '3');
    assert.equal(products.get('5001')!['Omvang/Eenheid'], '04');
    assert.equal(products.get('5001')!['Omvang/Frequentie'], '2');
    assert.equal(products.get('5001')!.Einddatum, '2026-12-31');
    assert.equal(products.get('5002')!['Omvang/Volume'], undefined);
    assert.equal(products.get('5002')!.Budget, '250000');
    assert.equal(products.get('5003')!.RedenWijziging, '07', 'ended on moving house: RedenWijziging 07');
    assert.equal(products.get('5004')!.RedenWijziging, '13');
    assert.equal(products.get('5004')!.Einddatum, '2027-01-01', 'withdrawn: ends on its start');
  });

  test('a JW301 for youth care validates; each export gets a new identification and is recorded', async () => {
    const first = await exportOf(toegang, ids.youth!);
    const second = await exportOf(toegang, ids.youth!);
    assert.equal(first.statusCode, 200, first.body);
    const type = detectMessageType(first.body)!;
    assert.equal(type.code, 'JW301');
    assert.equal((await validateMessage(type, first.body)).valid, true);
    assert.notEqual(first.headers['x-bericht-identificatie'], second.headers['x-bericht-identificatie']);
    const beheer = await grip.login('functioneel-beheerder');
    const list = await beheer.get('/api/v1/istandaard/berichten?direction=uitgaand');
    assert.equal(list.statusCode, 200, list.body);
    const codes = list.json().items.map((m: { messageCode: string }) => m.messageCode);
    assert.ok(codes.filter((c: string) => c === 'JW301').length >= 2);
  });

  test('the schema check really checks: a mangled export is refused by the XSD', async () => {
    const response = await exportOf(toegang, ids.volume!);
    const broken = response.body.replace(
      '<wmo301:Geslacht>2</wmo301:Geslacht>',
      '<wmo301:Geslacht>7</wmo301:Geslacht>',
    );
    const result = await validateMessage(messageTypeByCode('WMO301')!, broken);
    assert.equal(result.valid, false);
    assert.equal(result.errors[0]!.element, 'Geslacht');
  });

  test('bad requests: unknown allocation 404, not a uuid 400, a provider without AGB 409, wrong role 403', async () => {
    const db = grip.database.db;
    const before = await db
      .selectFrom('istandaard_message')
      .select(db.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const unknown = await exportOf(toegang, '00000000-0000-4000-8000-000000000001');
    assert.equal(unknown.statusCode, 404);
    assert.equal((await exportOf(toegang, 'not-a-uuid')).statusCode, 400);

    const noAgb = await addProvider(db, M, null);
    const service = await contractProduct(db, M, noAgb, {
      law: 'wmo',
      category: '01',
      code: '01A01',
      unit: '04',
      tariffCents: 3150,
    });
    const person = await addPerson(db, M, '999990019', { given: 'Jan', family: 'Jansen' });
    const id = await addAllocation(db, M, {
      number: 5101,
      personId: person,
      provider: noAgb,
      serviceId: service,
      law: 'wmo',
      category: '01',
      code: '01A01',
      startDate: '2026-01-01',
    });
    const conflict = await exportOf(toegang, id);
    assert.equal(conflict.statusCode, 409);
    assert.equal(conflict.json().code, 'provider-without-agb');

    const other = await grip.login('toegang-medewerker', 'GM0153');
    assert.equal((await exportOf(other, ids.volume!)).statusCode, 404, "another municipality's allocation");
    const aanbieder = await grip.login('aanbieder');
    assert.equal((await exportOf(aanbieder, ids.volume!)).statusCode, 403);

    const afterCount = await db
      .selectFrom('istandaard_message')
      .select(db.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(afterCount.n), Number(before.n), 'nothing recorded for refused exports');
  });
});
