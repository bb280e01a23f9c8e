import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * The resident portal: the account's own person's help questions in plain words, never anybody else's,
 * and a clear message when the account is not linked to a person.
 */

async function personId(grip: TestApp, municipalityCode: string, bsn: string): Promise<string> {
  const row = await grip.database.db
    .selectFrom('person')
    .select('id')
    .where('municipality_code', '=', municipalityCode)
    .where('bsn', '=', bsn)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function link(grip: TestApp, municipalityCode: string, username: string, person: string | null) {
  await grip.database.db
    .updateTable('app_user')
    .set({ person_id: person })
    .where('municipality_code', '=', municipalityCode)
    .where('username', '=', username)
    .execute();
}

describe('resident portal: my help questions', () => {
  let grip: TestApp;
  let jan: string;
  let fatima: string;
  const ids: Record<string, string> = {};

  before(async () => {
    grip = await createTestApp();
    const { db } = grip.database;
    jan = await personId(grip, 'GM0164', '999990019');
    fatima = await personId(grip, 'GM0164', '999990020');
    await link(grip, 'GM0164', 'inwoner@hengelo.demo', jan);
    await link(grip, 'GM0153', 'inwoner@enschede.demo', null);
    const vindplaats = await db
      .selectFrom('vindplaats')
      .select('id')
      .where('municipality_code', '=', 'GM0164')
      .where('kind', '=', 'zorgloket')
      .executeTakeFirstOrThrow();
    const address = await db
      .insertInto('address')
      .values({
        municipality_code: 'GM0164',
        street: 'Marktstraat',
        house_number: 1,
        postcode: '7551DR',
        city: 'Hengelo',
        buurt_code: 'BU01640000',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const household = await db
      .insertInto('household')
      .values({ municipality_code: 'GM0164', address_id: address.id, formed_on: '2000-01-01' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const add = async (
      key: string,
      person: string,
      receivedAt: string,
      types: ('inkomen' | 'huishouden' | 'eenzaamheid' | 'opvoeding')[],
      closedAt: string | null,
    ) => {
      const row = await db
        .insertInto('help_question')
        .values({
          municipality_code: 'GM0164',
          reference: `HV-2026-${String(Object.keys(ids).length + 1).padStart(7, '0')}`,
          received_at: receivedAt,
          channel: 'telefoon',
          vindplaats_id: vindplaats.id,
          question_types: types,
          household_id: household.id,
          person_id: person,
          free_text: `Vraag ${key}`,
          status: closedAt ? 'afgesloten' : 'open',
          closed_at: closedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[key] = row.id;
    };
    await add('advice', jan, '2026-01-05T10:00:00Z', ['inkomen'], '2026-01-05T11:00:00Z');
    await add('melding', jan, '2026-02-10T09:00:00Z', ['huishouden', 'eenzaamheid'], null);
    // 23:30 UTC on 31 March is 1 April in the Netherlands.
    await add('new', jan, '2026-03-31T23:30:00Z', ['eenzaamheid'], null);
    await add('fatima', fatima, '2026-03-01T09:00:00Z', ['opvoeding'], null);
    await db
      .insertInto('triage')
      .values([
        {
          municipality_code: 'GM0164',
          help_question_id: ids.advice!,
          outcome: 'informatie-advies',
          decided_at: '2026-01-05T10:30:00Z',
        },
        {
          municipality_code: 'GM0164',
          help_question_id: ids.melding!,
          outcome: 'melding',
          decided_at: '2026-02-10T09:30:00Z',
          home_visit_planned_on: '2026-02-17',
        },
      ])
      .execute();
    await db
      .insertInto('melding')
      .values({
        municipality_code: 'GM0164',
        help_question_id: ids.melding!,
        person_id: jan,
        law_code: 'wmo',
        melded_on: '2026-02-10',
        investigation_due_on: '2026-03-24',
        status: 'onderzoek',
      })
      .execute();
  });
  after(() => grip.close());

  test('the linked resident sees their own questions in plain words, newest first, and nobody else’s', async () => {
    const inwoner = await grip.login('inwoner');
    const response = await inwoner.get('/api/v1/my/help-questions');
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.equal(body.message, null);
    assert.deepEqual(
      body.items.map((q: any) => q.id),
      [ids.new, ids.melding, ids.advice],
    );
    assert.ok(!response.body.includes(ids.fatima!), 'not the question of another household member');
    assert.ok(!response.body.includes('Vraag'), 'no free text, no other details');
    const [fresh, melding, advice] = body.items;
    assert.equal(fresh.receivedDate, '2026-04-01');
    assert.equal(fresh.status.code, 'open');
    assert.equal(fresh.status.nl, 'In behandeling');
    assert.equal(fresh.outcome, null);
    assert.match(fresh.nextStep.nl, /neemt contact met u op/);
    assert.deepEqual(fresh.questionTypes, [{ code: 'eenzaamheid', nl: 'Eenzaamheid', en: 'Loneliness' }]);

    assert.equal(melding.reference, 'HV-2026-0000002');
    assert.equal(melding.receivedDate, '2026-02-10');
    assert.equal(melding.outcome.code, 'melding');
    assert.match(melding.outcome.nl, /melding/);
    assert.match(melding.nextStep.nl, /17 februari 2026 bij u thuis/);
    assert.match(melding.nextStep.nl, /uiterlijk 24 maart 2026/);
    assert.match(melding.nextStep.en, /24 March 2026/);
    assert.equal(melding.dueDate, '2026-03-24');
    assert.deepEqual(
      melding.questionTypes.map((t: any) => t.code),
      ['huishouden', 'eenzaamheid'],
    );

    assert.equal(advice.status.code, 'afgesloten');
    assert.equal(advice.status.nl, 'Afgerond');
    assert.equal(advice.outcome.code, 'informatie-advies');
    assert.match(advice.nextStep.nl, /U hoeft niets meer te doen/);
    assert.equal(advice.dueDate, null);
  });

  test('reading them is in the processing log with the person as subject', async () => {
    const inwoner = await grip.login('inwoner');
    const before = await lastLog(grip);
    assert.equal((await inwoner.get('/api/v1/my/help-questions')).statusCode, 200);
    const entry = await lastLog(grip);
    assert.notEqual(entry?.id, before?.id);
    assert.equal(entry!.action, 'my-help-question.list');
    assert.equal(entry!.actor_role, 'inwoner');
    assert.equal(entry!.purpose, 'inzage-inwoner');
    assert.deepEqual(entry!.subject_ids, [jan]);
  });

  test('an account without a linked person gets an empty list and a clear message', async () => {
    const enschede = await grip.login('inwoner', 'GM0153');
    const body = (await enschede.get('/api/v1/my/help-questions')).json();
    assert.deepEqual(body.items, []);
    assert.match(body.message.nl, /niet gekoppeld/);
    assert.match(body.message.en, /not yet linked/);
  });

  test('a linked person without questions is told so', async () => {
    await link(
      grip,
      'GM0153',
      'inwoner@enschede.demo',
      await personId(grip, 'GM0153', (await anyBsn(grip, 'GM0153'))!),
    );
    const enschede = await grip.login('inwoner', 'GM0153');
    const body = (await enschede.get('/api/v1/my/help-questions')).json();
    assert.deepEqual(body.items, []);
    assert.match(body.message.nl, /nog geen vragen/);
    await link(grip, 'GM0153', 'inwoner@enschede.demo', null);
  });

  test('only residents; bad query refused', async () => {
    for (const role of ['toegang-medewerker', 'beleidsadviseur', 'regisseur'] as const) {
      assert.equal((await (await grip.login(role)).get('/api/v1/my/help-questions')).statusCode, 403);
    }
    assert.equal((await grip.anonymous().get('/api/v1/my/help-questions')).statusCode, 401);
    const inwoner = await grip.login('inwoner');
    const bad = await inwoner.get('/api/v1/my/help-questions?personId=' + fatima);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().invalidParams[0].name, 'query.personId');
    assert.ok(!bad.body.includes('Opvoed'));
  });
});

async function lastLog(grip: TestApp) {
  const { rows } = await sql<{
    id: string;
    action: string;
    actor_role: string;
    purpose: string;
    subject_ids: string[];
  }>`SELECT id::text, action, actor_role, purpose, subject_ids FROM processing_log ORDER BY id DESC LIMIT 1`.execute(
    grip.database.db,
  );
  return rows[0];
}

async function anyBsn(grip: TestApp, municipalityCode: string) {
  const row = await grip.database.db
    .selectFrom('person')
    .select('bsn')
    .where('municipality_code', '=', municipalityCode)
    .orderBy('bsn')
    .executeTakeFirst();
  return row?.bsn ?? undefined;
}
