import { z } from 'zod';
import type { GripApp } from '../platform/http/types.ts';
import { getPerson } from '../residents/persons-repository.ts';
import { searchProcessingLog } from './processing-log-repository.ts';

const QuerySchema = z.strictObject({
  subjectId: z.uuid().optional().describe('Only entries about this person'),
  actorUserId: z.uuid().optional().describe('Only entries by this user'),
  action: z.string().max(100).optional(),
  outcome: z.enum(['success', 'denied', 'error']).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  before: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional()
    .describe('Cursor: only entries with a smaller id (the nextBefore of the previous page)'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const EntrySchema = z
  .object({
    id: z.string(),
    occurredAt: z.iso.datetime({ offset: true }),
    requestId: z.string(),
    actorUserId: z.uuid().nullable(),
    actorRole: z.string().nullable(),
    action: z.string(),
    purpose: z.string(),
    legalGround: z.string(),
    subjectType: z.string().nullable(),
    subjectIds: z.array(z.uuid()),
    outcome: z.enum(['success', 'denied', 'error']),
    httpStatus: z.number().int().nullable(),
  })
  .meta({ id: 'ProcessingLogEntry' });

export function registerProcessingLogRoutes(app: GripApp): void {
  app.get(
    '/api/v1/processing-log',
    {
      config: { action: 'processing-log.search' },
      schema: {
        tags: ['Privacy'],
        summary: 'Search the processing log (verwerkingenlogging) of your municipality',
        querystring: QuerySchema,
        response: {
          200: z
            .object({ items: z.array(EntrySchema), nextBefore: z.string().nullable() })
            .meta({ id: 'ProcessingLogPage' }),
        },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      const rows = await request.tenant(async (tx) => {
        const { subjectId } = request.query;
        if (subjectId && (await getPerson(tx, municipalityCode, subjectId)))
          request.recordSubjects('person', [subjectId]);
        return searchProcessingLog(tx, municipalityCode, request.query);
      });
      const items = rows.map((row) => ({
        id: String(row.id),
        occurredAt: new Date(row.occurred_at).toISOString(),
        requestId: row.request_id,
        actorUserId: row.actor_user_id,
        actorRole: row.actor_role,
        action: row.action,
        purpose: row.purpose,
        legalGround: row.legal_ground,
        subjectType: row.subject_type,
        subjectIds: row.subject_ids,
        outcome: row.outcome,
        httpStatus: row.http_status,
      }));
      const nextBefore = items.length === request.query.limit ? items[items.length - 1]!.id : null;
      return { items, nextBefore };
    },
  );
}
