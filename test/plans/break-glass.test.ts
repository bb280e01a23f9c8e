/**
 * Who may open a plan: the regisseur, an involved professional and the team lead; any other casework user
 * gets 403 `plan-not-involved` on every plan route until they break the glass with a reason — for that
 * plan only, logged with the break-glass purpose and the participants, and reviewed by the privacy officer.
 * Other roles are refused by the role table.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { openPlan, planCounts, userIdOf } from './plan-test-helpers.ts';

const EVERY_PLAN_ROUTE = (planId: string): [string, string, unknown?][] => [
  ['GET', `/api/v1/plans/${planId}`],
  ['PUT', `/api/v1/plans/${planId}`, { reason: 'x', professionals: [], goals: [] }],
  ['GET', `/api/v1/plans/${planId}/versions/1`],
  ['GET', `/api/v1/plans/${planId}/versions/compare?from=1&to=1`],
  ['POST', `/api/v1/plans/${planId}/versions/1/agreement`, { agreement: 'akkoord' }],
  ['GET', `/api/v1/plans/${planId}/scores`],
  [
    'POST',
    `/api/v1/plans/${planId}/scores`,
    { assessedOn: '2025-01-01', scores: [{ personId: planId, lifeDomainCode: 'financien', score: 3 }] },
  ],
  ['POST', `/api/v1/plans/${planId}/evaluations`, { plannedOn: '2999-01-01' }],
  [
    'POST',
    `/api/v1/plans/${planId}/evaluations/00000000-0000-4000-8000-000000000000/held`,
    { heldOn: '2025-01-01', outcome: 'bijstellen', scores: [] },
  ],
];

describe('plan access: involved, team lead, break the glass', () => {
  let grip: TestApp;
  let toegang: Client;
  let wijkteam: Client;
  let privacy: Client;
  let planA: { planId: string; householdId: string; personId: string };
  let planB: { planId: string; householdId: string; personId: string };

  before(async () => {
    grip = await createTestApp();
    toegang = await grip.login('toegang-medewerker');
    wijkteam = await grip.login('wijkteam-medewerker');
    privacy = await grip.login('privacy-officer');
    planA = await openPlan(grip, toegang, 400);
    planB = await openPlan(grip, toegang, 401);
  });
  after(() => grip.close());

  test('a casework user not involved gets 403 plan-not-involved on every plan route; other roles 403 by role', async () => {
    for (const [method, url, body] of EVERY_PLAN_ROUTE(planA.planId)) {
      const response = await wijkteam.request(method as 'GET', url, {
        body,
        headers: method === 'PUT' ? { 'if-match': '"1"' } : {},
      });
      assert.equal(response.statusCode, 403, `${method} ${url}: ${response.body}`);
      assert.equal(response.json().code, 'plan-not-involved', `${method} ${url}`);
    }
    const household = await wijkteam.get(`/api/v1/households/${planA.householdId}/plan`);
    assert.equal(household.json().code, 'plan-not-involved');
    for (const role of ['beleidsadviseur', 'aanbieder', 'inwoner', 'privacy-officer'] as const) {
      const client = await grip.login(role);
      const response = await client.get(`/api/v1/plans/${planA.planId}`);
      assert.equal(response.statusCode, 403, role);
      assert.equal(response.json().code, 'forbidden', role);
    }
    const list = await wijkteam.get('/api/v1/plans?mine=true');
    assert.equal(list.statusCode, 200);
    assert.equal(list.json().items.length, 0, 'not involved: nothing in my list');
  });

  test("the lead of the plan's team opens it as teamleider", async () => {
    const db = grip.database.db;
    const team = await db
      .insertInto('team')
      .values({
        municipality_code: 'GM0164',
        name: 'Wijkteam Test',
        kind: 'wijkteam',
        lead_user_id: await userIdOf(grip, 'regisseur'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('household_plan').set({ team_id: team.id }).where('id', '=', planB.planId).execute();
    const regisseur = await grip.login('regisseur');
    const response = await regisseur.get(`/api/v1/plans/${planB.planId}`);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().access, 'teamleider');
    assert.equal((await regisseur.get(`/api/v1/plans/${planA.planId}`)).statusCode, 403);
  });

  test('breaking the glass needs a reason of 20 characters, opens that plan only, is logged and reviewed', async () => {
    const before = await planCounts(grip);
    const short = await wijkteam.post(`/api/v1/plans/${planA.planId}/break-glass`, {
      reason: 'Spoed, even kijken',
    });
    assert.equal(short.statusCode, 400, short.body);
    assert.equal(short.json().invalidParams[0].name, 'reason');
    assert.deepEqual(await planCounts(grip), before);
    const unknown = await wijkteam.post(`/api/v1/plans/00000000-0000-4000-8000-000000000000/break-glass`, {
      reason: 'Politie belt over acute zorgen om de kinderen',
    });
    assert.equal(unknown.statusCode, 404);

    const reason = 'Politie belt over acute zorgen om de kinderen in dit gezin';
    const broken = await wijkteam.post(`/api/v1/plans/${planA.planId}/break-glass`, { reason });
    assert.equal(broken.statusCode, 201, broken.body);
    const { id, expiresAt } = broken.json();
    const hours = (Date.parse(expiresAt) - Date.now()) / 3_600_000;
    assert.ok(hours > 7.9 && hours <= 8, `expires in 8 hours, got ${hours}`);

    const log = await grip.database.db
      .selectFrom('processing_log')
      .selectAll()
      .where('action', '=', 'break-glass.create')
      .where('outcome', '=', 'success')
      .executeTakeFirstOrThrow();
    assert.equal(log.purpose, 'doorbraak-noodsituatie');
    assert.deepEqual(log.subject_ids, [planA.personId]);

    const opened = await wijkteam.get(`/api/v1/plans/${planA.planId}`);
    assert.equal(opened.statusCode, 200, opened.body);
    assert.equal(opened.json().access, 'doorbraak');
    const other = await wijkteam.get(`/api/v1/plans/${planB.planId}`);
    assert.equal(other.statusCode, 403);
    assert.equal(other.json().code, 'plan-not-involved');
    const twice = await wijkteam.post(`/api/v1/plans/${planA.planId}/break-glass`, { reason });
    assert.equal(twice.statusCode, 409);
    const involved = await toegang.post(`/api/v1/plans/${planA.planId}/break-glass`, { reason });
    assert.equal(involved.statusCode, 409);

    assert.equal((await wijkteam.get('/api/v1/break-glass')).statusCode, 403);
    const list = await privacy.get('/api/v1/break-glass?reviewed=false');
    assert.equal(list.statusCode, 200, list.body);
    const item = list.json().items[0];
    assert.equal(item.id, id);
    assert.equal(item.reason, reason);
    assert.equal(item.planId, planA.planId);
    assert.equal(item.user.name, 'Willem Wijkteam (demo)');
    assert.match(item.householdAddress, /Marktstraat/);

    const empty = await privacy.post(`/api/v1/break-glass/${id}/review`, { note: '' });
    assert.equal(empty.statusCode, 400);
    const reviewed = await privacy.post(`/api/v1/break-glass/${id}/review`, {
      note: 'Terecht: melding politie.',
    });
    assert.equal(reviewed.statusCode, 200, reviewed.body);
    assert.equal(reviewed.json().reviewNote, 'Terecht: melding politie.');
    assert.ok(reviewed.json().reviewedAt);
    assert.equal(
      (await privacy.post(`/api/v1/break-glass/${id}/review`, { note: 'Nog eens' })).statusCode,
      409,
    );
    assert.equal((await privacy.get('/api/v1/break-glass?reviewed=false')).json().total, 0);
    assert.equal((await privacy.get('/api/v1/break-glass?reviewed=true')).json().total, 1);
  });

  test('broken glass runs out', async () => {
    await grip.database.db
      .updateTable('plan_access_override')
      .set({ granted_at: new Date(Date.now() - 9 * 3_600_000), expires_at: new Date(Date.now() - 3_600_000) })
      .execute();
    const response = await wijkteam.get(`/api/v1/plans/${planA.planId}`);
    assert.equal(response.statusCode, 403);
  });
});
