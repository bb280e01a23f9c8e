import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';

export interface ProcessingLogEntry {
  municipalityCode: string;
  requestId: string;
  actorUserId: string | null;
  actorRole: string | null;
  action: string;
  purpose: string;
  legalGround: string;
  subjectType: string | null;
  subjectIds: string[];
  outcome: 'success' | 'denied' | 'error';
  httpStatus: number | null;
}

export async function appendProcessingLog(tx: Tx, entry: ProcessingLogEntry): Promise<void> {
  await tx
    .insertInto('processing_log')
    .values({
      municipality_code: entry.municipalityCode,
      request_id: entry.requestId,
      actor_user_id: entry.actorUserId,
      actor_role: entry.actorRole,
      action: entry.action,
      purpose: entry.purpose,
      legal_ground: entry.legalGround,
      subject_type: entry.subjectType,
      subject_ids: entry.subjectIds,
      outcome: entry.outcome,
      http_status: entry.httpStatus,
    })
    .execute();
}

export interface ProcessingLogFilter {
  subjectId?: string;
  actorUserId?: string;
  action?: string;
  outcome?: 'success' | 'denied' | 'error';
  from?: string;
  to?: string;
  before?: string;
  limit: number;
}

export async function searchProcessingLog(tx: Tx, municipalityCode: string, filter: ProcessingLogFilter) {
  let query = tx
    .selectFrom('processing_log')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .orderBy('id', 'desc')
    .limit(filter.limit);
  if (filter.subjectId) query = query.where(sql<boolean>`subject_ids @> ARRAY[${filter.subjectId}]::uuid[]`);
  if (filter.actorUserId) query = query.where('actor_user_id', '=', filter.actorUserId);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
  if (filter.from) query = query.where('occurred_at', '>=', new Date(filter.from));
  if (filter.to) query = query.where('occurred_at', '<', new Date(filter.to));
  if (filter.before) query = query.where('id', '<', filter.before);
  return query.execute();
}
