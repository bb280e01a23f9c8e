/**
 * The hand-off from intake to the household plan (issue "Eén huishouden, één plan"): a melding that needs
 * support opens the household's plan, or joins the plan it already has, so all laws end up in one plan.
 * A new plan starts as `concept` with every current household member as participant and a first version
 * ("opened after melding …") awaiting the resident's agreement; the plan screens come with the plans issue.
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
  if (existing) return { planId: existing.id, opened: false };

  const plan = await tx
    .insertInto('household_plan')
    .values({
      municipality_code: municipalityCode,
      household_id: input.householdId,
      status: 'concept',
      contact_person_id: input.contactPersonId,
      opened_on: input.today,
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
  return { planId: plan.id, opened: true };
}
