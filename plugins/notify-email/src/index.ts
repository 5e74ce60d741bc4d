import { definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { emailConfigSchema, resolveEmailSettings } from './common/config.js';
import { createEmailChannel } from './email-channel.js';
import { pluginEs } from './i18n-es.js';

/** The `email` notification channel over SMTP. */
export const notifyEmailPlugin = definePlugin({
  name: '@dwc/plugin-notify-email',
  apiVersion: SDK_API_VERSION,
  description: 'E-mail notifications over SMTP (nodemailer)',
  i18n: pluginEs,
  config: emailConfigSchema,
  permissions: { network: ['*'], secrets: ['SMTP_URL', 'DWC_MAIL_FROM'] },
  setup(ctx) {
    const { channel, close } = createEmailChannel(resolveEmailSettings(ctx.config, ctx.secrets));
    ctx.channels.register(channel);
    return close;
  },
});

export default notifyEmailPlugin;
export { createEmailChannel, emailConfigSchema, resolveEmailSettings };
export type { EmailConfig, EmailSettings } from './common/config.js';
export { emailErrors } from './errors.js';
