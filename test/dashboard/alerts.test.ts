import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { evaluateAlerts } from '../../src/dashboard/alerts/alert-evaluation.ts';
import { monthBefore, overdueMeldingen } from '../../src/dashboard/alerts/alert-figures.ts';
import { refreshMoney } from '../../src/dashboard/money/money-maintainer.ts';
import { generateMunicipality } from '../../src/generator/generate.ts';
import { inTenantTransaction } from '../../src/platform/db/tenant-transaction.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

/**
 * Alert rules (issue 8 point 12): the routes with their bad input and concurrent edits, and the evaluation
 * on a generated municipality — a breach notifies the owner once, not again while it lasts, ends when the
 * figure is back, and fires again on a new breach; for spending against budget, an indicator off track and
 * overdue decisions rising.
 */

const MC = 'GM0164';
const TODAY = '2026-06-15';

describe('dashboard alert rules and alerts', () => {
  let grip: TestApp;
  let beleid: Client;
  let ownerId: string;
  let otherMunicipalityUserId: string;
  let noRoleUserId: string;

  const userId = async (username: string, mc: string) => {
    const { rows } = await sql<{ id: string }>`
      SELECT id FROM app_user WHERE municipality_code = ${mc} AND username = ${username}`.execute(
      grip.database.db,
    );
    return rows[0]!.id;
  };
  const evaluate = () =>
    inTenantTransaction(grip.database, MC, (tx) => evaluateAlerts(tx, MC, { today: TODAY }));
  const notificationsFor = async (id: string) => {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM notification WHERE municipality_code = ${MC} AND recipient_user_id = ${id}
        AND kind = 'signalering' AND link = '/dashboard/signalen'`.execute(grip.database.db);
    return rows[0]!.n;
  };
  const ruleCount = async () => {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM dash_alert_rule`.execute(
      grip.database.db,
    );
    return rows[0]!.n;
  };

  before(async () => {
    grip = await createTestApp();
    await generateMunicipality(grip.database, {
      municipality: MC,
      inhabitants: 2_000,
      years: 1,
      seed: 7,
      until: '2026-06',
    });
    await inTenantTransaction(grip.database, MC, (tx) =>
      refreshMoney(tx, MC, { full: true, personIds: [], householdIds: [], months: [] }),
    );
    beleid = await grip.login('beleidsadviseur');
    ownerId = await userId('beleid@hengelo.demo', MC);
    otherMunicipalityUserId = await userId('beleid@enschede.demo', 'GM0153');
    const { rows } = await sql<{ id: string }>`
      INSERT INTO app_user (municipality_code, username, display_name) VALUES (${MC}, 'zonder-rol', 'Zonder Rol')
      RETURNING id`.execute(grip.database.db);
    noRoleUserId = rows[0]!.id;
  });
  after(async () => {
    await grip.database.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await grip.close();
  });

  test('create, list, change with If-Match, refuse a stale version, delete', async () => {
    const created = await beleid.post('/api/v1/dashboard/alert-rules', {
      figure: 'overdue-decisions-rising',
      thresholdPct: 50,
      ownerUserId: ownerId,
      active: false,
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.headers.etag, '"1"');
    const rule = created.json();
    assert.equal(rule.figure, 'overdue-decisions-rising');
    assert.equal(rule.thresholdPct, 50);
    assert.equal(rule.owner.userId, ownerId);
    assert.equal(rule.breached, false);

    const list = await beleid.get('/api/v1/dashboard/alert-rules');
    assert.equal(list.statusCode, 200);
    assert.ok(list.json().items.some((r: { id: string }) => r.id === rule.id));

    const url = `/api/v1/dashboard/alert-rules/${rule.id}`;
    const changed = await beleid.patch(url, { thresholdPct: 12.5 }, { 'if-match': '"1"' });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.headers.etag, '"2"');
    assert.equal(changed.json().thresholdPct, 12.5);

    const stale = await beleid.patch(url, { thresholdPct: 20 }, { 'if-match': '"1"' });
    assert.equal(stale.statusCode, 412);
    assert.match(String(stale.headers['content-type']), /application\/problem\+json/);
    const missing = await beleid.patch(url, { thresholdPct: 20 });
    assert.equal(missing.statusCode, 428);
    const staleDelete = await beleid.request('DELETE', url, { headers: { 'if-match': '"1"' } });
    assert.equal(staleDelete.statusCode, 412);

    const deleted = await beleid.request('DELETE', url, { headers: { 'if-match': '"2"' } });
    assert.equal(deleted.statusCode, 204);
    const gone = await beleid.patch(url, { thresholdPct: 20 }, { 'if-match': '"2"' });
    assert.equal(gone.statusCode, 404);
  });

  test('bad input: 400 problem+json in Dutch and English, nothing written', async () => {
    const before = await ruleCount();
    const cases: [string, Record<string, unknown>, string][] = [
      ['unknown figure', { figure: 'budget-vibes', thresholdPct: 5, ownerUserId: ownerId }, 'figure'],
      [
        'threshold above 100',
        { figure: 'spending-above-budget', thresholdPct: 150, ownerUserId: ownerId },
        'thresholdPct',
      ],
      [
        'negative threshold',
        { figure: 'spending-above-budget', thresholdPct: -1, ownerUserId: ownerId },
        'thresholdPct',
      ],
      ['no threshold', { figure: 'spending-above-budget', ownerUserId: ownerId }, 'thresholdPct'],
      [
        'owner of another municipality',
        { figure: 'spending-above-budget', thresholdPct: 5, ownerUserId: otherMunicipalityUserId },
        'ownerUserId',
      ],
      [
        'owner without a role',
        { figure: 'spending-above-budget', thresholdPct: 5, ownerUserId: noRoleUserId },
        'ownerUserId',
      ],
      [
        'owner not a uuid',
        { figure: 'spending-above-budget', thresholdPct: 5, ownerUserId: 'bas' },
        'ownerUserId',
      ],
      [
        'indicator rule without indicator',
        { figure: 'indicator-off-track', ownerUserId: ownerId },
        'indicatorId',
      ],
      [
        'indicator rule with a threshold',
        { figure: 'indicator-off-track', thresholdPct: 5, indicatorId: ownerId, ownerUserId: ownerId },
        'thresholdPct',
      ],
      [
        'unknown taakveld',
        { figure: 'spending-above-budget', thresholdPct: 5, taakveld: '9.99', ownerUserId: ownerId },
        'taakveld',
      ],
      [
        'taakveld on another figure',
        { figure: 'overdue-decisions-rising', thresholdPct: 5, taakveld: '6.71', ownerUserId: ownerId },
        'taakveld',
      ],
      [
        'unknown field',
        { figure: 'spending-above-budget', thresholdPct: 5, ownerUserId: ownerId, colour: 'red' },
        '',
      ],
    ];
    for (const [what, body, field] of cases) {
      const response = await beleid.post('/api/v1/dashboard/alert-rules', body);
      assert.equal(response.statusCode, 400, `${what}: ${response.body}`);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/, what);
      const problem = response.json();
      assert.ok(problem.nl?.detail && problem.en?.detail, `${what}: Dutch and English`);
      if (field)
        assert.ok(
          (problem.invalidParams ?? []).some((p: { name: string }) => p.name.includes(field)),
          `${what}: names ${field} in ${JSON.stringify(problem.invalidParams)}`,
        );
    }
    assert.equal(await ruleCount(), before, 'nothing written');
    // A change that makes the rule invalid is refused as a whole.
    const rule = (
      await beleid.post('/api/v1/dashboard/alert-rules', {
        figure: 'overdue-decisions-rising',
        thresholdPct: 5,
        ownerUserId: ownerId,
        active: false,
      })
    ).json();
    const bad = await beleid.patch(
      `/api/v1/dashboard/alert-rules/${rule.id}`,
      { figure: 'indicator-off-track' },
      { 'if-match': '"1"' },
    );
    assert.equal(bad.statusCode, 400);
    const outOfRange = await beleid.patch(
      `/api/v1/dashboard/alert-rules/${rule.id}`,
      { thresholdPct: 100.5 },
      { 'if-match': '"1"' },
    );
    assert.equal(outOfRange.statusCode, 400);
    const badId = await beleid.patch(
      '/api/v1/dashboard/alert-rules/not-a-uuid',
      { active: true },
      { 'if-match': '"1"' },
    );
    assert.equal(badId.statusCode, 400);
    const badQuery = await beleid.get('/api/v1/dashboard/alerts?page=0');
    assert.equal(badQuery.statusCode, 400);
    await beleid.request('DELETE', `/api/v1/dashboard/alert-rules/${rule.id}`, {
      headers: { 'if-match': '"1"' },
    });
  });

  test('only the beleidsadviseur manages rules and reads alerts', async () => {
    const toegang = await grip.login('toegang-medewerker');
    assert.equal((await toegang.get('/api/v1/dashboard/alert-rules')).statusCode, 403);
    assert.equal((await toegang.get('/api/v1/dashboard/alerts')).statusCode, 403);
    const post = await toegang.post('/api/v1/dashboard/alert-rules', {
      figure: 'overdue-decisions-rising',
      thresholdPct: 5,
      ownerUserId: ownerId,
    });
    assert.equal(post.statusCode, 403);
    assert.equal((await grip.anonymous().get('/api/v1/dashboard/alerts')).statusCode, 401);
  });

  test('spending above the pro-rata budget: fires once, not again while it lasts, ends, fires again', async () => {
    const db = grip.database.db;
    const created = await beleid.post('/api/v1/dashboard/alert-rules', {
      figure: 'spending-above-budget',
      thresholdPct: 5,
      ownerUserId: ownerId,
      active: false,
    });
    const rule = created.json();
    await sql`UPDATE dash_alert_rule SET active = true WHERE id = ${rule.id}`.execute(db);
    const setBudget = (factor: number) =>
      sql`UPDATE budget_line SET amount_thousands = round(amount_thousands * ${factor}, 1)
          WHERE municipality_code = ${MC} AND year = 2026 AND side = 'lasten' AND stage = 'begroting'`.execute(
        db,
      );
    const notified = await notificationsFor(ownerId);

    await setBudget(0.5); // spending now far above half the budget
    let outcome = await evaluate();
    assert.deepEqual(outcome.fired, [rule.id]);
    assert.equal(await notificationsFor(ownerId), notified + 1);
    outcome = await evaluate();
    assert.deepEqual(outcome.fired, [], 'no repeat while the breach lasts');
    assert.equal(await notificationsFor(ownerId), notified + 1);

    await setBudget(20); // ten times the original: well within
    outcome = await evaluate();
    assert.deepEqual(outcome.ended, [rule.id]);
    await setBudget(0.025); // half the original again
    outcome = await evaluate();
    assert.deepEqual(outcome.fired, [rule.id], 'a new breach is told again');
    assert.equal(await notificationsFor(ownerId), notified + 2);

    const alerts = await beleid.get(`/api/v1/dashboard/alerts?ruleId=${rule.id}`);
    assert.equal(alerts.statusCode, 200, alerts.body);
    const items = alerts.json().items;
    assert.equal(items.length, 2);
    assert.equal(items[0].endedAt, null, 'the newest is open');
    assert.notEqual(items[1].endedAt, null, 'the first ended');
    assert.ok(items[0].value > items[0].reference * 1.05);
    assert.match(items[0].text.nl, /boven de begroting naar rato/);

    // Each alert's notification is of the kind signalering (not a plan's bericht), for the owner.
    const told = await sql<{ kind: string; link: string; recipient_user_id: string }>`
      SELECT n.kind, n.link, n.recipient_user_id FROM dash_alert a
      JOIN notification n ON n.municipality_code = a.municipality_code AND n.id = a.notification_id
      WHERE a.municipality_code = ${MC} AND a.rule_id = ${rule.id}`.execute(db);
    assert.deepEqual(
      told.rows,
      [1, 2].map(() => ({ kind: 'signalering', link: '/dashboard/signalen', recipient_user_id: ownerId })),
    );
    // The owner sees them under the bell as signalering, linking to the alerts page.
    const bell = await beleid.get('/api/v1/notifications');
    assert.equal(bell.statusCode, 200, bell.body);
    const fromAlerts = bell
      .json()
      .items.filter((n: { title: { nl: string } }) => /^Signalering: .*boven de begroting/.test(n.title.nl));
    assert.equal(fromAlerts.length, 2, bell.body);
    for (const n of fromAlerts) {
      assert.equal(n.kind, 'signalering');
      assert.equal(n.link, '/dashboard/signalen');
      assert.equal(n.planId, null);
    }
    const rules = (await beleid.get('/api/v1/dashboard/alert-rules')).json().items;
    assert.equal(rules.find((r: { id: string }) => r.id === rule.id).breached, true);

    // Deactivating ends the open alert; deleting keeps the history.
    await sql`UPDATE dash_alert_rule SET active = false WHERE id = ${rule.id}`.execute(db);
    outcome = await evaluate();
    assert.deepEqual(outcome.ended, [rule.id]);
    const current = (await beleid.get('/api/v1/dashboard/alert-rules'))
      .json()
      .items.find((r: { id: string }) => r.id === rule.id);
    const deleted = await beleid.request('DELETE', `/api/v1/dashboard/alert-rules/${rule.id}`, {
      headers: { 'if-match': `"${current.version}"` },
    });
    assert.equal(deleted.statusCode, 204);
    const history = (await beleid.get('/api/v1/dashboard/alerts'))
      .json()
      .items.filter((a: { figure: string }) => a.figure === 'spending-above-budget');
    assert.equal(history.length, 2);
    assert.ok(history.every((a: { ruleId: string | null }) => a.ruleId === null));
    await setBudget(2);
  });

  test('an indicator off track fires; back on track ends the alert', async () => {
    const db = grip.database.db;
    const { rows } = await sql<{ id: string }>`
      INSERT INTO indicator (municipality_code, code, name, kind, unit, source_kind, source_name, frequency, direction)
      VALUES (${MC}, 'ALERT-1', 'Tevredenheid', 'effect', 'percentage', 'extern', 'Enquête', 'jaar', 'hoger-is-beter')
      RETURNING id`.execute(db);
    const indicatorId = rows[0]!.id;
    await sql`INSERT INTO indicator_target (municipality_code, indicator_id, year, target_value)
              VALUES (${MC}, ${indicatorId}, 2025, 80)`.execute(db);
    await sql`INSERT INTO indicator_realisation (municipality_code, indicator_id, period_start, period_end, value, source)
              VALUES (${MC}, ${indicatorId}, '2025-01-01', '2025-12-31', 71.5, 'Enquête 2025')`.execute(db);
    const created = await beleid.post('/api/v1/dashboard/alert-rules', {
      figure: 'indicator-off-track',
      indicatorId,
      ownerUserId: ownerId,
    });
    assert.equal(created.statusCode, 201, created.body);
    const rule = created.json();
    assert.equal(rule.breached, true, 'evaluated at once: 71.5 against a target of 80');
    const alerts = (await beleid.get(`/api/v1/dashboard/alerts?ruleId=${rule.id}`)).json().items;
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0].value, 71.5);
    assert.equal(alerts[0].reference, 80);
    let outcome = await evaluate();
    assert.deepEqual(outcome.fired, []);
    await sql`UPDATE indicator_realisation SET value = 84 WHERE indicator_id = ${indicatorId}`.execute(db);
    outcome = await evaluate();
    assert.deepEqual(outcome.ended, [rule.id]);
  });

  test('overdue decisions rising: counted as of a day, a rise above the threshold fires', async () => {
    const db = grip.database.db;
    const rule = (
      await beleid.post('/api/v1/dashboard/alert-rules', {
        figure: 'overdue-decisions-rising',
        thresholdPct: 10,
        ownerUserId: ownerId,
        active: false,
      })
    ).json();
    await sql`UPDATE dash_alert_rule SET active = true WHERE id = ${rule.id}`.execute(db);
    const counts = () =>
      inTenantTransaction(grip.database, MC, async (tx) => ({
        now: await overdueMeldingen(tx, MC, TODAY),
        then: await overdueMeldingen(tx, MC, monthBefore(TODAY)),
      }));
    assert.equal(monthBefore(TODAY), '2026-05-15');
    assert.equal(monthBefore('2026-03-31'), '2026-02-28');
    const first = await counts();
    let outcome = await evaluate();
    const expected = first.now > 0 && first.now > first.then * 1.1;
    assert.equal(outcome.fired.includes(rule.id), expected, JSON.stringify(first));
    // Twenty meldingen of late May and June left open past their investigation term: a clear rise.
    await sql`
      UPDATE melding SET status = 'onderzoek', closed_on = NULL, aanvraag_on = NULL, decision_due_on = NULL,
        investigation_due_on = melded_on
      WHERE municipality_code = ${MC} AND id IN (
        SELECT id FROM melding WHERE municipality_code = ${MC} AND melded_on BETWEEN '2026-05-20' AND '2026-06-10'
        ORDER BY id LIMIT 20)`.execute(db);
    const second = await counts();
    assert.ok(second.now >= first.now + 1, JSON.stringify({ first, second }));
    assert.equal(second.then, first.then, 'a month ago is unchanged');
    outcome = await evaluate();
    if (!expected) assert.deepEqual(outcome.fired, [rule.id]);
    const alerts = (await beleid.get(`/api/v1/dashboard/alerts?ruleId=${rule.id}`)).json().items;
    assert.equal(alerts.length, 1);
    assert.ok(alerts[0].value > alerts[0].reference);
  });
});
