/**
 * The hand-off from intake to the household plan (issue "Eén huishouden, één plan"): a melding that needs
 * support opens the household's plan, or joins the plan it already has, so all laws end up in one plan.
 * A new plan starts as `concept` with every current household member as participant and a first version
 * ("opened after melding …") awaiting the resident's agreement. The professional who made the melding is
 * recorded as involved (so they can open the plan), and a new plan is directed by the question's team.
 */
import type { Tx } from '../platform/db/database.ts';

export async function openOrJoinHouseholdPlan(
  tx: Tx,
  municipalityCode: string,
  input: {
    householdId: string;
    contactPersonId: string | null;
    reference: string;
    userId: string | null;
    teamId: string | null;
    today: string;
  },
): Promise<{ planId: string; opened: boolean }> {
  const existing = await tx
    .selectFrom('household_plan')
    .select('id')
    .where('municipality_code', '=', municipalityCode)
    .where('household_id', '=', input.householdId)
    .where('status', '<>', 'afgesloten')
    .forUpdate()
    .executeTakeFirst();
  if (existing) {
    await involve(tx, municipalityCode, existing.id, input);
    return { planId: existing.id, opened: false };
  }

  const plan = await tx
    .insertInto('household_plan')
    .values({
      municipality_code: municipalityCode,
      household_id: input.householdId,
      status: 'concept',
      contact_person_id: input.contactPersonId,
      opened_on: input.today,
      team_id: input.teamId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const members = await tx
    .selectFrom('household_member')
    .select(['person_id', 'member_role'])
    .where('municipality_code', '=', municipalityCode)
    .where('household_id', '=', input.householdId)
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', input.today)]))
    .execute();
  const participants = [...new Map(members.map((m) => [m.person_id, m.member_role])).entries()];
  if (participants.length > 0) {
    await tx
      .insertInto('plan_participant')
      .values(
        participants.map(([personId, role]) => ({
          municipality_code: municipalityCode,
          plan_id: plan.id,
          person_id: personId,
          role,
        })),
      )
      .execute();
  }
  const reason = `Plan geopend na melding ${input.reference}`;
  await tx
    .insertInto('plan_version')
    .values({
      municipality_code: municipalityCode,
      plan_id: plan.id,
      version: 1,
      created_at: new Date(),
      created_by: input.userId,
      reason,
      snapshot: JSON.stringify({
        participants: participants.map(([personId]) => personId),
        goals: [],
        reden: reason,
      }),
      agreement: 'open',
    })
    .execute();
  await involve(tx, municipalityCode, plan.id, input);
  return { planId: plan.id, opened: true };
}

/** Records the professional who made the melding as involved in the plan, unless they already are. */
async function involve(
  tx: Tx,
  municipalityCode: string,
  planId: string,
  input: { userId: string | null; teamId: string | null; today: string },
) {
  if (!input.userId) return;
  const already = await tx
    .selectFrom('plan_professional')
    .select('id')
    .where('municipality_code', '=', municipalityCode)
    .where('plan_id', '=', planId)
    .where('user_id', '=', input.userId)
    .where((eb) => eb.or([eb('involved_until', 'is', null), eb('involved_until', '>=', input.today)]))
    .executeTakeFirst();
  if (already) return;
  const who = await tx
    .selectFrom('app_user as u')
    .innerJoin('municipality as m', 'm.code', 'u.municipality_code')
    .leftJoin('team as t', (j) =>
      j.on('t.municipality_code', '=', municipalityCode).on('t.id', '=', input.teamId),
    )
    .select(['u.display_name', 'm.name as municipality', 't.name as team', 't.kind as teamKind'])
    .where('u.municipality_code', '=', municipalityCode)
    .where('u.id', '=', input.userId)
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('plan_professional')
    .values({
      municipality_code: municipalityCode,
      plan_id: planId,
      user_id: input.userId,
      name: who.display_name,
      organisation: who.team ? `Gemeente ${who.municipality}, ${who.team}` : `Gemeente ${who.municipality}`,
      expertise: who.teamKind === 'wijkteam' ? 'Wijkteam' : 'Toegang sociaal domein',
      involved_from: input.today,
    })
    .execute();
}
