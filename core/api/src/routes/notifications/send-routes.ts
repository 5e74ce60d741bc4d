import { auditActor, bulkSendRequestSchema, NOTIFICATION_STATUSES, sendRequestSchema } from '@dwc/runtime';
import { z } from 'zod';
import { defineRoute } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';
import { attemptSchema, notificationSchema, toAttemptWire, toNotificationWire } from './notification-wire.js';

const tags = ['notifications'];
const status = z.enum(NOTIFICATION_STATUSES);

export const sendNotificationRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/advanced/notifications/send',
  operationId: 'sendNotification',
  permission: 'notifications:write',
  summary: 'Queue a notification to one recipient',
  description:
    'The notification is committed to the outbox before any attempt and delivered by a worker with retries. A repeated `idempotency_key` returns the first notification (with `created: false`) instead of sending again.',
  tags,
  request: { body: sendRequestSchema },
  responses: {
    202: { description: 'Queued', schema: z.object({ id: z.string(), status, created: z.boolean() }) },
    400: errorResponse('Unknown channel, bad recipient, unknown template or a template variable missing from `data`'),
    409: errorResponse('The idempotency key was used for another notification'),
  },
  handler: async ({ deps, body, auth, res }) => {
    const { notification, created } = await deps.notifications.service.send(body, { actor: auth ? auditActor(auth) : null });
    res.status(202);
    return { id: notification.id, status: notification.status, created };
  },
});

export const bulkSendNotificationRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/advanced/notifications/send/bulk',
  operationId: 'bulkSendNotification',
  permission: 'notifications:write',
  summary: 'Queue one notification per recipient: all or none',
  tags,
  request: { body: bulkSendRequestSchema },
  responses: {
    202: {
      description: 'Queued; follow each recipient with `GET /api/v3/notifications?batch_id=`',
      schema: z.object({
        batch_id: z.string(),
        count: z.number().int(),
        items: z.array(z.object({ id: z.string(), recipient: z.string(), status, created: z.boolean() })),
      }),
    },
    400: errorResponse('Unknown channel, a bad recipient (named by index), or a template problem; nothing was queued'),
    409: errorResponse('An idempotency key was used for another notification'),
  },
  handler: async ({ deps, body, auth, res }) => {
    const { batchId, notifications } = await deps.notifications.service.sendBulk(body, { actor: auth ? auditActor(auth) : null });
    res.status(202);
    return {
      batch_id: batchId,
      count: notifications.length,
      items: notifications.map(({ notification, created }) => ({ id: notification.id, recipient: notification.recipient, status: notification.status, created })),
    };
  },
});

export const listNotificationsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/notifications',
  operationId: 'listNotifications',
  permission: 'notifications:read',
  summary: 'Notification history, newest first',
  tags,
  request: {
    query: z.object({
      channel: z.string().max(100).optional(),
      status: status.optional(),
      recipient: z.string().max(2_048).optional(),
      batch_id: z.string().max(64).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(50),
      before: z.string().max(64).optional().meta({ description: 'Id of the last notification of the previous page (`next_before`)' }),
    }),
  },
  responses: { 200: { description: 'A page of notifications', schema: z.object({ items: z.array(notificationSchema), next_before: z.string().nullable() }) } },
  handler: async ({ deps, query }) => {
    const items = await deps.notifications.service.list({
      channel: query.channel, status: query.status, recipient: query.recipient, batchId: query.batch_id, limit: query.limit, before: query.before,
    });
    return { items: items.map(toNotificationWire), next_before: items.length === query.limit ? items.at(-1)!.id : null };
  },
});

export const getNotificationRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/notifications/{id}',
  operationId: 'getNotification',
  permission: 'notifications:read',
  summary: 'One notification with every delivery attempt',
  tags,
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: {
    200: { description: 'The notification and its attempts, oldest first', schema: notificationSchema.extend({ delivery_attempts: z.array(attemptSchema) }) },
    404: errorResponse('No such notification'),
  },
  handler: async ({ deps, params }) => {
    const { notification, attempts } = await deps.notifications.service.get(params.id);
    return { ...toNotificationWire(notification), delivery_attempts: attempts.map(toAttemptWire) };
  },
});
