import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { registerHelpQuestion } from '../../src/intake/help-question-service.ts';
import { inTenantTransaction } from '../../src/platform/db/tenant-transaction.ts';
import { createTestApp, DB_KIND, type Client, type TestApp } from '../helpers/test-app.ts';
import { newResident, personIdByBsn, rowCounts, testBsn, vindplaatsId } from './intake-test-helpers.ts';

/**
 * Help questions, staff side: the duplicate check, registration (new or known resident, anonymous), the
 * reference number, the team, the link to an open question of the household and its plan, list and
 * detail, and every kind of bad input answered with problem+json and nothing written.
 */

describe('help questions', () => {
  let grip: TestApp;
  let toegang: Client;
  let zorgloket: string;
  let enschedeZorgloket: string;
  let toegangTeam: string;

  before(async () => {
    grip = await createTestApp();
    toegang = await grip.login('toegang-medewerker');
    zorgloket = await vindplaatsId(grip.database, 'GM0164', 'zorgloket');
    enschedeZorgloket = await vindplaatsId(grip.database, 'GM0153', 'zorgloket');
    const team = await grip.database.db
      .selectFrom('team')
      .where('municipality_code', '=', 'GM0164')
      .where('kind', '=', 'toegang')
      .select('id')
      .executeTakeFirstOrThrow();
    toegangTeam = team.id;
  });
  after(() => grip.close());

  const register = (body: Record<string, unknown>, client?: Client, headers?: Record<string, string>) =>
    (client ?? toegang).post(
      '/api/v1/help-questions',
      { channel: 'telefoon', vindplaatsId: zorgloket, questionTypes: ['huishouden'], ...body },
      headers,
    );

  test('registers a new resident with address and household, a reference and the toegang team', async () => {
    const before = await rowCounts(grip.database);
    const response = await register({
      freeText: 'Ik kan mijn huis niet meer schoonhouden.',
      referrerKind: 'huisarts',
      referrerName: 'Huisartsenpraktijk De Esch',
      mainLawCode: 'wmo',
      person: newResident(1),
    });
    assert.equal(response.statusCode, 201, response.body);
    const question = response.json();
    assert.match(question.reference, new RegExp(`^HV-${new Date().getFullYear()}-\\d{7}$`));
    assert.equal(question.status, 'open');
    assert.equal(question.teamId, toegangTeam);
    assert.equal(question.relatedQuestionId, null);
    assert.equal(question.householdPlanId, null);
    assert.ok(question.personId && question.householdId);
    assert.equal(response.headers.location, `/api/v1/help-questions/${question.id}`);
    const after = await rowCounts(grip.database);
    assert.equal(after.person, before.person + 1);
    assert.equal(after.address, before.address + 1);
    assert.equal(after.household, before.household + 1);
    assert.equal(after.household_member, before.household_member + 1);
    assert.equal(after.help_question, before.help_question + 1);
    // In the processing log, for the resident.
    const log = await sql<{ n: number }>`SELECT count(*)::int AS n FROM processing_log
      WHERE action = 'help-question.create' AND ${question.personId} = ANY(subject_ids)`.execute(
      grip.database.db,
    );
    assert.equal(log.rows[0]!.n, 1);
  });

  test('a second question of the household links to the open one and reports the household plan', async () => {
    const first = (await register({ person: newResident(2) })).json();
    await grip.database.db
      .insertInto('household_plan')
      .values({
        municipality_code: 'GM0164',
        household_id: first.householdId,
        status: 'actief',
        opened_on: '2025-01-01',
      })
      .execute();
    // The partner at the same address: no household of their own, so they join the one living there.
    const partner = await register({
      person: newResident(3, { address: newResident(2).address }),
      questionTypes: ['mantelzorg'],
    });
    assert.equal(partner.statusCode, 201, partner.body);
    const second = partner.json();
    assert.equal(second.householdId, first.householdId);
    assert.equal(second.relatedQuestionId, first.id);
    assert.ok(second.householdPlanId);
    // The same resident again by personId.
    const again = await register({ person: { personId: first.personId } });
    assert.equal(again.statusCode, 201, again.body);
    assert.equal(again.json().householdId, first.householdId);
    assert.notEqual(again.json().reference, first.reference);
  });

  test('a known BSN reuses the resident; without BSN a single likely match is reused, else a new one without BSN', async () => {
    const first = (await register({ person: newResident(4) })).json();
    const byBsn = (await register({ person: newResident(4) })).json();
    assert.equal(byBsn.personId, first.personId);
    const { bsn: _bsn, ...withoutBsn } = newResident(4);
    const likely = await register({ person: { ...withoutBsn, familyName: 'TEST4' } });
    assert.equal(likely.statusCode, 201, likely.body);
    assert.equal(likely.json().personId, first.personId);
    const before = await rowCounts(grip.database);
    const unknown = await register({ person: { ...withoutBsn, familyName: 'Nieuwkomer' } });
    assert.equal(unknown.statusCode, 201, unknown.body);
    assert.notEqual(unknown.json().personId, first.personId);
    const row = await grip.database.db
      .selectFrom('person')
      .where('id', '=', unknown.json().personId)
      .select('bsn')
      .executeTakeFirstOrThrow();
    assert.equal(row.bsn, null);
    assert.equal((await rowCounts(grip.database)).person, before.person + 1);
  });

  test('an anonymous information question has no resident', async () => {
    const response = await register({ person: null, questionTypes: ['inkomen'], channel: 'balie' });
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.json().personId, null);
    assert.equal(response.json().householdId, null);
  });

  test('household match: by BSN exact, by details likely or possible, with open questions and plan', async () => {
    const created = (await register({ person: newResident(5) })).json();
    const byBsn = await toegang.post('/api/v1/households/_match', { bsn: testBsn(5) });
    assert.equal(byBsn.statusCode, 200, byBsn.body);
    assert.equal(byBsn.json().items.length, 1);
    assert.equal(byBsn.json().items[0].match, 'bsn');
    assert.equal(byBsn.json().items[0].personId, created.personId);
    assert.equal(byBsn.json().items[0].openQuestions, 1);
    const address = newResident(5).address;
    const likely = await toegang.post('/api/v1/households/_match', {
      familyName: 'test5',
      birthDate: '1960-05-17',
      postcode: '7551ab',
      houseNumber: address.houseNumber,
    });
    assert.equal(likely.statusCode, 200, likely.body);
    assert.equal(likely.json().items[0].match, 'likely');
    assert.equal(likely.json().items[0].reason.code, 'naam-geboortedatum-adres');
    const moved = await toegang.post('/api/v1/households/_match', {
      familyName: 'Test5',
      birthDate: '1960-05-17',
      postcode: '7552XY',
      houseNumber: 1,
    });
    assert.equal(moved.json().items[0].match, 'possible');
    assert.equal(moved.json().items[0].reason.code, 'naam-geboortedatum');
    const none = await toegang.post('/api/v1/households/_match', { bsn: testBsn(900) });
    assert.deepEqual(none.json().items, []);
  });

  test('household match refuses an invalid BSN, a mixed or incomplete query, and is not a GET', async () => {
    const invalidBsn = await toegang.post('/api/v1/households/_match', { bsn: '123456789' });
    assert.equal(invalidBsn.statusCode, 400);
    assert.match(String(invalidBsn.headers['content-type']), /application\/problem\+json/);
    assert.equal(invalidBsn.json().invalidParams[0].name, 'bsn');
    assert.ok(invalidBsn.json().invalidParams[0].nl && invalidBsn.json().invalidParams[0].en);
    const both = await toegang.post('/api/v1/households/_match', { bsn: testBsn(5), familyName: 'X' });
    assert.equal(both.statusCode, 400);
    const partial = await toegang.post('/api/v1/households/_match', { familyName: 'X' });
    assert.equal(partial.statusCode, 400);
    assert.deepEqual(
      partial
        .json()
        .invalidParams.map((p: { name: string }) => p.name)
        .sort(),
      ['birthDate', 'houseNumber', 'postcode'],
    );
    const impossible = await toegang.post('/api/v1/households/_match', {
      familyName: 'X',
      birthDate: '2025-02-30',
      postcode: '7551AB',
      houseNumber: 1,
    });
    assert.equal(impossible.statusCode, 400);
    const get = await toegang.get('/api/v1/households/_match');
    assert.equal(get.statusCode, 404);
  });

  test('bad input is a clear problem and writes nothing', async () => {
    const before = await rowCounts(grip.database);
    const otherPerson = await personIdByBsn(
      grip.database,
      'GM0153',
      (
        await grip.database.db
          .selectFrom('person')
          .where('municipality_code', '=', 'GM0153')
          .select('bsn')
          .executeTakeFirstOrThrow()
      ).bsn!,
    );
    const future = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const cases: { name: string; body: Record<string, unknown>; param: string; code?: string }[] = [
      { name: 'invalid BSN', body: { person: newResident(10, { bsn: '123456789' }) }, param: 'person.bsn' },
      {
        name: 'impossible birth date',
        body: { person: newResident(11, { birthDate: '2025-02-30' }) },
        param: 'person.birthDate',
      },
      {
        name: 'birth in the future',
        body: { person: newResident(12, { birthDate: future }) },
        param: 'person.birthDate',
      },
      {
        name: 'unknown field',
        body: { person: newResident(13), priority: 'high' },
        param: 'priority',
        code: 'unknown-field',
      },
      {
        name: 'unknown field in the person',
        body: { person: newResident(14, { nickname: 'Bob' }) },
        param: 'person.nickname',
        code: 'unknown-field',
      },
      { name: 'free text over 4000', body: { person: null, freeText: 'x'.repeat(4001) }, param: 'freeText' },
      { name: 'no question type', body: { person: null, questionTypes: [] }, param: 'questionTypes' },
      {
        name: 'unknown question type',
        body: { person: null, questionTypes: ['toveren'] },
        param: 'questionTypes.0',
      },
      { name: 'bad channel', body: { person: null, channel: 'duif' }, param: 'channel' },
      { name: 'wrong type', body: { person: null, vindplaatsId: 42 }, param: 'vindplaatsId' },
      {
        name: "another municipality's vindplaats",
        body: { person: newResident(15), vindplaatsId: enschedeZorgloket },
        param: 'vindplaatsId',
        code: 'unknown-vindplaats',
      },
      {
        name: "another municipality's person",
        body: { person: { personId: otherPerson } },
        param: 'person.personId',
        code: 'unknown-person',
      },
      {
        name: 'personId with other details',
        body: { person: { personId: otherPerson, familyName: 'X' } },
        param: 'person.familyName',
      },
      {
        name: 'new person without address',
        body: { person: { givenNames: 'A', familyName: 'B', birthDate: '1970-01-01' } },
        param: 'person.address',
      },
      {
        name: 'bad postcode',
        body: { person: newResident(16, { address: { ...newResident(16).address, postcode: '0551AB' } }) },
        param: 'person.address.postcode',
      },
      {
        name: "another municipality's buurt",
        body: {
          person: newResident(17, { address: { ...newResident(17).address, buurtCode: 'BU01530000' } }),
        },
        param: 'person.address.buurtCode',
        code: 'unknown-buurt',
      },
      {
        name: 'BSN of someone with another birth date',
        body: { person: newResident(1, { birthDate: '1999-09-09' }) },
        param: 'person.bsn',
        code: 'bsn-mismatch',
      },
    ];
    for (const c of cases) {
      const response = await register(c.body);
      assert.equal(response.statusCode, 400, `${c.name}: ${response.body}`);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/, c.name);
      const params = response.json().invalidParams as {
        name: string;
        code: string;
        nl: string;
        en: string;
      }[];
      const found = params.find((p) => p.name === c.param);
      assert.ok(found, `${c.name}: expected ${c.param} in ${JSON.stringify(params)}`);
      if (c.code) assert.equal(found.code, c.code, c.name);
      assert.ok(found.nl && found.en && found.nl !== found.en, `${c.name}: bilingual`);
    }
    assert.deepEqual(await rowCounts(grip.database), before);
  });

  test('roles: the beleidsadviseur and the resident may not register or match', async () => {
    for (const role of ['beleidsadviseur', 'inwoner', 'functioneel-beheerder'] as const) {
      const client = await grip.login(role);
      assert.equal((await register({ person: null }, client)).statusCode, 403);
      assert.equal((await client.post('/api/v1/households/_match', { bsn: testBsn(1) })).statusCode, 403);
    }
    const wijkteam = await grip.login('wijkteam-medewerker');
    assert.equal((await register({ person: null }, wijkteam)).statusCode, 201);
  });

  test('list by status, team and period; detail with person, household and nothing of other municipalities', async () => {
    const created = (await register({ person: newResident(20) })).json();
    const list = await toegang.get(`/api/v1/help-questions?status=open&teamId=${toegangTeam}&pageSize=100`);
    assert.equal(list.statusCode, 200, list.body);
    assert.ok(list.json().items.some((q: { id: string }) => q.id === created.id));
    assert.ok(list.json().items.every((q: { status: string; teamId: string }) => q.status === 'open'));
    const today = new Date().toISOString().slice(0, 10);
    const period = await toegang.get(`/api/v1/help-questions?from=2000-01-01&to=2000-12-31`);
    assert.equal(period.json().total, 0);
    const bad = await toegang.get(`/api/v1/help-questions?from=${today}&to=2000-01-01`);
    assert.equal(bad.statusCode, 400);
    const badDate = await toegang.get(`/api/v1/help-questions?from=2025-02-30`);
    assert.equal(badDate.statusCode, 400);
    const unknownParam = await toegang.get(`/api/v1/help-questions?sort=name`);
    assert.equal(unknownParam.statusCode, 400);

    const detail = await toegang.get(`/api/v1/help-questions/${created.id}`);
    assert.equal(detail.statusCode, 200, detail.body);
    assert.equal(detail.json().person.bsn, testBsn(20));
    assert.equal(detail.json().household.members.length, 1);
    assert.equal(detail.json().household.address.postcode, '7551AB');
    assert.equal(detail.json().vindplaats.kind, 'zorgloket');
    assert.equal(detail.json().intake, null);
    assert.equal(detail.json().triage, null);

    const enschede = await grip.login('toegang-medewerker', 'GM0153');
    assert.equal((await enschede.get(`/api/v1/help-questions/${created.id}`)).statusCode, 404);
    const theirs = await enschede.get('/api/v1/help-questions?pageSize=100');
    assert.ok(theirs.json().items.every((q: { id: string }) => q.id !== created.id));
  });

  test('the same Idempotency-Key twice gives the same question once', async () => {
    const key = 'staff-key-0123456789abcdef';
    const first = await register({ person: newResident(30) }, toegang, { 'idempotency-key': key });
    assert.equal(first.statusCode, 201, first.body);
    const before = await rowCounts(grip.database);
    const second = await register({ person: newResident(30) }, toegang, { 'idempotency-key': key });
    assert.equal(second.statusCode, 200, second.body);
    assert.equal(second.json().id, first.json().id);
    assert.equal(second.json().reference, first.json().reference);
    assert.deepEqual(await rowCounts(grip.database), before);
    const bad = await register({ person: null }, toegang, { 'idempotency-key': 'short' });
    assert.equal(bad.statusCode, 400);
  });

  test('registrations at the same time get different reference numbers', async () => {
    // On PostgreSQL these run in parallel transactions (the pool); on PGlite they are serialised.
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        inTenantTransaction(grip.database, 'GM0164', (tx) =>
          registerHelpQuestion(
            tx,
            'GM0164',
            {
              channel: 'online',
              vindplaatsId: zorgloket,
              questionTypes: ['wonen'],
              person: i % 2 === 0 ? null : newResident(100 + i),
            },
            { userId: null },
          ),
        ),
      ),
    );
    const references = results.map((r) => r.reference);
    assert.equal(new Set(references).size, references.length, references.join(' '));
    const numbers = references.map((r) => Number(r.split('-')[2])).sort((a, b) => a - b);
    assert.equal(numbers.at(-1)! - numbers[0]!, numbers.length - 1, `consecutive on ${DB_KIND}`);
  });

  test('concurrent submissions with the same idempotency key register one question', async () => {
    const key = 'concurrent-key-0123456789';
    const before = (await rowCounts(grip.database)).help_question;
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        inTenantTransaction(grip.database, 'GM0164', (tx) =>
          registerHelpQuestion(
            tx,
            'GM0164',
            {
              channel: 'online',
              vindplaatsId: zorgloket,
              questionTypes: ['wonen'],
              person: null,
              idempotencyKey: key,
            },
            { userId: null },
          ),
        ),
      ),
    );
    assert.equal(new Set(results.map((r) => r.id)).size, 1);
    assert.equal(results.filter((r) => !r.replayed).length, 1);
    assert.equal((await rowCounts(grip.database)).help_question, before + 1);
  });
});
