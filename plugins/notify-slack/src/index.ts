import { definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { resolveSlackSettings, slackConfigSchema } from './common/config.js';
import { slackPayload } from './common/slack-payload.js';
import { createSlackChannel } from './slack-channel.js';
import { pluginEs } from './i18n-es.js';

/** The `slack` notification channel. */
export const notifySlackPlugin = definePlugin({
  name: '@dwc/plugin-notify-slack',
  apiVersion: SDK_API_VERSION,
  description: 'Slack notifications: incoming webhooks or chat.postMessage with a bot token',
  i18n: pluginEs,
  config: slackConfigSchema,
  permissions: { network: ['*'], secrets: ['SLACK_BOT_TOKEN', 'SLACK_API_URL'] },
  setup(ctx) {
    ctx.channels.register(createSlackChannel(resolveSlackSettings(ctx.config, ctx.secrets), ctx.host));
  },
});

export default notifySlackPlugin;
export { createSlackChannel, resolveSlackSettings, slackConfigSchema, slackPayload };
export type { SlackConfig, SlackSettings } from './common/config.js';
export { slackErrors } from './errors.js';
