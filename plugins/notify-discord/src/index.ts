import { definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { discordConfigSchema } from './common/config.js';
import { discordPayload } from './common/discord-payload.js';
import { createDiscordChannel } from './discord-channel.js';
import { pluginEs } from './i18n-es.js';

/** The `discord` notification channel. */
export const notifyDiscordPlugin = definePlugin({
  name: '@dwc/plugin-notify-discord',
  apiVersion: SDK_API_VERSION,
  description: 'Discord notifications: webhook with an embed',
  i18n: pluginEs,
  config: discordConfigSchema,
  permissions: { network: ['*'] },
  setup(ctx) {
    ctx.channels.register(createDiscordChannel(ctx.config, ctx.host));
  },
});

export default notifyDiscordPlugin;
export { createDiscordChannel, discordConfigSchema, discordPayload };
export type { DiscordConfig } from './common/config.js';
export { discordErrors } from './errors.js';
