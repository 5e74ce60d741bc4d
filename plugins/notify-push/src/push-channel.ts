import { createHash } from 'node:crypto';
import { Agent } from 'node:https';
import {
  ChannelDeliveryError,
  defineChannel,
  guardedLookup,
  hostOf,
  isPrivateAddress,
  OPEN_NETWORK,
  privateDenied,
  privateNetworkError,
  systemResolver,
  type ChannelDefinition,
  type ChannelMessage,
  type NetworkPolicy,
  type PushSubscriptionTarget,
} from '@dwc/sdk';
import type { PushSettings } from './common/config.js';
import { isGone, pushError } from './common/push-errors.js';
import { pushEs } from './i18n-es.js';

const URGENCY = { low: 'low', normal: 'normal', high: 'high', critical: 'high' } as const;

/** What the service worker receives in its `push` event (`event.data.json()`). */
export function pushPayload(message: ChannelMessage): string {
  return JSON.stringify({ title: message.subject ?? 'Notification', body: message.message, data: { notification_id: message.id, priority: message.priority, ...message.data } });
}

/**
 * `push`: Web Push with VAPID to every browser the recipient (a user id or e-mail) subscribed,
 * the payload encrypted per RFC 8291 (aes128gcm). A subscription the push service calls gone
 * (404/410) is removed.
 */
export function createPushChannel(settings: PushSettings, options: { agent?: Agent; network?: NetworkPolicy } = {}): { channel: ChannelDefinition; close(): void } {
  // Endpoints come from browsers (any user may store one), so they follow the host's network policy like any user-given URL.
  const network = options.network ?? OPEN_NETWORK;
  const agent = options.agent ?? new Agent({ keepAlive: true, maxSockets: 64, lookup: guardedLookup(systemResolver, network) });
  const vapidDetails = { subject: settings.subject, publicKey: settings.vapid.publicKey, privateKey: settings.vapid.privateKey };

  const pushTo = async (subscription: PushSubscriptionTarget, message: ChannelMessage) => {
    // An IP literal connects without a lookup, so it is checked here.
    const host = hostOf(new URL(subscription.endpoint));
    if (privateDenied(host, network) && isPrivateAddress(host)) throw privateNetworkError(host, host);
    // web-push (and its JWT and ASN.1 libraries) loads at the first push, not at start.
    return (await import('web-push')).default.sendNotification(subscription, pushPayload(message), {
      vapidDetails,
      TTL: settings.ttlSeconds,
      urgency: URGENCY[message.priority],
      // The same topic on every attempt: a repeat replaces a copy the push service still holds.
      topic: createHash('sha256').update(message.idempotencyKey).digest('base64url').slice(0, 32),
      contentEncoding: 'aes128gcm',
      timeout: settings.timeoutMs,
      agent,
    });
  };

  const channel = defineChannel({
    type: 'push',
    title: 'Web Push',
    description: "Sends a Web Push message (VAPID, aes128gcm) to each browser the recipient subscribed at POST /api/v3/notifications/push/subscriptions; the recipient is a user id or e-mail.",
    i18n: pushEs,
    // Push services take no idempotency key (a Topic only replaces an undelivered copy).
    idempotent: false,
    webPush: { applicationServerKey: settings.vapid.publicKey },
    async send(message, ctx) {
      if (ctx.pushSubscriptions === undefined) {
        throw new ChannelDeliveryError('This host keeps no push subscriptions, so push messages cannot be sent from it.', { code: 'channel_not_configured' });
      }
      const subscriptions = await ctx.pushSubscriptions.list(message.recipient);
      if (subscriptions.length === 0) {
        throw new ChannelDeliveryError(`${message.recipient} has no push subscription; the user must allow notifications in a browser first.`, { code: 'push_no_subscription' });
      }
      const outcomes = await Promise.allSettled(subscriptions.map((subscription) => pushTo(subscription, message)));
      let accepted = 0;
      let providerMessageId: string | undefined;
      let gone = 0;
      const failures: ChannelDeliveryError[] = [];
      for (const [index, outcome] of outcomes.entries()) {
        const { endpoint } = subscriptions[index]!;
        if (outcome.status === 'fulfilled') {
          accepted += 1;
          // The push service's Location names the message it queued.
          providerMessageId ??= outcome.value.headers.location ?? undefined;
        }
        else if (isGone(outcome.reason)) {
          gone += 1;
          await ctx.pushSubscriptions.remove(endpoint);
          ctx.log.info({ endpoint_origin: new URL(endpoint).origin }, 'push subscription gone; removed');
        } else failures.push(pushError(outcome.reason, new URL(endpoint).origin));
      }
      const detail = `${accepted} of ${subscriptions.length} browser${subscriptions.length === 1 ? '' : 's'} accepted${gone ? `, ${gone} gone subscription${gone === 1 ? '' : 's'} removed` : ''}${failures.length ? `, ${failures.length} failed: ${failures[0]!.message}` : ''}`;
      // Once one browser has it, the message is not retried: a retry would repeat it on that browser.
      if (accepted > 0) return { status: 'queued', providerMessageId, detail };
      if (failures.length === 0) {
        throw new ChannelDeliveryError(`Every push subscription of ${message.recipient} is gone (removed); the user must allow notifications again.`, { code: 'push_subscription_gone', httpStatus: 410 });
      }
      throw failures.find((failure) => failure.retryable) ?? failures[0]!;
    },
    async testConnection() {
      return {
        ok: true,
        detail: `VAPID keys ${settings.vapid.source === 'environment' ? 'from VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY' : 'kept in the data folder'}; subject ${settings.subject}. Browsers subscribe with applicationServerKey ${settings.vapid.publicKey}.`,
      };
    },
  });
  return { channel, close: () => (options.agent === undefined ? agent.destroy() : undefined) };
}
