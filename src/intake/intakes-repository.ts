import type { Selectable } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import type { IntakeTable } from '../platform/db/schema.ts';

/** SQL of the intake aggregate: the broad intake of a help question and the life-domain scores it gives. */

export interface IntakeView {
  id: string;
  helpQuestionId: string;
  questionnaireVersionId: string;
  mode: 'balie' | 'telefoon' | 'huisbezoek' | 'online' | 'spreekuur';
  status: 'concept' | 'afgerond';
  startedAt: string;
  completedAt: string | null;
  conductedBy: string | null;
  answers: Record<string, unknown>;
  ownStrength: string | null;
  networkStrength: string | null;
  version: number;
}

export function toIntake(row: Selectable<IntakeTable>): IntakeView {
  return {
    id: row.id,
    helpQuestionId: row.help_question_id,
    questionnaireVersionId: row.questionnaire_version_id,
    mode: row.mode,
    status: row.status,
    startedAt: row.started_at.toISOString(),
    completedAt: row.completed_at ? row.completed_at.toISOString() : null,
    conductedBy: row.conducted_by,
    answers: (row.answers ?? {}) as Record<string, unknown>,
    ownStrength: row.own_strength,
    networkStrength: row.network_strength,
    version: row.version,
  };
}

export async function getIntake(tx: Tx, municipalityCode: string, id: string) {
  const row = await tx
    .selectFrom('intake')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toIntake(row);
}

/** Every intake of a help question, newest first: the resident's own online one and the professional's. */
export async function intakesOfQuestion(tx: Tx, municipalityCode: string, helpQuestionId: string) {
  const rows = await tx
    .selectFrom('intake')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('help_question_id', '=', helpQuestionId)
    .orderBy('started_at', 'desc')
    .execute();
  return rows.map(toIntake);
}

export async function insertIntake(
  tx: Tx,
  municipalityCode: string,
  values: {
    helpQuestionId: string;
    versionId: string;
    mode: IntakeView['mode'];
    conductedBy: string;
    /** Answers to start from (the resident's own online answers, when there are any). */
    prefill?: Pick<IntakeView, 'answers' | 'ownStrength' | 'networkStrength'>;
  },
) {
  const row = await tx
    .insertInto('intake')
    .values({
      municipality_code: municipalityCode,
      help_question_id: values.helpQuestionId,
      questionnaire_version_id: values.versionId,
      mode: values.mode,
      status: 'concept',
      started_at: new Date(),
      conducted_by: values.conductedBy,
      ...(values.prefill
        ? {
            answers: JSON.stringify(values.prefill.answers),
            own_strength: values.prefill.ownStrength,
            network_strength: values.prefill.networkStrength,
          }
        : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toIntake(row);
}

/** Optimistic update of a draft intake; undefined when no draft matched the expected version. */
export async function saveIntake(
  tx: Tx,
  municipalityCode: string,
  id: string,
  expectedVersion: number,
  changes: { answers: Record<string, unknown>; ownStrength?: string | null; networkStrength?: string | null },
) {
  const row = await tx
    .updateTable('intake')
    .set((eb) => ({
      answers: JSON.stringify(changes.answers),
      ...(changes.ownStrength !== undefined ? { own_strength: changes.ownStrength } : {}),
      ...(changes.networkStrength !== undefined ? { network_strength: changes.networkStrength } : {}),
      version: eb('version', '+', 1),
    }))
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .where('status', '=', 'concept')
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  return row && toIntake(row);
}

export async function completeIntake(tx: Tx, municipalityCode: string, id: string, expectedVersion: number) {
  const row = await tx
    .updateTable('intake')
    .set((eb) => ({ status: 'afgerond', completed_at: new Date(), version: eb('version', '+', 1) }))
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .where('status', '=', 'concept')
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  return row && toIntake(row);
}

export async function insertScores(
  tx: Tx,
  municipalityCode: string,
  values: {
    personId: string;
    intakeId: string;
    assessedOn: string;
    scores: { lifeDomainCode: string; score: number }[];
  },
) {
  if (values.scores.length === 0) return;
  await tx
    .insertInto('life_domain_score')
    .values(
      values.scores.map((s) => ({
        municipality_code: municipalityCode,
        person_id: values.personId,
        assessed_on: values.assessedOn,
        life_domain_code: s.lifeDomainCode,
        score: s.score,
        intake_id: values.intakeId,
      })),
    )
    .execute();
}

export async function scoresOfIntake(tx: Tx, municipalityCode: string, intakeId: string) {
  return tx
    .selectFrom('life_domain_score')
    .where('municipality_code', '=', municipalityCode)
    .where('intake_id', '=', intakeId)
    .select(['life_domain_code as lifeDomainCode', 'score', 'assessed_on as assessedDate'])
    .orderBy('life_domain_code')
    .execute();
}
