/** The demo plan: seeded once (idempotent), directed by the demo regisseur, led by the demo wijkteam worker. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedPlanDemo } from '../../src/demo/plan-demo.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

describe('demo plan', () => {
  let grip: TestApp;
  before(async () => {
    grip = await createTestApp();
  });
  after(() => grip.close());

  test('the regisseur directs one synthetic household plan with goals, services, evaluation, scores and two versions', async () => {
    for (let i = 0; i < 2; i++) {
      await grip.database.db.transaction().execute((tx) => seedPlanDemo(tx, 'GM0164'));
    }
    const regisseur = await grip.login('regisseur');
    const list = await regisseur.get('/api/v1/plans?mine=true');
    assert.equal(list.statusCode, 200, list.body);
    assert.equal(list.json().items.length, 1, 'seeded once');
    const planId = list.json().items[0].id;
    const plan = (await regisseur.get(`/api/v1/plans/${planId}`)).json();
    assert.equal(plan.access, 'regisseur');
    assert.equal(plan.goals.length, 2);
    assert.deepEqual(
      plan.goals.flatMap((g: { services: { lawCode: string }[] }) => g.services.map((s) => s.lawCode)).sort(),
      ['jeugdwet', 'wmo'],
    );
    assert.equal(plan.versions.length, 2);
    assert.equal(plan.versions[0].agreement, 'akkoord');
    assert.ok(plan.evaluations.some((e: { outcome: string | null }) => e.outcome === 'bijstellen'));
    const scores = (await regisseur.get(`/api/v1/plans/${planId}/scores`)).json();
    assert.equal(scores.series.length, 3);
    const diff = (await regisseur.get(`/api/v1/plans/${planId}/versions/compare?from=1&to=2`)).json();
    assert.equal(diff.goals.added.length, 1);
    const wijkteam = await grip.login('wijkteam-medewerker');
    const asLead = await wijkteam.get(`/api/v1/plans/${planId}`);
    assert.equal(asLead.statusCode, 200, asLead.body);
    assert.equal(asLead.json().access, 'teamleider');
  });
});
