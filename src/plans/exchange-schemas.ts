import { z } from 'zod';
import { DOCUMENT_TYPES, type DocumentType } from './documents-files.ts';
import type { DocumentSummaryRow } from './documents-repository.ts';
import type { MessageRow } from './messages-repository.ts';
import type { NotificationRow } from './notifications-repository.ts';

/** The zod schemas (and OpenAPI schemas) of the plan's exchange, and the row → body mappings. */

const Bilingual = z.object({ nl: z.string(), en: z.string() });
const Timestamp = z.iso.datetime({ offset: true });

export const PlanParams = z.strictObject({ planId: z.uuid() });
export const DocumentParams = z.strictObject({ documentId: z.uuid() });
export const NotificationParams = z.strictObject({ notificationId: z.uuid() });
export const VersionParams = z.strictObject({ version: z.coerce.number().int().min(1).max(1_000_000) });
export const NoQuery = z.strictObject({});

export const DocumentSchema = z
  .object({
    id: z.uuid(),
    fileName: z.string(),
    contentType: z.enum(Object.keys(DOCUMENT_TYPES) as [DocumentType, ...DocumentType[]]),
    size: z.number().int(),
    sha256: z.string(),
    uploadedAt: Timestamp,
    uploadedBy: z.string().nullable().describe('Name of who uploaded it'),
    uploadedAs: z.enum(['professional', 'inwoner']),
  })
  .meta({ id: 'PlanDocument' });
export type DocumentBody = z.infer<typeof DocumentSchema>;

export const DocumentListSchema = z.object({ items: z.array(DocumentSchema) });

export function documentBody(row: DocumentSummaryRow): DocumentBody {
  return {
    id: row.id,
    fileName: row.file_name,
    contentType: row.media_type,
    size: row.size_bytes,
    sha256: row.sha256,
    uploadedAt: row.uploaded_at.toISOString(),
    uploadedBy: row.uploaded_by_name,
    uploadedAs: row.uploaded_as,
  };
}

export const MessageInputSchema = z.strictObject({
  body: z.string().trim().min(1).max(4000).describe('The message, 1 to 4000 characters'),
  documentId: z.uuid().optional().describe('A document of the same plan the message refers to'),
});

export const MessageSchema = z
  .object({
    id: z.uuid(),
    body: z.string(),
    sentAt: Timestamp,
    author: z.object({
      kind: z.enum(['professional', 'inwoner']),
      name: z.string(),
      userId: z.uuid(),
    }),
    document: z
      .object({
        id: z.uuid(),
        fileName: z.string(),
        contentType: z.string(),
        size: z.number().int(),
        uploadedAt: Timestamp,
        uploadedBy: z.string().nullable(),
      })
      .nullable(),
    read: z
      .boolean()
      .describe('Whether the caller had read it before this answer (own messages count as read)'),
  })
  .meta({ id: 'PlanMessage' });
export type MessageBody = z.infer<typeof MessageSchema>;

export const MessageListSchema = z.object({ items: z.array(MessageSchema), unread: z.number().int() });

export function messageBody(row: MessageRow): MessageBody {
  return {
    id: row.id,
    body: row.body,
    sentAt: row.sent_at.toISOString(),
    author: { kind: row.author_kind, name: row.author_name, userId: row.author_user_id },
    document:
      row.document_id === null
        ? null
        : {
            id: row.document_id,
            fileName: row.document_file_name!,
            contentType: row.document_media_type!,
            size: row.document_size_bytes!,
            uploadedAt: row.document_uploaded_at!.toISOString(),
            uploadedBy: row.document_uploaded_by_name,
          },
    read: row.read,
  };
}

export const NotificationQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional().describe('true: only the unread ones'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

export const NotificationSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['bericht', 'document', 'akkoord', 'evaluatie', 'signalering']),
    title: Bilingual,
    planId: z.uuid().nullable(),
    link: z.string(),
    createdAt: Timestamp,
    readAt: Timestamp.nullable(),
  })
  .meta({ id: 'Notification' });

export const NotificationListSchema = z.object({
  items: z.array(NotificationSchema),
  unreadCount: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export function notificationBody(row: NotificationRow): z.infer<typeof NotificationSchema> {
  return {
    id: row.id,
    kind: row.kind,
    title: { nl: row.text_nl, en: row.text_en },
    planId: row.plan_id,
    link: row.link,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at ? row.read_at.toISOString() : null,
  };
}

export const TimelineEventSchema = z
  .object({
    at: Timestamp.describe(
      'When; for events known by their day only, the start of that day in the Netherlands',
    ),
    allDay: z.boolean().describe('The event is known by its day only (e.g. a melding or a beschikking)'),
    kind: z.string(),
    title: Bilingual,
    detail: z.string().nullable(),
    link: z.string().nullable(),
  })
  .meta({ id: 'TimelineEvent' });

export const TimelineSchema = z.object({ items: z.array(TimelineEventSchema) });

export const AgreementInputSchema = z.strictObject({
  agreement: z.enum(['akkoord', 'niet-akkoord']),
  note: z.string().trim().min(1).max(2000).optional(),
});
