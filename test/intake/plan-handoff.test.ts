/**
 * Hand-off from intake to the household plan: a melding opens the household's plan (concept, every
 * member a participant, a first version awaiting agreement); a later melding in the same household, under
 * another law, joins that plan instead of starting over. Other outcomes open no plan.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { localDate } from '../../src/intake/local-date.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { newResident, vindplaatsId } from './intake-test-helpers.ts';

describe('a melding opens or joins the household plan', () => {
  let grip: TestApp;
  let toegang: Client;
  let zorgloket: string;

  before(async () => {
    grip = await createTestApp();
    toegang = await grip.login('toegang-medewerker');
    zorgloket = await vindplaatsId(grip.database, 'GM0164', 'zorgloket');
  });
  after(() => grip.close());

  async function question(person: unknown) {
    const response = await toegang.post('/api/v1/help-questions', {
      channel: 'telefoon',
      vindplaatsId: zorgloket,
      questionTypes: ['huishouden'],
      person,
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json() as { id: string; personId: string; householdId: string; reference: string };
  }

  test('first melding opens the plan, a second one in the household joins it, advice opens none', async () => {
    const first = await question(newResident(900));
    const triage = await toegang.post(`/api/v1/help-questions/${first.id}/triage`, {
      outcome: 'melding',
      lawCode: 'wmo',
      homeVisitDate: localDate(),
    });
    assert.equal(triage.statusCode, 201, triage.body);
    const opened = triage.json().householdPlan as { planId: string; opened: boolean };
    assert.equal(opened.opened, true);

    const db = grip.database.db;
    const plan = await db
      .selectFrom('household_plan')
      .selectAll()
      .where('id', '=', opened.planId)
      .executeTakeFirstOrThrow();
    assert.equal(plan.status, 'concept');
    assert.equal(plan.household_id, first.householdId);
    assert.equal(plan.contact_person_id, first.personId);
    const participants = await db
      .selectFrom('plan_participant')
      .select('person_id')
      .where('plan_id', '=', plan.id)
      .execute();
    assert.deepEqual(
      participants.map((p) => p.person_id),
      [first.personId],
    );
    const versions = await db.selectFrom('plan_version').selectAll().where('plan_id', '=', plan.id).execute();
    assert.equal(versions.length, 1);
    assert.equal(versions[0]!.agreement, 'open');
    assert.match(versions[0]!.reason, new RegExp(first.reference));

    // Another question for the same resident, a melding under another law: same plan.
    const second = await question({ personId: first.personId });
    const joined = await toegang.post(`/api/v1/help-questions/${second.id}/triage`, {
      outcome: 'melding',
      lawCode: 'participatiewet',
    });
    assert.equal(joined.statusCode, 201, joined.body);
    assert.deepEqual(joined.json().householdPlan, { planId: plan.id, opened: false });
    const detail = await toegang.get(`/api/v1/help-questions/${second.id}`);
    assert.equal(detail.json().householdPlanId, plan.id);

    const advice = await question(newResident(901));
    const info = await toegang.post(`/api/v1/help-questions/${advice.id}/triage`, {
      outcome: 'informatie-advies',
    });
    assert.equal(info.statusCode, 201, info.body);
    assert.equal(info.json().householdPlan, null);
    const plans = await db
      .selectFrom('household_plan')
      .select('id')
      .where('household_id', '=', advice.householdId)
      .execute();
    assert.equal(plans.length, 0);
  });

  test('the planned home visit is recorded once it is held; impossible, future and repeated records refused', async () => {
    const q = await question(newResident(902));
    const today = localDate();
    const triage = await toegang.post(`/api/v1/help-questions/${q.id}/triage`, {
      outcome: 'melding',
      lawCode: 'wmo',
      homeVisitDate: today,
    });
    assert.equal(triage.statusCode, 201, triage.body);
    const record = (body: unknown) => toegang.post(`/api/v1/help-questions/${q.id}/home-visit`, body);
    for (const [body, param] of [
      [{ heldDate: '2025-02-30' }, 'heldDate'],
      [{ heldDate: '2999-01-01' }, 'heldDate'],
      [{ heldDate: '2020-01-01' }, 'heldDate'],
      [{ heldDate: today, note: 'x' }, 'note'],
    ] as const) {
      const bad = await record(body);
      assert.equal(bad.statusCode, 400, bad.body);
      assert.match(String(bad.headers['content-type']), /^application\/problem\+json/);
      assert.ok(
        (bad.json().invalidParams as { name: string }[]).some((p) => p.name === param),
        bad.body,
      );
    }
    const row = () =>
      grip.database.db
        .selectFrom('triage')
        .select('home_visit_held_on')
        .where('help_question_id', '=', q.id)
        .executeTakeFirstOrThrow();
    assert.equal((await row()).home_visit_held_on, null, 'nothing written by bad requests');
    const held = await record({ heldDate: today });
    assert.equal(held.statusCode, 201, held.body);
    assert.deepEqual(held.json(), { plannedDate: today, heldDate: today });
    assert.equal((await row()).home_visit_held_on, today);
    assert.equal((await record({ heldDate: today })).statusCode, 409);

    const advice = await question(newResident(903));
    await toegang.post(`/api/v1/help-questions/${advice.id}/triage`, { outcome: 'informatie-advies' });
    const none = await toegang.post(`/api/v1/help-questions/${advice.id}/home-visit`, { heldDate: today });
    assert.equal(none.statusCode, 409);
    assert.equal(none.json().code, 'no-home-visit-planned');
  });
});
