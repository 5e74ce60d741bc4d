import { z } from 'zod';
import { defineRoute } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';
import { i18nSchema, i18nWire } from '../i18n-wire.js';

const tags = ['notifications'];
const channelSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    description: z.string(),
    plugin: z.string().meta({ description: 'The plugin providing it; its settings are at /api/v3/plugins/{plugin}/config' }),
    idempotent: z.boolean().meta({ description: 'Whether a repeat is dropped by the provider, so a send cut short by a crash is resent instead of marked uncertain' }),
    testable: z.boolean(),
    i18n: i18nSchema.optional(),
  })
  .meta({ id: 'NotificationChannel' });

export const listChannelsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/notifications/channels',
  operationId: 'listNotificationChannels',
  permission: 'notifications:read',
  summary: 'Installed notification channels',
  tags,
  responses: { 200: { description: 'Channels', schema: z.object({ items: z.array(channelSchema) }) } },
  handler: ({ deps }) => ({ items: deps.notifications.service.channels().map(({ i18n, ...channel }) => ({ ...channel, ...i18nWire(i18n) })) }),
});

export const testChannelRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/notifications/channels/{type}/test',
  operationId: 'testNotificationChannel',
  permission: 'notifications:admin',
  summary: "Check a channel's settings, credentials and reachability without sending",
  tags,
  request: { params: z.object({ type: z.string().min(1).max(100) }) },
  responses: {
    200: { description: 'The result; `detail` says what was checked or what to fix', schema: z.object({ channel: z.string(), ok: z.boolean(), detail: z.string().nullable() }) },
    400: errorResponse('No such channel'),
  },
  handler: async ({ deps, params }) => {
    const result = await deps.notifications.service.testChannel(params.type);
    return { channel: params.type, ok: result.ok, detail: result.detail ?? null };
  },
});
