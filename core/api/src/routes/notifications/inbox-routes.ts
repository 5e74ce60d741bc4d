import type { Principal } from '@dwc/runtime';
import { PermissionError } from '@dwc/sdk';
import { z } from 'zod';
import { defineRoute } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';
import { inboxMessageSchema, toInboxWire } from './notification-wire.js';

const tags = ['notifications'];

function userOf(auth: Principal | null): string {
  if (auth?.userId == null) throw new PermissionError('Only a user has an inbox and push subscriptions; sign in as one (the service token has none).', { code: 'no_user' });
  return auth.userId;
}

export const inboxRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/notifications/inbox',
  operationId: 'getInbox',
  permission: 'account:read',
  summary: "The caller's in-app messages, newest first, with the unread count",
  tags,
  request: {
    query: z.object({
      unread_only: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      before: z.string().max(64).optional(),
    }),
  },
  responses: {
    200: { description: 'A page of messages', schema: z.object({ items: z.array(inboxMessageSchema), unread_count: z.number().int(), next_before: z.string().nullable() }) },
    403: errorResponse('The caller is not a user'),
  },
  handler: async ({ deps, auth, query }) => {
    const userId = userOf(auth);
    const items = await deps.notifications.inbox.list(userId, { unreadOnly: query.unread_only, limit: query.limit, before: query.before });
    return { items: items.map(toInboxWire), unread_count: await deps.notifications.inbox.unreadCount(userId), next_before: items.length === query.limit ? items.at(-1)!.id : null };
  },
});

export const inboxUnreadCountRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/notifications/inbox/unread-count',
  operationId: 'getInboxUnreadCount',
  permission: 'account:read',
  summary: "How many of the caller's in-app messages are unread",
  tags,
  responses: { 200: { description: 'The count', schema: z.object({ unread_count: z.number().int() }) }, 403: errorResponse('The caller is not a user') },
  handler: async ({ deps, auth }) => ({ unread_count: await deps.notifications.inbox.unreadCount(userOf(auth)) }),
});

export const markInboxReadRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/notifications/inbox/{id}/read',
  operationId: 'markInboxMessageRead',
  permission: 'account:write',
  summary: 'Mark one in-app message read',
  tags,
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: {
    200: { description: 'The message and the unread count after', schema: inboxMessageSchema.extend({ unread_count: z.number().int() }) },
    404: errorResponse('No such message in your inbox'),
  },
  handler: async ({ deps, auth, params }) => {
    const userId = userOf(auth);
    const message = await deps.notifications.inbox.markRead(userId, params.id);
    return { ...toInboxWire(message), unread_count: await deps.notifications.inbox.unreadCount(userId) };
  },
});

export const markInboxAllReadRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/notifications/inbox/read-all',
  operationId: 'markInboxAllRead',
  permission: 'account:write',
  summary: 'Mark every in-app message read',
  tags,
  responses: { 200: { description: 'How many were marked', schema: z.object({ marked: z.number().int(), unread_count: z.literal(0) }) } },
  handler: async ({ deps, auth }) => ({ marked: await deps.notifications.inbox.markAllRead(userOf(auth)), unread_count: 0 as const }),
});

const pushSubscriptionSchema = z
  .object({ id: z.string(), endpoint: z.string(), created_at: z.string(), user_agent: z.string().nullable() })
  .meta({ id: 'PushSubscription' });

export const savePushSubscriptionRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/notifications/push/subscriptions',
  operationId: 'savePushSubscription',
  permission: 'account:write',
  summary: "Store this browser's Web Push subscription for the caller",
  description: 'The body is the browser\'s `PushSubscription.toJSON()`. Subscribing the same endpoint again updates it.',
  tags,
  request: {
    body: z.object({
      endpoint: z.url({ protocol: /^https?$/ }).max(2_048),
      expirationTime: z.number().nullable().optional(),
      keys: z.object({ p256dh: z.string().min(1).max(200), auth: z.string().min(1).max(100) }),
    }),
  },
  responses: { 201: { description: 'Stored', schema: pushSubscriptionSchema }, 400: errorResponse('Not a push subscription') },
  handler: async ({ deps, auth, body, req, res }) => {
    const saved = await deps.notifications.pushSubscriptions.save(userOf(auth), body, req.get('user-agent')?.slice(0, 300) ?? null);
    res.status(201);
    return { id: saved.id, endpoint: saved.endpoint, created_at: saved.createdAt.toISOString(), user_agent: saved.userAgent };
  },
});

export const listPushSubscriptionsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/notifications/push/subscriptions',
  operationId: 'listPushSubscriptions',
  permission: 'account:read',
  summary: "The caller's push subscriptions",
  tags,
  responses: { 200: { description: 'Subscriptions', schema: z.object({ items: z.array(pushSubscriptionSchema) }) } },
  handler: async ({ deps, auth }) => ({
    items: (await deps.notifications.pushSubscriptions.listForUser(userOf(auth))).map((s) => ({ id: s.id, endpoint: s.endpoint, created_at: s.createdAt.toISOString(), user_agent: s.userAgent })),
  }),
});

export const pushPublicKeyRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/notifications/push/public-key',
  operationId: 'getPushPublicKey',
  permission: 'account:read',
  summary: 'The VAPID public key a browser subscribes with',
  description: 'Pass it as `applicationServerKey` to `PushManager.subscribe()`, then store the subscription at POST /api/v3/notifications/push/subscriptions.',
  tags,
  responses: {
    200: { description: 'The key, base64url (uncompressed P-256 point)', schema: z.object({ public_key: z.string() }).meta({ id: 'PushPublicKey' }) },
    503: errorResponse('No Web Push channel is enabled'),
  },
  handler: async ({ deps }) => ({ public_key: deps.notifications.service.pushPublicKey() }),
});

export const deletePushSubscriptionRoute = defineRoute({
  method: 'DELETE',
  path: '/api/v3/notifications/push/subscriptions/{id}',
  operationId: 'deletePushSubscription',
  permission: 'account:write',
  summary: 'Remove one of the caller\'s push subscriptions',
  tags,
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: { 204: { description: 'Removed' }, 404: errorResponse('No such subscription of yours') },
  handler: async ({ deps, auth, params }) => {
    await deps.notifications.pushSubscriptions.delete(userOf(auth), params.id);
  },
});
