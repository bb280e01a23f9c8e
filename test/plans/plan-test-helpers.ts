import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { localDate } from '../../src/intake/local-date.ts';
import type { Role } from '../../src/access/roles.ts';
import { DEMO_ROLES } from '../../src/demo/demo-seed.ts';
import type { Client, TestApp } from '../helpers/test-app.ts';
import { newResident, vindplaatsId } from '../intake/intake-test-helpers.ts';

/** Shared set-up of the plan tests (not a test file itself). */

export async function userIdOf(grip: TestApp, role: Role, municipalityCode = 'GM0164'): Promise<string> {
  const demo = DEMO_ROLES.find((r) => r.role === role)!;
  const row = await grip.database.db
    .selectFrom('app_user')
    .select('id')
    .where('municipality_code', '=', municipalityCode)
    .where('username', 'like', `${demo.user}@%`)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A resident asks for help, the toegang worker makes a melding: the household's plan is opened (toegang involved). */
export async function openPlan(grip: TestApp, toegang: Client, n: number) {
  const zorgloket = await vindplaatsId(grip.database, 'GM0164', 'zorgloket');
  const q = await toegang.post('/api/v1/help-questions', {
    channel: 'telefoon',
    vindplaatsId: zorgloket,
    questionTypes: ['huishouden'],
    person: newResident(n),
  });
  assert.equal(q.statusCode, 201, q.body);
  const question = q.json() as { id: string; personId: string; householdId: string };
  const triage = await toegang.post(`/api/v1/help-questions/${question.id}/triage`, {
    outcome: 'melding',
    lawCode: 'wmo',
    homeVisitDate: localDate(),
  });
  assert.equal(triage.statusCode, 201, triage.body);
  const planId = triage.json().householdPlan.planId as string;
  return { planId, householdId: question.householdId, personId: question.personId, questionId: question.id };
}

/** Adds a child to the household and the plan (as the intake would have with a known household). */
export async function addChild(
  grip: TestApp,
  planId: string,
  householdId: string,
  bsn: string,
  birthDate: string,
) {
  const db = grip.database.db;
  const person = await db
    .insertInto('person')
    .values({
      municipality_code: 'GM0164',
      bsn,
      given_names: 'Kim',
      family_name: 'Kind',
      birth_date: birthDate,
      is_synthetic: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('household_member')
    .values({
      municipality_code: 'GM0164',
      household_id: householdId,
      person_id: person.id,
      member_role: 'kind',
      valid_from: birthDate,
    })
    .execute();
  await db
    .insertInto('plan_participant')
    .values({ municipality_code: 'GM0164', plan_id: planId, person_id: person.id, role: 'kind' })
    .execute();
  return person.id;
}

export async function serviceByLaw(
  grip: TestApp,
  kind: 'algemeen' | 'maatwerk',
  law: string,
  municipalityCode = 'GM0164',
): Promise<string> {
  const { rows } = await sql<{
    id: string;
  }>`SELECT id FROM service WHERE municipality_code = ${municipalityCode}
    AND kind = ${kind} AND law_code = ${law} ORDER BY code LIMIT 1`.execute(grip.database.db);
  assert.ok(rows[0], `a ${kind} ${law} service`);
  return rows[0].id;
}

let allocationNumber = 7_000_000;

/** A youth-care allocation on a GP's referral (no beschikking needed), with a provider and contract. */
export async function youthAllocation(
  grip: TestApp,
  personId: string,
  serviceId: string,
  options: { startDate: string; endDate?: string | null; status?: 'actief' | 'beeindigd' },
) {
  const db = grip.database.db;
  const provider = await db
    .insertInto('provider')
    .values({ municipality_code: 'GM0164', name: `Jeugdzorg Test ${allocationNumber}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const contract = await db
    .insertInto('contract')
    .values({
      municipality_code: 'GM0164',
      provider_id: provider.id,
      reference: `C-${allocationNumber}`,
      lot: 'Jeugdhulp',
      funding_variant: 'inspanningsgericht',
      valid_from: '2020-01-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await db
    .insertInto('toewijzing')
    .values({
      municipality_code: 'GM0164',
      toewijzing_number: allocationNumber++,
      referrer_type_code: '02',
      person_id: personId,
      provider_id: provider.id,
      contract_id: contract.id,
      service_id: serviceId,
      law_code: 'jeugdwet',
      start_date: options.startDate,
      end_date: options.endDate ?? null,
      commitment_cents: 100_000,
      status: options.status ?? 'actief',
      end_reason_code: options.status === 'beeindigd' ? '01' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function put(client: Client, planId: string, body: unknown, version?: number) {
  return client.request('PUT', `/api/v1/plans/${planId}`, {
    body,
    headers: version === undefined ? {} : { 'if-match': `"${version}"` },
  });
}

/** Row counts of the plan tables (as the owner: every municipality). */
export async function planCounts(grip: TestApp) {
  const tables = [
    'household_plan',
    'plan_professional',
    'plan_goal',
    'plan_action',
    'plan_goal_service',
    'plan_evaluation',
    'plan_version',
    'life_domain_score',
    'plan_access_override',
  ] as const;
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(t)}`.execute(
      grip.database.db,
    );
    counts[t] = rows[0]!.n;
  }
  return counts;
}

/** The date n days from today (UTC arithmetic on the Dutch calendar date). */
export function daysFrom(today: string, n: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
