/**
 * The plan aggregate in the database: the facts a change is checked against, writing a change together
 * with its new version, versions, and the lists of plans a professional works on.
 */
import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import { CASEWORK } from '../access/purposes.ts';
import type { PlanUpdate } from './plan-schemas.ts';
import { planSnapshot } from './plan-snapshot.ts';
import type { PlanUpdateFacts } from './plan-validation.ts';
import { getPlanView, personName, type PlanView } from './plan-view.ts';

/** The plan row, locked for the change that follows. */
export async function lockPlan(tx: Tx, municipalityCode: string, planId: string) {
  return tx
    .selectFrom('household_plan')
    .select(['id', 'household_id', 'status', 'version', 'team_id', 'opened_on'])
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', planId)
    .forUpdate()
    .executeTakeFirst();
}

/** Everything validatePlanUpdate needs to know, looked up within the caller's municipality. */
export async function planUpdateFacts(
  tx: Tx,
  municipalityCode: string,
  view: PlanView,
  input: PlanUpdate,
  today: string,
): Promise<PlanUpdateFacts> {
  const serviceIds = [...new Set(input.goals.flatMap((g) => g.services.map((s) => s.serviceId)))];
  const toewijzingIds = [
    ...new Set(
      input.goals.flatMap((g) => g.services.flatMap((s) => (s.toewijzingId ? [s.toewijzingId] : []))),
    ),
  ];
  const userIds = [
    ...new Set([
      ...(input.regisseurUserId ? [input.regisseurUserId] : []),
      ...input.professionals.flatMap((p) => (p.userId ? [p.userId] : [])),
    ]),
  ];
  const [domains, services, toewijzingen, users] = await Promise.all([
    tx.selectFrom('life_domain').select('code').execute(),
    serviceIds.length === 0
      ? []
      : tx
          .selectFrom('service')
          .select(['id', 'kind', 'law_code'])
          .where('municipality_code', '=', municipalityCode)
          .where('id', 'in', serviceIds)
          .execute(),
    toewijzingIds.length === 0
      ? []
      : tx
          .selectFrom('toewijzing')
          .select(['id', 'person_id', 'service_id'])
          .where('municipality_code', '=', municipalityCode)
          .where('id', 'in', toewijzingIds)
          .execute(),
    userIds.length === 0
      ? []
      : tx
          .selectFrom('app_user as u')
          .select([
            'u.id',
            (eb) =>
              eb
                .exists(
                  eb
                    .selectFrom('role_assignment as r')
                    .select('r.id')
                    .whereRef('r.municipality_code', '=', 'u.municipality_code')
                    .whereRef('r.user_id', '=', 'u.id')
                    .where('r.role', 'in', [...CASEWORK]),
                )
                .as('casework'),
          ])
          .where('u.municipality_code', '=', municipalityCode)
          .where('u.id', 'in', userIds)
          .where('u.active', '=', true)
          .execute(),
  ]);
  return {
    today,
    goals: new Map(view.goals.map((g) => [g.id, { targetDate: g.targetDate }])),
    actions: new Map(
      view.goals.flatMap((g) => g.actions.map((a) => [a.id, { goalId: g.id, status: a.status }])),
    ),
    professionalIds: new Set(view.professionals.map((p) => p.id)),
    participantIds: new Set(view.participants.map((p) => p.personId)),
    lifeDomains: new Set(domains.map((d) => d.code)),
    services: new Map(services.map((s) => [s.id, { kind: s.kind, lawCode: s.law_code }])),
    toewijzingen: new Map(
      toewijzingen.map((t) => [t.id, { personId: t.person_id, serviceId: t.service_id }]),
    ),
    users: new Map(users.map((u) => [u.id, { casework: Boolean(u.casework) }])),
  };
}

/** The allocation that delivers a service to one of the participants now (the newest running one), if any. */
async function runningAllocations(
  tx: Tx,
  municipalityCode: string,
  personIds: string[],
  serviceIds: string[],
  today: string,
) {
  if (personIds.length === 0 || serviceIds.length === 0) return new Map<string, string>();
  const rows = await tx
    .selectFrom('toewijzing')
    .select(['id', 'service_id'])
    .where('municipality_code', '=', municipalityCode)
    .where('person_id', 'in', personIds)
    .where('service_id', 'in', serviceIds)
    .where('status', 'in', ['actief', 'gewijzigd'])
    .where('start_date', '<=', today)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]))
    .orderBy('start_date', 'desc')
    .orderBy('id')
    .execute();
  const found = new Map<string, string>();
  for (const r of rows) if (!found.has(r.service_id)) found.set(r.service_id, r.id);
  return found;
}

