import { createHash, randomBytes } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import type { OnlineIntakeDraftTable } from '../platform/db/schema.ts';

/**
 * SQL of the resident's online intake drafts. A draft is found only with its resume token: the token is
 * `<municipality>.<32 random bytes, base64url>` (the municipality routes the lookup to its shard, as the
 * session cookie does) and only the SHA-256 of the random part is stored. A draft lives 30 days after its
 * last save; expired drafts are removed whenever a new one is started.
 */

export const DRAFT_LIFETIME_DAYS = 30;

export type DraftRow = Selectable<OnlineIntakeDraftTable>;

export function newResumeToken(municipalityCode: string): { token: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { token: `${municipalityCode}.${secret}`, hash: tokenHash(secret) };
}

function tokenHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The municipality and the hash of a well-formed token; null for anything else. */
export function parseResumeToken(value: unknown): { municipalityCode: string; hash: string } | null {
  if (typeof value !== 'string') return null;
  const match = /^(GM\d{4})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) return null;
  return { municipalityCode: match[1]!, hash: tokenHash(match[2]!) };
}

const expiry = sql<Date>`now() + make_interval(days => ${DRAFT_LIFETIME_DAYS})`;

export async function deleteExpiredDrafts(tx: Tx, municipalityCode: string): Promise<number> {
  const result = await tx
    .deleteFrom('online_intake_draft')
    .where('municipality_code', '=', municipalityCode)
    .where('expires_at', '<=', sql<Date>`now()`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function insertDraft(
  tx: Tx,
  municipalityCode: string,
  values: { tokenHash: string; questionnaireVersionId: string },
): Promise<DraftRow> {
  return tx
    .insertInto('online_intake_draft')
    .values({
      municipality_code: municipalityCode,
      token_hash: values.tokenHash,
      questionnaire_version_id: values.questionnaireVersionId,
      expires_at: expiry,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The draft with this id and token hash that has not expired; `forUpdate` locks it for the transaction. */
export async function findDraft(
  tx: Tx,
  municipalityCode: string,
  id: string,
  hash: string,
  options: { forUpdate?: boolean } = {},
): Promise<DraftRow | undefined> {
  let query = tx
    .selectFrom('online_intake_draft')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .where('token_hash', '=', hash)
    .where('expires_at', '>', sql<Date>`now()`);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Saves answers and contact if the draft is still at `expectedVersion`; undefined otherwise. */
export async function saveDraft(
  tx: Tx,
  municipalityCode: string,
  id: string,
  expectedVersion: number,
  values: { answers: Record<string, unknown>; contact: Record<string, unknown> },
): Promise<DraftRow | undefined> {
  return tx
    .updateTable('online_intake_draft')
    .set((eb) => ({
      answers: JSON.stringify(values.answers),
      contact: JSON.stringify(values.contact),
      version: eb('version', '+', 1),
      updated_at: sql<Date>`now()`,
      expires_at: expiry,
    }))
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('submitted_question_id', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Marks the draft submitted and clears what the resident typed (it now lives in the help question and its
 * intake); the draft itself stays until it expires, so that a repeated submission finds its answer.
 */
export async function markSubmitted(
  tx: Tx,
  municipalityCode: string,
  id: string,
  helpQuestionId: string,
): Promise<DraftRow> {
  return tx
    .updateTable('online_intake_draft')
    .set((eb) => ({
      submitted_question_id: helpQuestionId,
      answers: '{}',
      contact: '{}',
      version: eb('version', '+', 1),
      updated_at: sql<Date>`now()`,
      expires_at: expiry,
    }))
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function questionReference(
  tx: Tx,
  municipalityCode: string,
  helpQuestionId: string,
): Promise<{ reference: string; idempotencyKey: string | null } | undefined> {
  const row = await tx
    .selectFrom('help_question')
    .select(['reference', 'idempotency_key'])
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', helpQuestionId)
    .executeTakeFirst();
  return row && { reference: row.reference, idempotencyKey: row.idempotency_key };
}

export async function municipalityName(tx: Tx, code: string): Promise<string | undefined> {
  const row = await tx.selectFrom('municipality').select('name').where('code', '=', code).executeTakeFirst();
  return row?.name;
}

/** The online intake as a completed intake of the help question, on the draft's questionnaire version. */
export async function insertOnlineIntake(
  tx: Tx,
  municipalityCode: string,
  values: {
    helpQuestionId: string;
    questionnaireVersionId: string;
    startedAt: Date;
    answers: Record<string, unknown>;
  },
): Promise<string> {
  const row = await tx
    .insertInto('intake')
    .values({
      municipality_code: municipalityCode,
      help_question_id: values.helpQuestionId,
      questionnaire_version_id: values.questionnaireVersionId,
      mode: 'online',
      status: 'afgerond',
      started_at: values.startedAt,
      completed_at: sql<Date>`greatest(now(), ${values.startedAt}::timestamptz)`,
      conducted_by: null,
      answers: JSON.stringify(values.answers),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
