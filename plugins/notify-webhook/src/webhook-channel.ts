import { ChannelDeliveryError, channelErrorFromResponse, channelErrorFromTransport, defineChannel, z, type ChannelDefinition } from '@dwc/sdk';
import type { WebhookSettings } from './common/config.js';
import { signWebhook } from './common/sign.js';

const SERVICE = 'The webhook receiver';

/** `webhook`: a JSON POST to the recipient URL, signed per the Standard Webhooks spec. */
export function createWebhookChannel(settings: WebhookSettings): ChannelDefinition {
  return defineChannel({
    type: 'webhook',
    title: 'Webhook',
    description: 'POSTs the notification as JSON to the recipient URL, signed per the Standard Webhooks spec (webhook-id, webhook-timestamp, webhook-signature).',
    // The webhook-id is the idempotency key: a receiver tells a resend from a new message.
    idempotent: true,
    recipient: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }),
    async send(message, ctx) {
      if (settings.key === undefined) {
        throw new ChannelDeliveryError('Webhook deliveries are signed and DWC_WEBHOOK_SIGNING_SECRET is not set; set it (whsec_ + base64) and send again.', {
          code: 'channel_not_configured',
        });
      }
      const timestamp = Math.floor(Date.now() / 1000);
      const body = JSON.stringify({
        type: settings.event_type,
        timestamp: new Date(timestamp * 1000).toISOString(),
        data: { id: message.id, subject: message.subject ?? null, message: message.message, priority: message.priority, attempt: message.attempt, data: message.data },
      });
      const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(settings.timeout_ms)]);
      let response: Response;
      try {
        response = await fetch(message.recipient, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'dwc-webhooks/1', ...signWebhook(settings.key, message.idempotencyKey, timestamp, body) },
          body,
          redirect: 'manual',
          signal,
        });
      } catch (error) {
        throw channelErrorFromTransport(SERVICE, new URL(message.recipient).origin, error);
      }
      if (response.status >= 200 && response.status < 300) {
        await response.body?.cancel();
        return { status: 'delivered', providerMessageId: response.headers.get('x-request-id') ?? undefined, detail: `HTTP ${response.status}` };
      }
      const detail = await response.text().catch(() => '');
      if (response.status >= 300 && response.status < 400) {
        throw new ChannelDeliveryError(`${SERVICE} redirected (HTTP ${response.status}); webhooks are not followed across redirects: use the final URL.`, { httpStatus: response.status });
      }
      throw channelErrorFromResponse(SERVICE, response, { detail });
    },
    async testConnection() {
      if (settings.key === undefined) return { ok: false, detail: 'DWC_WEBHOOK_SIGNING_SECRET is not set; deliveries are refused until it is (whsec_ + base64).' };
      return { ok: true, detail: `Signing secret loaded (${settings.key.length} bytes); each recipient URL is checked when a message is sent.` };
    },
  });
}
