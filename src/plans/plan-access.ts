import type { Tx } from '../platform/db/database.ts';
import { problem } from '../platform/http/problem.ts';

/**
 * Who may open a household's plan (DESIGN.md §5, issue "Eén huishouden, één plan"). The role table in
 * src/access/actions.ts says which roles may use plan actions at all; this says which plans:
 *  - the regisseur of the plan;
 *  - a professional involved in it (plan_professional with this user, involvement not ended);
 *  - the lead of the team that directs the plan (team.lead_user_id);
 *  - someone who broke the glass for this plan, with a written reason, until that access expires.
 * Anyone else gets 403 `plan-not-involved`, which names the way out: break the glass.
 */

export type PlanAccessBasis = 'regisseur' | 'betrokken' | 'teamleider' | 'doorbraak';

export interface PlanAccess {
  planId: string;
  householdId: string;
  basis: PlanAccessBasis;
}

/** How long broken glass lasts: a working day. */
export const BREAK_GLASS_HOURS = 8;
export const BREAK_GLASS_MIN_REASON = 20;

export function notInvolved() {
  return problem(403, 'plan-not-involved', {
    nl: 'U bent niet betrokken bij dit huishouden. Alleen in een noodsituatie kunt u het plan toch openen, met een schriftelijke reden; dat wordt vastgelegd en gemeld aan de privacy officer.',
    en: 'You are not involved in this household. Only in an emergency can you open the plan anyway, with a written reason; this is recorded and reported to the privacy officer.',
  });
}

export function planNotFound() {
  return problem(404, 'not-found', {
    nl: 'Dit plan bestaat niet.',
    en: 'This plan does not exist.',
  });
}

/** The basis on which this user may open the plan, or null. Does not throw; `requirePlanAccess` does. */
export async function planAccessBasis(
  tx: Tx,
  municipalityCode: string,
  userId: string,
  planId: string,
  now: Date = new Date(),
): Promise<{ householdId: string; basis: PlanAccessBasis | null } | null> {
  const plan = await tx
    .selectFrom('household_plan as p')
    .leftJoin('team as t', (j) =>
      j.onRef('t.municipality_code', '=', 'p.municipality_code').onRef('t.id', '=', 'p.team_id'),
    )
    .select(['p.household_id', 'p.regisseur_user_id', 't.lead_user_id'])
    .where('p.municipality_code', '=', municipalityCode)
    .where('p.id', '=', planId)
    .executeTakeFirst();
  if (!plan) return null;
  const householdId = plan.household_id;
  if (plan.regisseur_user_id === userId) return { householdId, basis: 'regisseur' };
  const today = now.toISOString().slice(0, 10);
  const involved = await tx
    .selectFrom('plan_professional')
    .select('id')
    .where('municipality_code', '=', municipalityCode)
    .where('plan_id', '=', planId)
    .where('user_id', '=', userId)
    .where('involved_from', '<=', today)
    .where((eb) => eb.or([eb('involved_until', 'is', null), eb('involved_until', '>=', today)]))
    .executeTakeFirst();
  if (involved) return { householdId, basis: 'betrokken' };
  if (plan.lead_user_id === userId) return { householdId, basis: 'teamleider' };
  const override = await tx
    .selectFrom('plan_access_override')
    .select('id')
    .where('municipality_code', '=', municipalityCode)
    .where('plan_id', '=', planId)
    .where('user_id', '=', userId)
    .where('granted_at', '<=', now)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (override) return { householdId, basis: 'doorbraak' };
  return { householdId, basis: null };
}

/** The caller's access to the plan; 404 when it does not exist, 403 `plan-not-involved` when not involved. */
export async function requirePlanAccess(
  tx: Tx,
  municipalityCode: string,
  userId: string,
  planId: string,
): Promise<PlanAccess> {
  const found = await planAccessBasis(tx, municipalityCode, userId, planId);
  if (!found) throw planNotFound();
  if (!found.basis) throw notInvolved();
  return { planId, householdId: found.householdId, basis: found.basis };
}

/** The person ids of a plan's participants: the subjects of the processing-log entry of a plan action. */
export async function planSubjects(tx: Tx, municipalityCode: string, planId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('plan_participant')
    .select('person_id')
    .where('municipality_code', '=', municipalityCode)
    .where('plan_id', '=', planId)
    .execute();
  return rows.map((r) => r.person_id);
}

/** When broken glass granted now expires: BREAK_GLASS_HOURS later (a working day). */
export function breakGlassExpiry(now: Date): Date {
  return new Date(now.getTime() + BREAK_GLASS_HOURS * 3_600_000);
}
