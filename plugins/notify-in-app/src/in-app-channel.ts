import { ChannelDeliveryError, defineChannel, type ChannelDefinition, type EventBus } from '@dwc/sdk';
import { inAppEs } from './i18n-es.js';

/**
 * `in_app`: stores the message in the recipient's inbox (a user id or e-mail) and pushes it to the
 * user's WebSocket room as `notification.created`. The inbox keeps one message per notification,
 * so a resend after a crash stores nothing twice.
 */
export function createInAppChannel(events: EventBus): ChannelDefinition {
  return defineChannel({
    type: 'in_app',
    title: 'In-app',
    description: "Stores the message in the user's inbox and shows it live in the app.",
    i18n: inAppEs,
    idempotent: true,
    async send(message, ctx) {
      if (ctx.inbox === undefined) throw new ChannelDeliveryError('This host keeps no inboxes, so in-app messages cannot be stored.', { code: 'channel_not_configured' });
      const stored = await ctx.inbox.deliver({
        notificationId: message.id, idempotencyKey: message.idempotencyKey, recipient: message.recipient, subject: message.subject, body: message.message, data: message.data,
      });
      // Sent again after a resend too: the first push may have been lost with the process; clients key on message_id.
      events.emit('notification.created', {
        user_id: stored.userId, message_id: stored.messageId, notification_id: message.id, subject: message.subject ?? null, message: message.message,
        priority: message.priority, data: message.data,
      });
      return { status: 'delivered', providerMessageId: stored.messageId };
    },
    async testConnection(ctx) {
      return ctx.inbox === undefined ? { ok: false, detail: 'This host keeps no inboxes.' } : { ok: true, detail: 'Messages are stored in the users\' inboxes.' };
    },
  });
}
