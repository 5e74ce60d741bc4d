import {
  assertPublicUrl,
  ChannelDeliveryError,
  channelErrorFromResponse,
  channelErrorFromTransport,
  defineChannel,
  postJson,
  z,
  type ChannelDefinition,
  type ChannelMessage,
  type DeliveryResult,
  type NetworkPolicy,
  type Resolver,
} from '@dwc/sdk';
import type { WebClient } from '@slack/web-api';
import type { SlackSettings } from './common/config.js';
import { slackApiError } from './common/slack-errors.js';
import { slackPayload } from './common/slack-payload.js';
import { slackEs } from './i18n-es.js';

const webhookUrl = z.url({ protocol: /^https?$/ });
/** `#general`, `general`, a channel id (`C0123…`) or a user id (`U0123…`, a direct message). */
const channelName = z.string().regex(/^#?[a-z0-9][a-z0-9._-]{0,79}$/i);
const recipientSchema = z.string().refine((value) => webhookUrl.safeParse(value).success || channelName.safeParse(value).success, {
  error: 'must be a Slack incoming-webhook URL or a channel name (#general) or id',
});

/** `slack`: an incoming webhook (the recipient is its URL), or chat.postMessage to a channel with SLACK_BOT_TOKEN. */
export function createSlackChannel(settings: SlackSettings, network: NetworkPolicy, options: { resolve?: Resolver } = {}): ChannelDefinition {
  // No retries inside the client: the outbox schedules them, honouring Retry-After.
  // The Web API client (and its HTTP stack) loads at the first call that needs it, not at start.
  const { botToken } = settings;
  let loaded: Promise<WebClient> | undefined;
  const client = botToken === undefined
    ? undefined
    : () =>
        (loaded ??= import('@slack/web-api').then(
          ({ LogLevel, WebClient }) => new WebClient(botToken, { slackApiUrl: settings.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: settings.timeoutMs, logLevel: LogLevel.ERROR }),
        ));

  async function viaWebhook(message: ChannelMessage, signal: AbortSignal): Promise<DeliveryResult> {
    const target = new URL(message.recipient);
    let answer;
    try {
      answer = await postJson(message.recipient, slackPayload(message), { timeoutMs: settings.timeoutMs, signal, network, resolve: options.resolve });
    } catch (error) {
      throw channelErrorFromTransport('The Slack webhook', target.origin, error);
    }
    if (answer.status === 200) return { status: 'delivered', detail: `HTTP 200 ${answer.text.slice(0, 100)}` };
    // Slack's webhooks answer 403 invalid_token / 404 no_service / 410 channel_is_archived: all final.
    throw channelErrorFromResponse('The Slack webhook', answer, { detail: answer.text, credentialSetting: 'the webhook URL (it may have been revoked)' });
  }

  async function viaApi(message: ChannelMessage): Promise<DeliveryResult> {
    if (client === undefined) {
      throw new ChannelDeliveryError(`"${message.recipient}" is a channel name, which needs SLACK_BOT_TOKEN (a bot token with chat:write); set it, or send to an incoming-webhook URL.`, {
        code: 'channel_not_configured',
      });
    }
    // The Web API base (SLACK_API_URL) is a setting: it is held to the same network policy as recipients.
    try {
      await assertPublicUrl(new URL(settings.apiUrl), network, options);
    } catch (error) {
      throw channelErrorFromTransport('Slack', settings.apiUrl, error);
    }
    try {
      const answer = await (await client()).chat.postMessage({ channel: message.recipient, ...slackPayload(message) });
      return { status: 'delivered', providerMessageId: answer.ts, detail: `chat.postMessage to ${answer.channel ?? message.recipient}` };
    } catch (error) {
      throw slackApiError(error, settings.apiUrl);
    }
  }

  return defineChannel({
    type: 'slack',
    title: 'Slack',
    description: 'Posts to Slack through an incoming webhook (the recipient is its URL) or to a channel with chat.postMessage and SLACK_BOT_TOKEN; a header with the subject and the message in mrkdwn.',
    i18n: slackEs,
    // Neither incoming webhooks nor chat.postMessage take an idempotency key.
    idempotent: false,
    recipient: recipientSchema,
    checkRecipient: async (recipient) => {
      if (webhookUrl.safeParse(recipient).success) await assertPublicUrl(new URL(recipient), network, options);
    },
    send: (message, ctx) => (webhookUrl.safeParse(message.recipient).success ? viaWebhook(message, ctx.signal) : viaApi(message)),
    async testConnection() {
      if (client === undefined) return { ok: true, detail: 'No SLACK_BOT_TOKEN: only incoming-webhook URLs can be recipients (a webhook cannot be checked without posting).' };
      try {
        const answer = await (await client()).auth.test();
        return { ok: true, detail: `SLACK_BOT_TOKEN works: bot ${answer.user ?? '?'} in team ${answer.team ?? '?'}.` };
      } catch (error) {
        return { ok: false, detail: slackApiError(error, settings.apiUrl).message };
      }
    },
  });
}
