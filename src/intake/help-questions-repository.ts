import type { Selectable } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import type { HelpQuestionTable } from '../platform/db/schema.ts';
import type { HelpQuestion } from './help-question-schemas.ts';

/** SQL of the help-question aggregate (help_question, with its triage and melding read alongside). */

export function toHelpQuestion(
  row: Selectable<HelpQuestionTable>,
  householdPlanId: string | null,
): HelpQuestion {
  return {
    id: row.id,
    reference: row.reference,
    receivedAt: row.received_at.toISOString(),
    channel: row.channel,
    vindplaatsId: row.vindplaats_id,
    referrerKind: row.referrer_kind,
    referrerName: row.referrer_name,
    questionTypes: row.question_types,
    mainLawCode: row.main_law_code,
    freeText: row.free_text,
    status: row.status,
    closedAt: row.closed_at ? row.closed_at.toISOString() : null,
    personId: row.person_id,
    householdId: row.household_id,
    teamId: row.team_id,
    registeredBy: row.registered_by,
    relatedQuestionId: row.related_question_id,
    householdPlanId,
  };
}

export async function openPlanOf(
  tx: Tx,
  municipalityCode: string,
  householdId: string | null,
): Promise<string | null> {
  if (!householdId) return null;
  const plan = await tx
    .selectFrom('household_plan')
    .where('municipality_code', '=', municipalityCode)
    .where('household_id', '=', householdId)
    .where('status', '<>', 'afgesloten')
    .select('id')
    .executeTakeFirst();
  return plan?.id ?? null;
}

export async function getHelpQuestionRow(tx: Tx, municipalityCode: string, id: string) {
  return tx
    .selectFrom('help_question')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function getHelpQuestion(
  tx: Tx,
  municipalityCode: string,
  id: string,
): Promise<HelpQuestion | undefined> {
  const row = await getHelpQuestionRow(tx, municipalityCode, id);
  return row && toHelpQuestion(row, await openPlanOf(tx, municipalityCode, row.household_id));
}
