import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';

/** The resident portal's SQL: the person behind an account, and that person's own help questions. */

/** The person linked to a resident's account (app_user.person_id), or null. */
export async function linkedPersonId(
  tx: Tx,
  municipalityCode: string,
  userId: string,
): Promise<string | null> {
  const row = await tx
    .selectFrom('app_user')
    .select('person_id')
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.person_id ?? null;
}

export interface OwnHelpQuestionRow {
  id: string;
  reference: string;
  received_at: Date;
  question_types: string[];
  status: 'open' | 'afgesloten';
  closed_at: Date | null;
  outcome: string | null;
  home_visit_planned_on: string | null;
  law_code: string | null;
  melding_status: string | null;
  investigation_due_on: string | null;
  aanvraag_on: string | null;
  decision_due_on: string | null;
}

/**
 * The help questions about this person (help_question.person_id), newest first, with the triage outcome
 * and the latest melding that came of each. Never those of other members of the household.
 */
export async function ownHelpQuestions(
  tx: Tx,
  municipalityCode: string,
  personId: string,
): Promise<OwnHelpQuestionRow[]> {
  const { rows } = await sql<OwnHelpQuestionRow>`
    SELECT q.id, q.reference, q.received_at, q.question_types, q.status, q.closed_at,
           t.outcome, t.home_visit_planned_on::text AS home_visit_planned_on,
           m.law_code, m.status AS melding_status, m.investigation_due_on::text AS investigation_due_on,
           m.aanvraag_on::text AS aanvraag_on, m.decision_due_on::text AS decision_due_on
    FROM help_question q
    LEFT JOIN triage t ON t.municipality_code = q.municipality_code AND t.help_question_id = q.id
    LEFT JOIN LATERAL (
      SELECT law_code, status, investigation_due_on, aanvraag_on, decision_due_on
      FROM melding
      WHERE municipality_code = q.municipality_code AND help_question_id = q.id
      ORDER BY melded_on DESC, id
      LIMIT 1
    ) m ON true
    WHERE q.municipality_code = ${municipalityCode} AND q.person_id = ${personId}
    ORDER BY q.received_at DESC, q.id
    LIMIT 200`.execute(tx);
  return rows.map((row) => ({ ...row, received_at: new Date(row.received_at) }));
}
