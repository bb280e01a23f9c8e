import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import type { DocumentType } from './documents-files.ts';

/** The SQL of a plan's messages and of who has read them. */

export interface MessageRow {
  id: string;
  plan_id: string;
  body: string;
  sent_at: Date;
  author_kind: 'professional' | 'inwoner';
  author_user_id: string;
  author_name: string;
  document_id: string | null;
  document_file_name: string | null;
  document_media_type: DocumentType | null;
  document_size_bytes: number | null;
  document_uploaded_at: Date | null;
  document_uploaded_by_name: string | null;
  read: boolean;
}

function messages(tx: Tx, municipalityCode: string, readerId: string) {
  return tx
    .selectFrom('plan_message as m')
    .innerJoin('app_user as a', (j) =>
      j.onRef('a.municipality_code', '=', 'm.municipality_code').onRef('a.id', '=', 'm.author_user_id'),
    )
    .leftJoin('plan_document as d', (j) =>
      j.onRef('d.municipality_code', '=', 'm.municipality_code').onRef('d.id', '=', 'm.document_id'),
    )
    .leftJoin('app_user as du', (j) =>
      j.onRef('du.municipality_code', '=', 'd.municipality_code').onRef('du.id', '=', 'd.uploaded_by'),
    )
    .select([
      'm.id',
      'm.plan_id',
      'm.body',
      'm.sent_at',
      'm.author_kind',
      'm.author_user_id',
      'a.display_name as author_name',
      'm.document_id',
      'd.file_name as document_file_name',
      'd.media_type as document_media_type',
      'd.size_bytes as document_size_bytes',
      'd.uploaded_at as document_uploaded_at',
      'du.display_name as document_uploaded_by_name',
      sql<boolean>`(m.author_user_id = ${readerId} OR EXISTS (
        SELECT 1 FROM plan_message_read r
        WHERE r.municipality_code = m.municipality_code AND r.message_id = m.id AND r.user_id = ${readerId}))`.as(
        'read',
      ),
    ])
    .where('m.municipality_code', '=', municipalityCode);
}

/** The messages of a plan in the order they were sent, each with whether the reader had read it. */
export function planMessages(
  tx: Tx,
  municipalityCode: string,
  planId: string,
  readerId: string,
): Promise<MessageRow[]> {
  return messages(tx, municipalityCode, readerId)
    .where('m.plan_id', '=', planId)
    .orderBy('m.sent_at')
    .orderBy('m.id')
    .limit(1000)
    .execute();
}

export async function message(
  tx: Tx,
  municipalityCode: string,
  messageId: string,
  readerId: string,
): Promise<MessageRow> {
  return messages(tx, municipalityCode, readerId).where('m.id', '=', messageId).executeTakeFirstOrThrow();
}

/** Marks every message of the plan read for this reader (those already read keep their first moment). */
export async function markPlanMessagesRead(
  tx: Tx,
  municipalityCode: string,
  planId: string,
  readerId: string,
): Promise<void> {
  await sql`
    INSERT INTO plan_message_read (municipality_code, message_id, user_id)
    SELECT m.municipality_code, m.id, ${readerId}::uuid
    FROM plan_message m
    WHERE m.municipality_code = ${municipalityCode} AND m.plan_id = ${planId}
      AND m.author_user_id <> ${readerId}
    ON CONFLICT DO NOTHING`.execute(tx);
}

export async function insertMessage(
  tx: Tx,
  municipalityCode: string,
  input: {
    planId: string;
    authorUserId: string;
    authorKind: 'professional' | 'inwoner';
    body: string;
    documentId: string | null;
  },
): Promise<string> {
  const row = await tx
    .insertInto('plan_message')
    .values({
      municipality_code: municipalityCode,
      plan_id: input.planId,
      author_user_id: input.authorUserId,
      author_kind: input.authorKind,
      body: input.body,
      document_id: input.documentId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** How many messages of each of these plans this reader has not read (for the plan lists). */
export async function unreadMessageCounts(
  tx: Tx,
  municipalityCode: string,
  planIds: string[],
  readerId: string,
): Promise<Map<string, number>> {
  if (planIds.length === 0) return new Map();
  const rows = await tx
    .selectFrom('plan_message as m')
    .select(['m.plan_id', sql<number>`count(*)::int`.as('unread')])
    .where('m.municipality_code', '=', municipalityCode)
    .where('m.plan_id', 'in', planIds)
    .where('m.author_user_id', '<>', readerId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('plan_message_read as r')
            .select(sql`1`.as('one'))
            .whereRef('r.municipality_code', '=', 'm.municipality_code')
            .whereRef('r.message_id', '=', 'm.id')
            .where('r.user_id', '=', readerId),
        ),
      ),
    )
    .groupBy('m.plan_id')
    .execute();
  return new Map(rows.map((r) => [r.plan_id, r.unread]));
}
