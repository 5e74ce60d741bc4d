import { definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { adaptiveCardMessage } from './common/adaptive-card.js';
import { teamsConfigSchema } from './common/config.js';
import { createTeamsChannel } from './teams-channel.js';
import { pluginEs } from './i18n-es.js';

/** The `teams` notification channel. */
export const notifyTeamsPlugin = definePlugin({
  name: '@dwc/plugin-notify-teams',
  apiVersion: SDK_API_VERSION,
  description: 'Microsoft Teams notifications: incoming webhook with an Adaptive Card',
  i18n: pluginEs,
  config: teamsConfigSchema,
  permissions: { network: ['*'] },
  setup(ctx) {
    ctx.channels.register(createTeamsChannel(ctx.config, ctx.host));
  },
});

export default notifyTeamsPlugin;
export { adaptiveCardMessage, createTeamsChannel, teamsConfigSchema };
export type { TeamsConfig } from './common/config.js';
