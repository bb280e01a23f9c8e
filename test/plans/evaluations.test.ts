/**
 * Scores and evaluations: the intake's scores are the start, a start measurement can be recorded on the
 * plan, a planned evaluation is held with outcome, satisfaction, scores and goal statuses in one
 * transaction (bad input writes nothing), and the plan worklist shows evaluations due or overdue and the
 * 18-jaar-overgang.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { localDate } from '../../src/intake/local-date.ts';
import { addMonths } from '../../src/plans/transitions.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { testBsn } from '../intake/intake-test-helpers.ts';
import {
  addChild,
  daysFrom,
  openPlan,
  planCounts,
  put,
  serviceByLaw,
  userIdOf,
  youthAllocation,
} from './plan-test-helpers.ts';

describe('scores, evaluations and the plan worklist', () => {
  let grip: TestApp;
  let toegang: Client;
  let plan: Awaited<ReturnType<typeof openPlan>>;
  let childId: string;
  let goalId: string;
  const today = localDate();

  before(async () => {
    grip = await createTestApp();
    toegang = await grip.login('toegang-medewerker');
    plan = await openPlan(grip, toegang, 500);
    // A child turning 18 in three months, with active youth care.
    const eighteenIn3Months = addMonths(today, 3);
    const birth = `${Number(eighteenIn3Months.slice(0, 4)) - 18}${eighteenIn3Months.slice(4)}`.replace(
      /-02-29$/,
      '-02-28',
    );
    childId = await addChild(grip, plan.planId, plan.householdId, testBsn(501), birth);
    await youthAllocation(grip, childId, await serviceByLaw(grip, 'maatwerk', 'jeugdwet'), {
      startDate: '2024-01-01',
    });

    // The intake of the resident's question gave scores (the start).
    const db = grip.database.db;
    const version = await db
      .selectFrom('questionnaire_version')
      .select('id')
      .where('municipality_code', '=', 'GM0164')
      .executeTakeFirstOrThrow();
    const intake = await db
      .insertInto('intake')
      .values({
        municipality_code: 'GM0164',
        help_question_id: plan.questionId,
        questionnaire_version_id: version.id,
        mode: 'telefoon',
        status: 'afgerond',
        started_at: new Date(),
        completed_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('life_domain_score')
      .values({
        municipality_code: 'GM0164',
        person_id: plan.personId,
        assessed_on: daysFrom(today, -30),
        life_domain_code: 'financien',
        score: 2,
        intake_id: intake.id,
      })
      .execute();

    const saved = await put(
      toegang,
      plan.planId,
      {
        reason: 'Doel opgenomen',
        regisseurUserId: await userIdOf(grip, 'toegang-medewerker'),
        professionals: [],
        goals: [
          { description: 'Rust in de financiën', ownerKind: 'inwoner', targetDate: daysFrom(today, 60) },
        ],
      },
      1,
    );
    // The toegang worker leaves the professionals and becomes regisseur instead.
    assert.equal(saved.statusCode, 200, saved.body);
    goalId = saved.json().goals[0].id;
  });
  after(() => grip.close());

  test('start measurement on the plan; bad scores are refused and write nothing', async () => {
    const before = await planCounts(grip);
    for (const [scores, name] of [
      [[{ personId: plan.personId, lifeDomainCode: 'financien', score: 6 }], 'scores.0.score'],
      [[{ personId: plan.personId, lifeDomainCode: 'sterrenkunde', score: 3 }], 'scores.0.lifeDomainCode'],
      [
        [{ personId: '00000000-0000-4000-8000-000000000009', lifeDomainCode: 'financien', score: 3 }],
        'scores.0.personId',
      ],
    ] as const) {
      const bad = await toegang.post(`/api/v1/plans/${plan.planId}/scores`, { assessedOn: today, scores });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.ok(
        bad.json().invalidParams.some((p: { name: string }) => p.name === name),
        bad.body,
      );
    }
    const future = await toegang.post(`/api/v1/plans/${plan.planId}/scores`, {
      assessedOn: daysFrom(today, 1),
      scores: [{ personId: plan.personId, lifeDomainCode: 'huisvesting', score: 3 }],
    });
    assert.equal(future.statusCode, 400);
    assert.deepEqual(await planCounts(grip), before);

    const start = await toegang.post(`/api/v1/plans/${plan.planId}/scores`, {
      assessedOn: daysFrom(today, -1),
      scores: [{ personId: plan.personId, lifeDomainCode: 'huisvesting', score: 3 }],
    });
    assert.equal(start.statusCode, 201, start.body);
  });

  test('plan an evaluation and hold it: outcome, satisfaction, scores and goal statuses in one go', async () => {
    const past = await toegang.post(`/api/v1/plans/${plan.planId}/evaluations`, {
      plannedOn: daysFrom(today, -1),
    });
    assert.equal(past.statusCode, 400);
    const planned = await toegang.post(`/api/v1/plans/${plan.planId}/evaluations`, {
      plannedOn: daysFrom(today, 7),
    });
    assert.equal(planned.statusCode, 201, planned.body);
    const evaluation = planned.json();
    assert.equal(evaluation.heldOn, null);

    const worklist = await toegang.get('/api/v1/plan-worklist');
    assert.equal(worklist.statusCode, 200, worklist.body);
    const due = worklist
      .json()
      .evaluations.find((e: { evaluationId: string }) => e.evaluationId === evaluation.id);
    assert.ok(due, 'due within 14 days');
    assert.equal(due.overdue, false);
    const eighteen = worklist.json().eighteen.find((e: { personId: string }) => e.personId === childId);
    assert.ok(eighteen, worklist.body);
    assert.equal(eighteen.toewijzingen.length, 1);

    const url = `/api/v1/plans/${plan.planId}/evaluations/${evaluation.id}/held`;
    const good = {
      heldOn: today,
      outcome: 'doelen-deels-behaald',
      satisfaction: 8,
      notes: 'Het gaat beter met de post.',
      scores: [
        { personId: plan.personId, lifeDomainCode: 'financien', score: 3 },
        { personId: plan.personId, lifeDomainCode: 'huisvesting', score: 4 },
      ],
      goalStatuses: [{ goalId, status: 'deels-behaald' }],
    };
    const before = await planCounts(grip);
    for (const [body, name] of [
      [{ ...good, satisfaction: 11 }, 'satisfaction'],
      [{ ...good, heldOn: daysFrom(today, 1) }, 'heldOn'],
      [
        { ...good, goalStatuses: [{ goalId: '00000000-0000-4000-8000-000000000008', status: 'behaald' }] },
        'goalStatuses.0.goalId',
      ],
      [{ ...good, scores: [good.scores[0], good.scores[0]] }, 'scores.1'],
      [{ ...good, scores: [{ ...good.scores[0], score: 0 }] }, 'scores.0.score'],
    ] as const) {
      const bad = await toegang.post(url, body);
      assert.equal(bad.statusCode, 400, bad.body);
      assert.ok(
        bad.json().invalidParams.some((p: { name: string }) => p.name === name),
        `${name}: ${bad.body}`,
      );
    }
    assert.deepEqual(await planCounts(grip), before, 'nothing half-written');

    const held = await toegang.post(url, good);
    assert.equal(held.statusCode, 200, held.body);
    assert.equal(held.json().evaluation.outcome, 'doelen-deels-behaald');
    assert.equal(held.json().evaluation.satisfaction, 8);
    assert.equal(held.json().version, 3, 'goal status changed: a new version');
    assert.equal((await toegang.post(url, good)).statusCode, 409);

    const after = (await toegang.get(`/api/v1/plans/${plan.planId}`)).json();
    assert.equal(after.goals[0].status, 'deels-behaald');
    assert.equal(after.versions.at(-1).reason, `Evaluatie van ${today}: voortgang van de doelen bijgewerkt`);

    const scores = await toegang.get(`/api/v1/plans/${plan.planId}/scores`);
    assert.equal(scores.statusCode, 200, scores.body);
    const series = scores.json().series as {
      personId: string;
      lifeDomainCode: string;
      measurements: { source: string; score: number }[];
    }[];
    const financien = series.find((s) => s.lifeDomainCode === 'financien')!;
    assert.deepEqual(
      financien.measurements.map((m) => [m.source, m.score]),
      [
        ['intake', 2],
        ['evaluatie', 3],
      ],
    );
    const huisvesting = series.find((s) => s.lifeDomainCode === 'huisvesting')!;
    assert.deepEqual(
      huisvesting.measurements.map((m) => [m.source, m.score]),
      [
        ['start', 3],
        ['evaluatie', 4],
      ],
    );
  });

  test('an overdue evaluation is on the worklist as overdue', async () => {
    const planned = await toegang.post(`/api/v1/plans/${plan.planId}/evaluations`, { plannedOn: today });
    assert.equal(planned.statusCode, 201);
    await grip.database.db
      .updateTable('plan_evaluation')
      .set({ planned_on: daysFrom(today, -3) })
      .where('id', '=', planned.json().id)
      .execute();
    const worklist = (await toegang.get('/api/v1/plan-worklist')).json();
    const overdue = worklist.evaluations.find(
      (e: { evaluationId: string }) => e.evaluationId === planned.json().id,
    );
    assert.equal(overdue.overdue, true);
  });
});
