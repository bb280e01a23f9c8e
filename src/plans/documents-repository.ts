import { createHash } from 'node:crypto';
import type { Tx } from '../platform/db/database.ts';
import type { DocumentType } from './documents-files.ts';

/** The SQL of a plan's documents: stored with the household, listed per plan, read one at a time. */

export interface DocumentSummaryRow {
  id: string;
  plan_id: string;
  household_id: string;
  file_name: string;
  media_type: DocumentType;
  size_bytes: number;
  sha256: string;
  uploaded_at: Date;
  uploaded_as: 'professional' | 'inwoner';
  uploaded_by_name: string | null;
}

function summaries(tx: Tx, municipalityCode: string) {
  return tx
    .selectFrom('plan_document as d')
    .leftJoin('app_user as u', (j) =>
      j.onRef('u.municipality_code', '=', 'd.municipality_code').onRef('u.id', '=', 'd.uploaded_by'),
    )
    .select([
      'd.id',
      'd.plan_id',
      'd.household_id',
      'd.file_name',
      'd.media_type',
      'd.size_bytes',
      'd.sha256',
      'd.uploaded_at',
      'd.uploaded_as',
      'u.display_name as uploaded_by_name',
    ])
    .where('d.municipality_code', '=', municipalityCode);
}

export async function insertDocument(
  tx: Tx,
  municipalityCode: string,
  input: {
    planId: string;
    householdId: string;
    fileName: string;
    mediaType: DocumentType;
    content: Buffer;
    uploadedBy: string;
    uploadedAs: 'professional' | 'inwoner';
  },
): Promise<DocumentSummaryRow> {
  const row = await tx
    .insertInto('plan_document')
    .values({
      municipality_code: municipalityCode,
      household_id: input.householdId,
      plan_id: input.planId,
      file_name: input.fileName,
      media_type: input.mediaType,
      size_bytes: input.content.byteLength,
      sha256: createHash('sha256').update(input.content).digest('hex'),
      content: input.content,
      uploaded_by: input.uploadedBy,
      uploaded_as: input.uploadedAs,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await documentSummary(tx, municipalityCode, row.id))!;
}

export function documentSummary(
  tx: Tx,
  municipalityCode: string,
  documentId: string,
): Promise<DocumentSummaryRow | undefined> {
  return summaries(tx, municipalityCode).where('d.id', '=', documentId).executeTakeFirst();
}

/** The documents of a plan, newest first. */
export function planDocuments(
  tx: Tx,
  municipalityCode: string,
  planId: string,
): Promise<DocumentSummaryRow[]> {
  return summaries(tx, municipalityCode)
    .where('d.plan_id', '=', planId)
    .orderBy('d.uploaded_at', 'desc')
    .orderBy('d.id')
    .limit(500)
    .execute();
}

/** Which plan a document belongs to (to check access before its content is read). */
export async function documentPlan(
  tx: Tx,
  municipalityCode: string,
  documentId: string,
): Promise<{ plan_id: string; household_id: string } | undefined> {
  return tx
    .selectFrom('plan_document')
    .select(['plan_id', 'household_id'])
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', documentId)
    .executeTakeFirst();
}

/** The stored file: its type, name and bytes (a Buffer whichever driver read it). */
export async function documentContent(
  tx: Tx,
  municipalityCode: string,
  documentId: string,
): Promise<{ file_name: string; media_type: DocumentType; content: Buffer } | undefined> {
  const row = await tx
    .selectFrom('plan_document')
    .select(['file_name', 'media_type', 'content'])
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', documentId)
    .executeTakeFirst();
  if (!row) return undefined;
  const bytes = row.content;
  return {
    file_name: row.file_name,
    media_type: row.media_type,
    content: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  };
}