/**
 * Writes a validated change: the plan row (version + 1), its professionals, goals, actions and services,
 * and the new version with its snapshot, who, when and why. Returns the plan as it now is.
 */
export async function applyPlanUpdate(
  tx: Tx,
  municipalityCode: string,
  current: PlanView,
  input: PlanUpdate,
  userId: string,
  today: string,
): Promise<PlanView> {
  const planId = current.id;
  const now = new Date();
  const mc = municipalityCode;

  // Professionals first (goals may name them), removed ones last (after the goals that named them).
  const keptProfessionals = new Set<string>();
  for (const p of input.professionals) {
    const values = {
      user_id: p.userId ?? null,
      name: p.name,
      organisation: p.organisation,
      expertise: p.expertise,
      involved_from: p.involvedFrom,
      involved_until: p.involvedUntil ?? null,
    };
    if (p.id) {
      keptProfessionals.add(p.id);
      await tx
        .updateTable('plan_professional')
        .set(values)
        .where('municipality_code', '=', mc)
        .where('id', '=', p.id)
        .execute();
    } else {
      await tx
        .insertInto('plan_professional')
        .values({ municipality_code: mc, plan_id: planId, ...values })
        .execute();
    }
  }

  const allServiceIds = [...new Set(input.goals.flatMap((g) => g.services.map((s) => s.serviceId)))];
  const running = await runningAllocations(
    tx,
    mc,
    current.participants.map((p) => p.personId),
    allServiceIds,
    today,
  );
  const existingGoals = new Map(current.goals.map((g) => [g.id, g]));
  const existingActions = new Map(current.goals.flatMap((g) => g.actions.map((a) => [a.id, a])));
  const keptGoals = new Set<string>();
  const keptActions = new Set<string>();
  for (const [position, g] of input.goals.entries()) {
    const old = g.id ? existingGoals.get(g.id) : undefined;
    const values = {
      description: g.description,
      life_domain_code: g.lifeDomainCode ?? null,
      owner_kind: g.ownerKind,
      owner_person_id: g.ownerPersonId ?? null,
      owner_professional_id: g.ownerProfessionalId ?? null,
      target_date: g.targetDate,
      status: g.status ?? old?.status ?? 'open',
      position,
    };
    let goalId: string;
    if (old) {
      goalId = old.id;
      keptGoals.add(goalId);
      const changed =
        old.description !== values.description ||
        old.lifeDomainCode !== values.life_domain_code ||
        old.ownerKind !== values.owner_kind ||
        old.ownerPersonId !== values.owner_person_id ||
        old.ownerProfessionalId !== values.owner_professional_id ||
        old.targetDate !== values.target_date ||
        old.status !== values.status;
      await tx
        .updateTable('plan_goal')
        .set({ ...values, ...(changed ? { updated_at: now } : {}) })
        .where('municipality_code', '=', mc)
        .where('id', '=', goalId)
        .execute();
    } else {
      const row = await tx
        .insertInto('plan_goal')
        .values({ municipality_code: mc, plan_id: planId, ...values, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      goalId = row.id;
    }

    for (const [actionPosition, a] of g.actions.entries()) {
      const oldAction = a.id ? existingActions.get(a.id) : undefined;
      const status =
        a.status ??
        (a.doneOn ? 'gedaan' : oldAction && oldAction.status !== 'gedaan' ? oldAction.status : 'open');
      const values = {
        goal_id: goalId,
        description: a.description,
        owner_kind: a.ownerKind,
        status,
        due_on: a.dueOn ?? null,
        done_on: status === 'gedaan' ? (a.doneOn ?? null) : null,
        position: actionPosition,
      };
      if (oldAction) {
        keptActions.add(oldAction.id);
        await tx
          .updateTable('plan_action')
          .set(values)
          .where('municipality_code', '=', mc)
          .where('id', '=', oldAction.id)
          .execute();
      } else {
        await tx
          .insertInto('plan_action')
          .values({ municipality_code: mc, ...values })
          .execute();
      }
    }

    await tx
      .deleteFrom('plan_goal_service')
      .where('municipality_code', '=', mc)
      .where('goal_id', '=', goalId)
      .execute();
    if (g.services.length > 0) {
      await tx
        .insertInto('plan_goal_service')
        .values(
          g.services.map((s) => ({
            municipality_code: mc,
            goal_id: goalId,
            service_id: s.serviceId,
            toewijzing_id: s.toewijzingId === undefined ? (running.get(s.serviceId) ?? null) : s.toewijzingId,
          })),
        )
        .execute();
    }
  }

  const removedActions = [...existingActions.keys()].filter((id) => !keptActions.has(id));
  if (removedActions.length > 0) {
    await tx
      .deleteFrom('plan_action')
      .where('municipality_code', '=', mc)
      .where('id', 'in', removedActions)
      .execute();
  }
  const removedGoals = [...existingGoals.keys()].filter((id) => !keptGoals.has(id));
  if (removedGoals.length > 0) {
    await tx
      .deleteFrom('plan_action')
      .where('municipality_code', '=', mc)
      .where('goal_id', 'in', removedGoals)
      .execute();
    await tx
      .deleteFrom('plan_goal_service')
      .where('municipality_code', '=', mc)
      .where('goal_id', 'in', removedGoals)
      .execute();
    await tx
      .deleteFrom('plan_goal')
      .where('municipality_code', '=', mc)
      .where('id', 'in', removedGoals)
      .execute();
  }
  const removedProfessionals = current.professionals
    .map((p) => p.id)
    .filter((id) => !keptProfessionals.has(id));
  if (removedProfessionals.length > 0) {
    await tx
      .deleteFrom('plan_professional')
      .where('municipality_code', '=', mc)
      .where('id', 'in', removedProfessionals)
      .execute();
  }

  const status = input.status ?? current.status;
  const regisseurUserId =
    input.regisseurUserId === undefined ? (current.regisseur?.userId ?? null) : input.regisseurUserId;
  let teamId = current.team?.id ?? null;
  if (!teamId && regisseurUserId) {
    const team = await tx
      .selectFrom('role_assignment')
      .select('team_id')
      .where('municipality_code', '=', mc)
      .where('user_id', '=', regisseurUserId)
      .where('team_id', 'is not', null)
      .orderBy(sql`role = 'regisseur'`, 'desc')
      .executeTakeFirst();
    teamId = team?.team_id ?? null;
  }
  const version = current.version + 1;
  await tx
    .updateTable('household_plan')
    .set({
      status,
      closed_on: status === 'afgesloten' ? (current.closedOn ?? today) : null,
      regisseur_user_id: regisseurUserId,
      contact_person_id:
        input.contactPersonId === undefined
          ? (current.contactPerson?.personId ?? null)
          : input.contactPersonId,
      team_id: teamId,
      version,
      updated_at: now,
      updated_by: userId,
    })
    .where('municipality_code', '=', mc)
    .where('id', '=', planId)
    .execute();

  const after = (await getPlanView(tx, mc, planId, today))!;
  await insertVersion(tx, mc, after, userId, input.reason, now);
  return (await getPlanView(tx, mc, planId, today))!;
}

/** A new plan_version for the plan as it is now (its `version`), awaiting the resident's agreement. */
export async function insertVersion(
  tx: Tx,
  municipalityCode: string,
  view: PlanView,
  userId: string | null,
  reason: string,
  at: Date = new Date(),
): Promise<void> {
  await tx
    .insertInto('plan_version')
    .values({
      municipality_code: municipalityCode,
      plan_id: view.id,
      version: view.version,
      created_at: at,
      created_by: userId,
      reason,
      snapshot: JSON.stringify(planSnapshot(view)),
      agreement: 'open',
    })
    .execute();
}

/** Raises the plan's version after a change made outside PUT (goal statuses at an evaluation) and records it. */
export async function bumpVersion(
  tx: Tx,
  municipalityCode: string,
  planId: string,
  userId: string,
  reason: string,
  today: string,
): Promise<PlanView> {
  const now = new Date();
  await tx
    .updateTable('household_plan')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: now, updated_by: userId }))
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', planId)
    .execute();
  const view = (await getPlanView(tx, municipalityCode, planId, today))!;
  await insertVersion(tx, municipalityCode, view, userId, reason, now);
  return (await getPlanView(tx, municipalityCode, planId, today))!;
}

