import { assertPublicUrl, ChannelDeliveryError, channelErrorFromTransport, defineChannel, postJson, z, type ChannelDefinition, type NetworkPolicy, type Resolver } from '@dwc/sdk';
import type { DiscordConfig } from './common/config.js';
import { discordError } from './common/discord-errors.js';
import { discordPayload } from './common/discord-payload.js';
import { discordEs } from './i18n-es.js';

/** `discord`: an embed POSTed to a Discord webhook (the recipient is its URL); `network` refuses private hosts (the host's policy). */
export function createDiscordChannel(config: DiscordConfig, network: NetworkPolicy, options: { resolve?: Resolver } = {}): ChannelDefinition {
  return defineChannel({
    type: 'discord',
    title: 'Discord',
    description: 'Posts an embed (subject as title, message as description) to a Discord webhook; the recipient is the webhook URL. Mentions never ping.',
    i18n: discordEs,
    // Discord webhooks take no idempotency key (a `nonce` is for bots' gateway messages only).
    idempotent: false,
    recipient: z.url({ protocol: /^https?$/, error: 'must be a Discord webhook URL (https://discord.com/api/webhooks/…)' }),
    checkRecipient: (recipient) => assertPublicUrl(new URL(recipient), network, options),
    async send(message, ctx) {
      // `wait=true`: Discord answers with the message it created, so its id goes in the history.
      const target = new URL(message.recipient);
      target.searchParams.set('wait', 'true');
      let answer;
      try {
        answer = await postJson(target.href, discordPayload(message, config.username), { timeoutMs: config.timeout_ms, signal: ctx.signal, network, resolve: options.resolve });
      } catch (error) {
        throw channelErrorFromTransport('Discord', target.origin, error);
      }
      if (answer.status === 200 || answer.status === 204) {
        let id: string | undefined;
        try {
          id = (JSON.parse(answer.text) as { id?: string }).id;
        } catch {
          // 204 has no body.
        }
        return { status: 'delivered', providerMessageId: id, detail: `HTTP ${answer.status}` };
      }
      if (answer.status >= 300 && answer.status < 400) throw new ChannelDeliveryError(`Discord redirected (HTTP ${answer.status}); use the final webhook URL.`, { httpStatus: answer.status });
      throw discordError(answer);
    },
    async testConnection() {
      return { ok: true, detail: 'Nothing to configure: each recipient is a webhook URL, checked when a message is sent.' };
    },
  });
}
