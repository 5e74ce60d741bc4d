import { definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { resolveSmsSettings, smsConfigSchema } from './common/config.js';
import { countSegments } from './common/segments.js';
import { createSmsChannel } from './sms-channel.js';
import { pluginEs } from './i18n-es.js';

/** The `sms` notification channel. */
export const notifySmsPlugin = definePlugin({
  name: '@dwc/plugin-notify-sms',
  apiVersion: SDK_API_VERSION,
  description: "SMS notifications in Twilio's REST format",
  i18n: pluginEs,
  config: smsConfigSchema,
  permissions: { network: ['*'], secrets: ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM', 'TWILIO_API_URL'] },
  setup(ctx) {
    ctx.channels.register(createSmsChannel(resolveSmsSettings(ctx.config, ctx.secrets), ctx.host));
  },
});

export default notifySmsPlugin;
export { countSegments, createSmsChannel, resolveSmsSettings, smsConfigSchema };
export type { SmsConfig, SmsSettings } from './common/config.js';
export { smsErrors } from './errors.js';
