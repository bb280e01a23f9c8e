import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { localDate } from '../../src/intake/local-date.ts';
import type { Client, TestApp } from '../helpers/test-app.ts';
import { newResident, vindplaatsId } from '../intake/intake-test-helpers.ts';

/**
 * Shared set-up of the exchange tests (not a test file itself): a household with an open plan made the
 * way the intake makes it (help question, triage "melding"), then a regisseur, a child, goals with
 * actions and a service, a start measurement and a planned evaluation written straight to the database.
 */

export interface PlanFixture {
  planId: string;
  householdId: string;
  personId: string;
  childId: string;
  goalId: string;
}

export async function userId(grip: TestApp, username: string): Promise<string> {
  const row = await grip.database.db
    .selectFrom('app_user')
    .select('id')
    .where('municipality_code', '=', 'GM0164')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Links the demo resident account (inwoner@hengelo.demo) to a person. */
export async function linkResident(grip: TestApp, personId: string | null): Promise<void> {
  await grip.database.db
    .updateTable('app_user')
    .set({ person_id: personId })
    .where('municipality_code', '=', 'GM0164')
    .where('username', '=', 'inwoner@hengelo.demo')
    .execute();
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export async function householdWithPlan(
  grip: TestApp,
  toegang: Client,
  n: number,
  person: Record<string, unknown> = {},
): Promise<PlanFixture> {
  const db = grip.database.db;
  const mc = 'GM0164';
  const zorgloket = await vindplaatsId(grip.database, mc, 'zorgloket');
  const question = await toegang.post('/api/v1/help-questions', {
    channel: 'telefoon',
    vindplaatsId: zorgloket,
    questionTypes: ['huishouden', 'schulden'],
    person: newResident(n, person),
  });
  assert.equal(question.statusCode, 201, question.body);
  const { id, personId, householdId } = question.json() as {
    id: string;
    personId: string;
    householdId: string;
  };
  const triage = await toegang.post(`/api/v1/help-questions/${id}/triage`, {
    outcome: 'melding',
    lawCode: 'wmo',
    homeVisitDate: localDate(),
  });
  assert.equal(triage.statusCode, 201, triage.body);
  const planId = (triage.json().householdPlan as { planId: string }).planId;
  const today = localDate();

  const child = await db
    .insertInto('person')
    .values({
      municipality_code: mc,
      given_names: 'Kees',
      family_name: `Kind${n}`,
      birth_date: addDays(today, -10 * 366),
      is_synthetic: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('household_member')
    .values({
      municipality_code: mc,
      household_id: householdId,
      person_id: child.id,
      member_role: 'kind',
      valid_from: today,
    })
    .execute();
  await db
    .insertInto('plan_participant')
    .values({ municipality_code: mc, plan_id: planId, person_id: child.id, role: 'kind' })
    .execute();
  await db
    .updateTable('household_plan')
    .set({ regisseur_user_id: await userId(grip, 'regisseur@hengelo.demo'), status: 'actief' })
    .where('municipality_code', '=', mc)
    .where('id', '=', planId)
    .execute();

  const service = await db
    .selectFrom('service')
    .select('id')
    .where('municipality_code', '=', mc)
    .where('kind', '=', 'algemeen')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const goal = await db
    .insertInto('plan_goal')
    .values({
      municipality_code: mc,
      plan_id: planId,
      description:
        'Ik wil mijn rekeningen weer op tijd betalen, zónder stress over “de post” (€ 50 per week sparen)',
      life_domain_code: 'financien',
      owner_kind: 'inwoner',
      owner_person_id: personId,
      target_date: addDays(today, 120),
      status: 'open',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('plan_action')
    .values({
      municipality_code: mc,
      goal_id: goal.id,
      description: 'Samen met de schuldhulpmaatje een overzicht maken van alle rekeningen',
      owner_kind: 'netwerk',
      due_on: addDays(today, 30),
    })
    .execute();
  await db
    .insertInto('plan_goal_service')
    .values({ municipality_code: mc, goal_id: goal.id, service_id: service.id })
    .execute();
  const start = await db
    .insertInto('plan_evaluation')
    .values({ municipality_code: mc, plan_id: planId, kind: 'start', planned_on: today, held_on: today })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('life_domain_score')
    .values({
      municipality_code: mc,
      person_id: personId,
      assessed_on: today,
      life_domain_code: 'financien',
      score: 2,
      plan_evaluation_id: start.id,
    })
    .execute();
  await db
    .insertInto('plan_evaluation')
    .values({ municipality_code: mc, plan_id: planId, kind: 'evaluatie', planned_on: addDays(today, 60) })
    .execute();
  return { planId, householdId, personId, childId: child.id, goalId: goal.id };
}

/**
 * The demo municipality has plans of its own, so the demo regisseur may have evaluations due: let every
 * client look once (the notices of due evaluations are made then) and mark all notifications read, so
 * a test counts only what it causes itself.
 */
export async function settleNotifications(grip: TestApp, clients: Client[]): Promise<void> {
  for (const client of clients) assert.equal((await client.get('/api/v1/notifications')).statusCode, 200);
  await grip.database.db
    .updateTable('notification')
    .set({ read_at: sql<Date>`greatest(now(), created_at)` })
    .where('read_at', 'is', null)
    .execute();
}
