import { definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { createInAppChannel } from './in-app-channel.js';

/** The `in_app` notification channel. */
export const notifyInAppPlugin = definePlugin({
  name: '@dwc/plugin-notify-in-app',
  apiVersion: SDK_API_VERSION,
  description: 'In-app notifications: a per-user inbox, pushed live over WebSocket',
  setup(ctx) {
    ctx.channels.register(createInAppChannel(ctx.events));
  },
});

export default notifyInAppPlugin;
export { createInAppChannel };
