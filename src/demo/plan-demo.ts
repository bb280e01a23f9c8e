/**
 * The plan side of a demo municipality (idempotent): one synthetic household — a parent and a child of
 * fifteen — whose plan the demo regisseur directs, with two goals (one served by a Wmo service, one by
 * youth care), a start measurement and a held evaluation with scores, a planned next evaluation, and two
 * versions (the first agreed). The demo wijkteam worker leads the team that directs it, so they open the
 * plan as teamleider.
 */
import { localDate } from '../intake/local-date.ts';
import type { Tx } from '../platform/db/database.ts';
import { planSnapshot } from '../plans/plan-snapshot.ts';
import { getPlanView } from '../plans/plan-view.ts';

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export async function seedPlanDemo(tx: Tx, municipalityCode: string): Promise<void> {
  const mc = municipalityCode;
  const users = await tx
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name'])
    .where('municipality_code', '=', mc)
    .where('is_demo', '=', true)
    .where((eb) => eb.or([eb('username', 'like', 'regisseur@%'), eb('username', 'like', 'wijkteam@%')]))
    .execute();
  const regisseur = users.find((u) => u.username.startsWith('regisseur@'));
  const wijkteam = users.find((u) => u.username.startsWith('wijkteam@'));
  if (!regisseur) return;
  const existing = await tx
    .selectFrom('household_plan')
    .select('id')
    .where('municipality_code', '=', mc)
    .where('regisseur_user_id', '=', regisseur.id)
    .executeTakeFirst();
  if (existing) return;

  const team =
    (await tx
      .selectFrom('team')
      .select(['id', 'lead_user_id'])
      .where('municipality_code', '=', mc)
      .where('kind', '=', 'wijkteam')
      .where('name', 'like', '%(demo)')
      .executeTakeFirst()) ??
    (await tx
      .selectFrom('team')
      .select(['id', 'lead_user_id'])
      .where('municipality_code', '=', mc)
      .where('kind', '=', 'toegang')
      .executeTakeFirst());
  if (team && !team.lead_user_id && wijkteam) {
    await tx
      .updateTable('team')
      .set({ lead_user_id: wijkteam.id })
      .where('municipality_code', '=', mc)
      .where('id', '=', team.id)
      .execute();
  }

  const today = localDate();
  const openedOn = addDays(today, -75);
  const childBirth = `${Number(today.slice(0, 4)) - 15}-09-14`;
  const address = await tx
    .insertInto('address')
    .values({
      municipality_code: mc,
      street: 'Lindelaan',
      // Above 150: the generated municipality numbers its houses 1–150, so this never collides with it.
      house_number: 212,
      postcode: '7550AA',
      city: 'Demodorp',
      buurt_code: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const household = await tx
    .insertInto('household')
    .values({ municipality_code: mc, address_id: address.id, formed_on: '2010-05-01', is_synthetic: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  const [parent, child] = await Promise.all(
    [
      { given_names: 'Sanne', family_name: 'Bakker', birth_date: '1984-04-02' },
      { given_names: 'Noah', family_name: 'Bakker', birth_date: childBirth },
    ].map((p) =>
      tx
        .insertInto('person')
        .values({ municipality_code: mc, bsn: null, family_name_prefix: null, is_synthetic: true, ...p })
        .returning('id')
        .executeTakeFirstOrThrow(),
    ),
  );
  await tx
    .insertInto('household_member')
    .values([
      {
        municipality_code: mc,
        household_id: household.id,
        person_id: parent!.id,
        member_role: 'hoofdbewoner',
        valid_from: '2010-05-01',
      },
      {
        municipality_code: mc,
        household_id: household.id,
        person_id: child!.id,
        member_role: 'kind',
        valid_from: childBirth,
      },
    ])
    .execute();

  const plan = await tx
    .insertInto('household_plan')
    .values({
      municipality_code: mc,
      household_id: household.id,
      status: 'actief',
      regisseur_user_id: regisseur.id,
      contact_person_id: parent!.id,
      opened_on: openedOn,
      team_id: team?.id ?? null,
      version: 1,
      updated_at: new Date(),
      updated_by: regisseur.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('plan_participant')
    .values([
      { municipality_code: mc, plan_id: plan.id, person_id: parent!.id, role: 'hoofdbewoner' },
      { municipality_code: mc, plan_id: plan.id, person_id: child!.id, role: 'kind' },
    ])
    .execute();
  const [, coach] = await Promise.all([
    tx
      .insertInto('plan_professional')
      .values({
        municipality_code: mc,
        plan_id: plan.id,
        user_id: regisseur.id,
        name: regisseur.display_name,
        organisation: 'Gemeente, sociaal team',
        expertise: 'Regie en brede ondersteuning',
        involved_from: openedOn,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
    tx
      .insertInto('plan_professional')
      .values({
        municipality_code: mc,
        plan_id: plan.id,
        name: 'Jamal de Wit',
        organisation: 'Jeugdhulp Oost (synthetisch)',
        expertise: 'Ambulante jeugdhulp',
        involved_from: addDays(openedOn, 10),
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  ]);

  const services = await tx
    .selectFrom('service')
    .select(['id', 'law_code', 'kind'])
    .where('municipality_code', '=', mc)
    .where('active', '=', true)
    .where((eb) =>
      eb.or([
        eb.and([eb('law_code', '=', 'wmo'), eb('kind', '=', 'maatwerk')]),
        eb.and([eb('law_code', '=', 'jeugdwet'), eb('kind', '=', 'maatwerk')]),
      ]),
    )
    .orderBy('code')
    .execute();
  const wmo = services.find((s) => s.law_code === 'wmo');
  const youth = services.find((s) => s.law_code === 'jeugdwet');

  const first = await tx
    .insertInto('plan_goal')
    .values({
      municipality_code: mc,
      plan_id: plan.id,
      description: 'Ik houd mijn huis weer zelf schoon en heb rust in mijn hoofd',
      life_domain_code: 'instrumentele-adl',
      owner_kind: 'inwoner',
      owner_person_id: parent!.id,
      target_date: addDays(today, 120),
      status: 'open',
      position: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('plan_action')
    .values([
      {
        municipality_code: mc,
        goal_id: first.id,
        description: 'Sanne maakt met haar zus een weekschema',
        owner_kind: 'netwerk',
        status: 'gedaan',
        done_on: addDays(openedOn, 20),
        position: 0,
      },
      {
        municipality_code: mc,
        goal_id: first.id,
        description: 'Hulp bij het huishouden twee uur per week',
        owner_kind: 'professional',
        status: 'bezig',
        due_on: addDays(today, 30),
        position: 1,
      },
    ])
    .execute();
  if (wmo) {
    await tx
      .insertInto('plan_goal_service')
      .values({ municipality_code: mc, goal_id: first.id, service_id: wmo.id })
      .execute();
  }

  // Version 1: the first goal only, agreed by the resident.
  const v1 = (await getPlanView(tx, mc, plan.id, today))!;
  await tx
    .insertInto('plan_version')
    .values({
      municipality_code: mc,
      plan_id: plan.id,
      version: 1,
      created_at: new Date(Date.parse(`${openedOn}T10:00:00Z`)),
      created_by: regisseur.id,
      reason: 'Plan opgesteld aan de keukentafel',
      snapshot: JSON.stringify(planSnapshot(v1)),
      agreement: 'akkoord',
      agreement_recorded_at: new Date(Date.parse(`${openedOn}T11:00:00Z`)),
      agreement_recorded_by: regisseur.id,
      agreement_note: 'Sanne is het eens met het plan.',
    })
    .execute();

  const second = await tx
    .insertInto('plan_goal')
    .values({
      municipality_code: mc,
      plan_id: plan.id,
      description: 'Noah gaat weer elke dag naar school',
      life_domain_code: 'maatschappelijke-participatie',
      owner_kind: 'professional',
      owner_professional_id: coach.id,
      target_date: addDays(today, 180),
      status: 'open',
      position: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('plan_action')
    .values({
      municipality_code: mc,
      goal_id: second.id,
      description: 'Gesprek met de mentor over een rooster op maat',
      owner_kind: 'professional',
      status: 'open',
      due_on: addDays(today, 14),
      position: 0,
    })
    .execute();
  if (youth) {
    await tx
      .insertInto('plan_goal_service')
      .values({ municipality_code: mc, goal_id: second.id, service_id: youth.id })
      .execute();
  }

  // The start measurement and a held evaluation with scores; the next evaluation planned.
  const start = await tx
    .insertInto('plan_evaluation')
    .values({
      municipality_code: mc,
      plan_id: plan.id,
      kind: 'start',
      planned_on: openedOn,
      held_on: openedOn,
      conducted_by: regisseur.id,
      created_by: regisseur.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const heldOn = addDays(today, -10);
  const evaluation = await tx
    .insertInto('plan_evaluation')
    .values({
      municipality_code: mc,
      plan_id: plan.id,
      kind: 'evaluatie',
      planned_on: heldOn,
      held_on: heldOn,
      outcome: 'bijstellen',
      satisfaction: 7,
      notes: 'Het huishouden gaat beter; Noah mist nog veel lessen. Doel voor school toegevoegd.',
      conducted_by: regisseur.id,
      created_by: regisseur.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('plan_evaluation')
    .values({
      municipality_code: mc,
      plan_id: plan.id,
      kind: 'evaluatie',
      planned_on: addDays(today, 10),
      created_by: regisseur.id,
    })
    .execute();
  const scores: [string, string, number, number][] = [
    [parent!.id, 'instrumentele-adl', 2, 3],
    [parent!.id, 'geestelijke-gezondheid', 2, 3],
    [child!.id, 'maatschappelijke-participatie', 2, 2],
  ];
  await tx
    .insertInto('life_domain_score')
    .values(
      scores.flatMap(([personId, domain, before, after]) => [
        {
          municipality_code: mc,
          person_id: personId,
          assessed_on: openedOn,
          life_domain_code: domain,
          score: before,
          plan_evaluation_id: start.id,
        },
        {
          municipality_code: mc,
          person_id: personId,
          assessed_on: heldOn,
          life_domain_code: domain,
          score: after,
          plan_evaluation_id: evaluation.id,
        },
      ]),
    )
    .execute();

  // Version 2: both goals, awaiting the resident's answer.
  await tx
    .updateTable('household_plan')
    .set({ version: 2, updated_at: new Date(Date.parse(`${heldOn}T12:00:00Z`)) })
    .where('municipality_code', '=', mc)
    .where('id', '=', plan.id)
    .execute();
  const v2 = (await getPlanView(tx, mc, plan.id, today))!;
  await tx
    .insertInto('plan_version')
    .values({
      municipality_code: mc,
      plan_id: plan.id,
      version: 2,
      created_at: new Date(Date.parse(`${heldOn}T12:00:00Z`)),
      created_by: regisseur.id,
      reason: 'Na de evaluatie: doel voor school toegevoegd',
      snapshot: JSON.stringify(planSnapshot(v2)),
      agreement: 'open',
    })
    .execute();
}
