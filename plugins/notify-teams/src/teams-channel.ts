import { assertPublicUrl, ChannelDeliveryError, channelErrorFromResponse, channelErrorFromTransport, defineChannel, postJson, z, type ChannelDefinition, type NetworkPolicy, type Resolver } from '@dwc/sdk';
import { adaptiveCardMessage } from './common/adaptive-card.js';
import type { TeamsConfig } from './common/config.js';
import { teamsEs } from './i18n-es.js';

const SERVICE = 'The Teams webhook';

/** `teams`: an Adaptive Card POSTed to a Teams incoming webhook (the recipient is its URL); `network` refuses private hosts (the host's policy). */
export function createTeamsChannel(config: TeamsConfig, network: NetworkPolicy, options: { resolve?: Resolver } = {}): ChannelDefinition {
  return defineChannel({
    type: 'teams',
    title: 'Microsoft Teams',
    description: 'Posts an Adaptive Card (subject as heading, message below) to a Teams incoming webhook; the recipient is the webhook URL.',
    i18n: teamsEs,
    // Teams webhooks take no idempotency key.
    idempotent: false,
    recipient: z.url({ protocol: /^https?$/, error: 'must be a Teams incoming-webhook URL (https://…)' }),
    checkRecipient: (recipient) => assertPublicUrl(new URL(recipient), network, options),
    async send(message, ctx) {
      const target = new URL(message.recipient);
      let answer;
      try {
        answer = await postJson(message.recipient, adaptiveCardMessage(message), { timeoutMs: config.timeout_ms, signal: ctx.signal, network, resolve: options.resolve });
      } catch (error) {
        throw channelErrorFromTransport(SERVICE, target.origin, error);
      }
      if (answer.status >= 200 && answer.status < 300) {
        // The old Office 365 connectors answer 200 with the error in the body when Teams throttled them.
        if (/HTTP error 429/i.test(answer.text)) {
          throw new ChannelDeliveryError(`${SERVICE} is rate limiting: ${answer.text.slice(0, 200)}`, { code: 'channel_rate_limited', retryable: true, httpStatus: 429 });
        }
        return { status: answer.status === 202 ? 'queued' : 'delivered', providerMessageId: answer.headers.get('x-ms-workflow-run-id') ?? undefined, detail: `HTTP ${answer.status}` };
      }
      if (answer.status >= 300 && answer.status < 400) throw new ChannelDeliveryError(`${SERVICE} redirected (HTTP ${answer.status}); use the final webhook URL.`, { httpStatus: answer.status });
      throw channelErrorFromResponse(SERVICE, answer, { detail: answer.text, credentialSetting: 'the webhook URL (it may have been removed or its signature changed)' });
    },
    async testConnection() {
      return { ok: true, detail: 'Nothing to configure: each recipient is a webhook URL, checked when a message is sent.' };
    },
  });
}
