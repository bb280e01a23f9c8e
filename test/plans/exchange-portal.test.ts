/**
 * The resident's plan in the portal: only as an adult participant of the household's open plan (else 404
 * `no-plan`), in plain words; agreement with the newest version only (the regisseur is told); never
 * another household's plan, messages or documents.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { localDate } from '../../src/intake/local-date.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import {
  addDays,
  householdWithPlan,
  linkResident,
  settleNotifications,
  userId,
  type PlanFixture,
} from './exchange-helpers.ts';

const PORTAL_ROUTES: [method: 'GET' | 'POST', url: string, body?: unknown][] = [
  ['GET', '/api/v1/portal/plan'],
  ['GET', '/api/v1/portal/plan/pdf'],
  ['GET', '/api/v1/portal/plan/messages'],
  ['POST', '/api/v1/portal/plan/messages', { body: 'Hallo' }],
  ['GET', '/api/v1/portal/plan/documents'],
  ['POST', '/api/v1/portal/plan/versions/1/agreement', { agreement: 'akkoord' }],
];

describe("the resident's plan in the portal", () => {
  let grip: TestApp;
  let toegang: Client;
  let regisseur: Client;
  let inwoner: Client;
  let first: PlanFixture;
  let second: PlanFixture;
  const today = localDate();

  before(async () => {
    grip = await createTestApp();
    toegang = await grip.login('toegang-medewerker');
    regisseur = await grip.login('regisseur');
    inwoner = await grip.login('inwoner');
    first = await householdWithPlan(grip, toegang, 900);
    second = await householdWithPlan(grip, toegang, 901);
    await settleNotifications(grip, [toegang, regisseur, inwoner]);
  });
  after(() => grip.close());

  test('my plan in plain words, logged with the participants as subjects', async () => {
    await linkResident(grip, first.personId);
    const response = await inwoner.get('/api/v1/portal/plan');
    assert.equal(response.statusCode, 200, response.body);
    const plan = response.json();
    assert.equal(plan.id, first.planId);
    assert.equal(plan.status, 'actief');
    assert.equal(plan.regisseur.name, 'Rachida Regisseur (demo)');
    assert.equal(plan.nextEvaluationOn, addDays(today, 60));
    assert.deepEqual(plan.participants.map((p: { name: string }) => p.name).sort(), [
      'Anna Test900',
      'Kees Kind900',
    ]);
    assert.equal(plan.goals.length, 1);
    const goal = plan.goals[0];
    assert.equal(goal.owner.nl, 'Anna Test900');
    assert.deepEqual(goal.statusText, { nl: 'Nog bezig', en: 'In progress' });
    assert.equal(goal.actions[0].owner.nl, 'Uw netwerk: familie, vrienden of buren');
    assert.equal(goal.services.length, 1);
    assert.deepEqual(
      plan.versions.map((v: { version: number; agreement: string }) => [v.version, v.agreement]),
      [[1, 'open']],
    );
    assert.deepEqual(plan.documents, []);
    assert.ok(!JSON.stringify(plan).includes('bsn'), 'no BSN in the portal plan');

    const entry = await grip.database.db
      .selectFrom('processing_log')
      .select(['subject_ids', 'purpose'])
      .where('action', '=', 'portal-plan.read')
      .where('outcome', '=', 'success')
      .executeTakeFirstOrThrow();
    assert.equal(entry.purpose, 'inzage-inwoner');
    assert.deepEqual([...entry.subject_ids].sort(), [first.personId, first.childId].sort());
  });

  test('agreement with the newest version: recorded, the regisseur told; bad input and old versions refused', async () => {
    await linkResident(grip, first.personId);
    const version = () =>
      grip.database.db
        .selectFrom('plan_version')
        .select(['agreement', 'agreement_note', 'agreement_recorded_by'])
        .where('plan_id', '=', first.planId)
        .where('version', '=', 1)
        .executeTakeFirstOrThrow();
    const notices = async () =>
      (
        await sql<{ n: number }>`SELECT count(*)::int AS n FROM notification WHERE kind = 'akkoord'`.execute(
          grip.database.db,
        )
      ).rows[0]!.n;
    for (const [body, param] of [
      [{ agreement: 'misschien' }, 'agreement'],
      [{}, 'agreement'],
      [{ agreement: 'akkoord', note: 'x'.repeat(2001) }, 'note'],
      [{ agreement: 'akkoord', extra: true }, 'extra'],
    ] as const) {
      const bad = await inwoner.post('/api/v1/portal/plan/versions/1/agreement', body);
      assert.equal(bad.statusCode, 400, bad.body);
      assert.ok(
        (bad.json().invalidParams as { name: string }[]).some((p) => p.name === param),
        bad.body,
      );
    }
    assert.equal(
      (await inwoner.post('/api/v1/portal/plan/versions/0/agreement', { agreement: 'akkoord' })).statusCode,
      400,
    );
    const missing = await inwoner.post('/api/v1/portal/plan/versions/7/agreement', { agreement: 'akkoord' });
    assert.equal(missing.statusCode, 404, missing.body);
    assert.deepEqual(await version(), {
      agreement: 'open',
      agreement_note: null,
      agreement_recorded_by: null,
    });
    assert.equal(await notices(), 0);

    const answer = await inwoner.post('/api/v1/portal/plan/versions/1/agreement', {
      agreement: 'niet-akkoord',
      note: 'Ik wil eerst nog praten over doel één.',
    });
    assert.equal(answer.statusCode, 200, answer.body);
    assert.equal(answer.json().agreement, 'niet-akkoord');
    assert.deepEqual(await version(), {
      agreement: 'niet-akkoord',
      agreement_note: 'Ik wil eerst nog praten over doel één.',
      agreement_recorded_by: await userId(grip, 'inwoner@hengelo.demo'),
    });
    const told = (await regisseur.get('/api/v1/notifications')).json();
    assert.equal(told.items[0].kind, 'akkoord');
    assert.match(told.items[0].title.nl, /niet akkoord met versie 1/);
    assert.equal(await notices(), 1, 'only the regisseur is told');

    // A newer version makes version 1 old: answering it is a conflict and changes nothing.
    await grip.database.db
      .insertInto('plan_version')
      .values({
        municipality_code: 'GM0164',
        plan_id: first.planId,
        version: 2,
        created_at: new Date(),
        reason: 'Doel aangepast na gesprek',
        snapshot: JSON.stringify({ goals: [] }),
        agreement: 'open',
      })
      .execute();
    await grip.database.db
      .updateTable('household_plan')
      .set({ version: 2 })
      .where('id', '=', first.planId)
      .execute();
    const old = await inwoner.post('/api/v1/portal/plan/versions/1/agreement', { agreement: 'akkoord' });
    assert.equal(old.statusCode, 409, old.body);
    assert.equal(old.json().code, 'version-not-newest');
    assert.equal((await version()).agreement, 'niet-akkoord');
    const newest = await inwoner.post('/api/v1/portal/plan/versions/2/agreement', { agreement: 'akkoord' });
    assert.equal(newest.statusCode, 200, newest.body);
    const versions = (await inwoner.get('/api/v1/portal/plan')).json().versions;
    assert.deepEqual(
      versions.map((v: { version: number; agreement: string }) => [v.version, v.agreement]),
      [
        [1, 'niet-akkoord'],
        [2, 'akkoord'],
      ],
    );
  });

  test('two households: the resident sees only their own plan, messages and documents', async () => {
    await linkResident(grip, first.personId);
    await toegang.post(`/api/v1/plans/${first.planId}/messages`, { body: 'Bericht voor huishouden één' });
    const doc = await toegang.request('POST', `/api/v1/plans/${first.planId}/documents`, {
      body: Buffer.from('%PDF-1.4\n%%EOF\n'),
      headers: { 'content-type': 'application/pdf', 'x-file-name': 'een.pdf' },
    });
    assert.equal(doc.statusCode, 201, doc.body);
    assert.equal((await inwoner.get(`/api/v1/portal/documents/${doc.json().id}`)).statusCode, 200);

    await linkResident(grip, second.personId);
    const plan = (await inwoner.get('/api/v1/portal/plan')).json();
    assert.equal(plan.id, second.planId);
    assert.ok(!JSON.stringify(plan).includes(first.planId));
    const messages = (await inwoner.get('/api/v1/portal/plan/messages')).json();
    assert.deepEqual(messages.items, []);
    assert.deepEqual((await inwoner.get('/api/v1/portal/plan/documents')).json().items, []);
    const foreign = await inwoner.get(`/api/v1/portal/documents/${doc.json().id}`);
    assert.equal(foreign.statusCode, 404);
    // What the resident writes lands on their own plan only.
    await inwoner.post('/api/v1/portal/plan/messages', { body: 'Van huishouden twee' });
    const onFirst = (await toegang.get(`/api/v1/plans/${first.planId}/messages`)).json().items;
    assert.ok(!onFirst.some((m: { body: string }) => m.body === 'Van huishouden twee'));
  });

  test('no plan: not linked, a child, not a participant, or the plan closed → 404 no-plan everywhere', async () => {
    const outsider = await grip.database.db
      .insertInto('person')
      .values({
        municipality_code: 'GM0164',
        given_names: 'Piet',
        family_name: 'Buiten',
        birth_date: '1970-01-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const cases: [string, string | null][] = [
      ['not linked', null],
      ['a child participant', first.childId],
      ['not a participant', outsider.id],
    ];
    for (const [what, personId] of cases) {
      await linkResident(grip, personId);
      for (const [method, url, body] of PORTAL_ROUTES) {
        const response = await inwoner.request(method, url, { body });
        assert.equal(response.statusCode, 404, `${what}: ${method} ${url}: ${response.body}`);
        assert.equal(response.json().code, 'no-plan');
      }
    }
    await linkResident(grip, second.personId);
    await grip.database.db
      .updateTable('household_plan')
      .set({ status: 'afgesloten', closed_on: today })
      .where('id', '=', second.planId)
      .execute();
    assert.equal((await inwoner.get('/api/v1/portal/plan')).json().code, 'no-plan');
    // Professionals cannot use the portal's routes at all (the role table).
    assert.equal((await toegang.get('/api/v1/portal/plan')).statusCode, 403);
  });
});
