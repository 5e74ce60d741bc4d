import { definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { resolveWebhookSettings, webhookConfigSchema } from './common/config.js';
import { signWebhook } from './common/sign.js';
import { createWebhookChannel } from './webhook-channel.js';
import { pluginEs } from './i18n-es.js';

/** The `webhook` notification channel. */
export const notifyWebhookPlugin = definePlugin({
  name: '@dwc/plugin-notify-webhook',
  apiVersion: SDK_API_VERSION,
  description: 'Webhook notifications signed per the Standard Webhooks spec',
  i18n: pluginEs,
  config: webhookConfigSchema,
  permissions: { network: ['*'], secrets: ['DWC_WEBHOOK_SIGNING_SECRET'] },
  setup(ctx) {
    ctx.channels.register(createWebhookChannel(resolveWebhookSettings(ctx.config, ctx.secrets), ctx.host));
  },
});

export default notifyWebhookPlugin;
export { createWebhookChannel, resolveWebhookSettings, signWebhook, webhookConfigSchema };
export type { WebhookConfig, WebhookSettings } from './common/config.js';
export { webhookChannelErrors } from './errors.js';