export async function getVersionRow(tx: Tx, municipalityCode: string, planId: string, version: number) {
  return tx
    .selectFrom('plan_version as v')
    .leftJoin('app_user as u', (j) =>
      j.onRef('u.municipality_code', '=', 'v.municipality_code').onRef('u.id', '=', 'v.created_by'),
    )
    .select([
      'v.version',
      'v.created_at',
      'v.created_by',
      'u.display_name',
      'v.reason',
      'v.snapshot',
      'v.agreement',
      'v.agreement_recorded_at',
      'v.agreement_note',
    ])
    .where('v.municipality_code', '=', municipalityCode)
    .where('v.plan_id', '=', planId)
    .where('v.version', '=', version)
    .executeTakeFirst();
}

export function versionBody(row: NonNullable<Awaited<ReturnType<typeof getVersionRow>>>) {
  return {
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.created_by && row.display_name ? { userId: row.created_by, name: row.display_name } : null,
    reason: row.reason,
    agreement: row.agreement,
    agreementRecordedAt: row.agreement_recorded_at ? new Date(row.agreement_recorded_at).toISOString() : null,
    agreementNote: row.agreement_note,
  };
}

/** The newest version number of a plan. */
export async function newestVersion(
  tx: Tx,
  municipalityCode: string,
  planId: string,
): Promise<number | null> {
  const row = await tx
    .selectFrom('plan_version')
    .select((eb) => eb.fn.max('version').as('n'))
    .where('municipality_code', '=', municipalityCode)
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  return row?.n ?? null;
}

