import { z } from 'zod';
import { notFound } from '../platform/http/problem.ts';
import type { GripApp } from '../platform/http/types.ts';
import {
  NotificationListSchema,
  NotificationParams,
  NotificationQuery,
  NotificationSchema,
  notificationBody,
} from './exchange-schemas.ts';
import {
  NOTIFICATION_PAGE_SIZE,
  listNotifications,
  markNotificationRead,
  notifyEvaluationsDue,
} from './notifications-repository.ts';

/** My notifications (docs/api/plans.md): new messages, documents, agreements, evaluations due. */

const TAGS = ['Notificaties'];

export function registerNotificationRoutes(app: GripApp): void {
  app.get(
    '/api/v1/notifications',
    {
      config: { action: 'notification.list' },
      schema: {
        tags: TAGS,
        summary:
          'My notifications, newest first, with the number unread (evaluations of my plans due within 14 days are added once)',
        querystring: NotificationQuery,
        response: { 200: NotificationListSchema },
      },
    },
    async (request) => {
      const { municipalityCode, userId } = request.grip.actor!;
      const { page, unread } = request.query;
      const result = await request.tenant(async (tx) => {
        await notifyEvaluationsDue(tx, municipalityCode, userId);
        return listNotifications(tx, municipalityCode, userId, { page, unreadOnly: unread === 'true' });
      });
      return {
        items: result.rows.map(notificationBody),
        unreadCount: result.unread,
        page,
        pageSize: NOTIFICATION_PAGE_SIZE,
        total: result.total,
      };
    },
  );

  app.post(
    '/api/v1/notifications/:notificationId/read',
    {
      config: { action: 'notification.update' },
      schema: {
        tags: TAGS,
        summary: 'Mark one of my notifications read',
        params: NotificationParams,
        body: z.strictObject({}).nullish(),
        response: { 200: NotificationSchema },
      },
    },
    async (request) => {
      const { municipalityCode, userId } = request.grip.actor!;
      const row = await request.tenant((tx) =>
        markNotificationRead(tx, municipalityCode, userId, request.params.notificationId),
      );
      if (!row) throw notFound({ nl: 'Deze melding', en: 'This notification' });
      return notificationBody(row);
    },
  );
}
