import { assertPublicUrl, ChannelDeliveryError, channelErrorFromResponse, channelErrorFromTransport, defineChannel, postJson, z, type ChannelDefinition, type NetworkPolicy, type PostAnswer, type Resolver } from '@dwc/sdk';
import type { WebhookSettings } from './common/config.js';
import { signWebhook } from './common/sign.js';
import { webhookEs } from './i18n-es.js';

const SERVICE = 'The webhook receiver';

/**
 * `webhook`: a JSON POST to the recipient URL, signed per the Standard Webhooks spec. `network`
 * (the host's, `ctx.host`) says whether private addresses are refused: at enqueue and on connecting.
 */
export function createWebhookChannel(settings: WebhookSettings, network: NetworkPolicy, options: { resolve?: Resolver } = {}): ChannelDefinition {
  return defineChannel({
    type: 'webhook',
    title: 'Webhook',
    description: 'POSTs the notification as JSON to the recipient URL, signed per the Standard Webhooks spec (webhook-id, webhook-timestamp, webhook-signature).',
    i18n: webhookEs,
    // The webhook-id is the idempotency key: a receiver tells a resend from a new message.
    idempotent: true,
    recipient: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }),
    checkRecipient: (recipient) => assertPublicUrl(new URL(recipient), network, options),
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
      const target = new URL(message.recipient);
      let answer: PostAnswer;
      try {
        answer = await postJson(target, body, {
          headers: { 'user-agent': 'dwc-webhooks/1', ...signWebhook(settings.key, message.idempotencyKey, timestamp, body) },
          timeoutMs: settings.timeout_ms,
          signal: ctx.signal,
          network,
          resolve: options.resolve,
        });
      } catch (error) {
        throw channelErrorFromTransport(SERVICE, target.origin, error);
      }
      if (answer.status >= 200 && answer.status < 300) {
        return { status: 'delivered', providerMessageId: answer.headers.get('x-request-id') ?? undefined, detail: `HTTP ${answer.status}` };
      }
      if (answer.status >= 300 && answer.status < 400) {
        throw new ChannelDeliveryError(`${SERVICE} redirected (HTTP ${answer.status}); webhooks are not followed across redirects: use the final URL.`, { httpStatus: answer.status });
      }
      throw channelErrorFromResponse(SERVICE, answer, { detail: answer.text });
    },
    async testConnection() {
      if (settings.key === undefined) return { ok: false, detail: 'DWC_WEBHOOK_SIGNING_SECRET is not set; deliveries are refused until it is (whsec_ + base64).' };
      return { ok: true, detail: `Signing secret loaded (${settings.key.length} bytes); each recipient URL is checked when a message is sent.` };
    },
  });
}