/** The open plans a user directs or is involved in (involvement not ended). */
export function myPlanIds(tx: Tx, municipalityCode: string, userId: string, today: string) {
  return tx
    .selectFrom('household_plan as p')
    .select('p.id')
    .where('p.municipality_code', '=', municipalityCode)
    .where('p.status', '<>', 'afgesloten')
    .where((eb) =>
      eb.or([
        eb('p.regisseur_user_id', '=', userId),
        eb.exists(
          eb
            .selectFrom('plan_professional as pp')
            .select('pp.id')
            .whereRef('pp.municipality_code', '=', 'p.municipality_code')
            .whereRef('pp.plan_id', '=', 'p.id')
            .where('pp.user_id', '=', userId)
            .where('pp.involved_from', '<=', today)
            .where((e) => e.or([e('pp.involved_until', 'is', null), e('pp.involved_until', '>=', today)])),
        ),
      ]),
    );
}

/** Participant names per plan (oldest first) and the household's address, for lists. */
export async function planListFacts(tx: Tx, municipalityCode: string, planIds: string[]) {
  if (planIds.length === 0)
    return { names: new Map<string, string[]>(), addresses: new Map<string, string>() };
  const [participants, addresses] = await Promise.all([
    tx
      .selectFrom('plan_participant as pp')
      .innerJoin('person as x', (j) =>
        j.onRef('x.municipality_code', '=', 'pp.municipality_code').onRef('x.id', '=', 'pp.person_id'),
      )
      .select(['pp.plan_id', 'x.given_names', 'x.family_name_prefix', 'x.family_name'])
      .where('pp.municipality_code', '=', municipalityCode)
      .where('pp.plan_id', 'in', planIds)
      .orderBy('x.birth_date')
      .orderBy('x.id')
      .execute(),
    tx
      .selectFrom('household_plan as p')
      .innerJoin('household as h', (j) =>
        j.onRef('h.municipality_code', '=', 'p.municipality_code').onRef('h.id', '=', 'p.household_id'),
      )
      .innerJoin('address as a', (j) =>
        j.onRef('a.municipality_code', '=', 'h.municipality_code').onRef('a.id', '=', 'h.address_id'),
      )
      .select(['p.id', 'a.street', 'a.house_number', 'a.house_letter', 'a.house_number_addition', 'a.city'])
      .where('p.municipality_code', '=', municipalityCode)
      .where('p.id', 'in', planIds)
      .execute(),
  ]);
  const names = new Map<string, string[]>();
  for (const p of participants) names.set(p.plan_id, [...(names.get(p.plan_id) ?? []), personName(p)]);
  const address = new Map<string, string>();
  for (const a of addresses) {
    const number = `${a.house_number}${a.house_letter ?? ''}${a.house_number_addition ? `-${a.house_number_addition}` : ''}`;
    address.set(a.id, `${a.street} ${number}, ${a.city}`);
  }
  return { names, addresses: address };
}
