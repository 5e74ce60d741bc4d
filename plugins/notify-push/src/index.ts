import { definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { pushConfigSchema } from './common/config.js';
import { loadVapidKeys } from './common/vapid-keys.js';
import { createPushChannel, pushPayload } from './push-channel.js';
import { pluginEs } from './i18n-es.js';

/** The `push` notification channel. */
export const notifyPushPlugin = definePlugin({
  name: '@dwc/plugin-notify-push',
  apiVersion: SDK_API_VERSION,
  description: 'Web Push notifications with VAPID (web-push)',
  i18n: pluginEs,
  config: pushConfigSchema,
  permissions: { network: ['*'], secrets: ['VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY', 'VAPID_SUBJECT'], filesystem: ['<data>/plugins/@dwc/plugin-notify-push'] },
  setup(ctx) {
    const vapid = loadVapidKeys(ctx.secrets, ctx.dataDir);
    if (vapid.source === 'generated') ctx.log.warn({ dir: ctx.dataDir }, 'generated a VAPID key pair into the data folder; back it up: browsers subscribed with its public key need it');
    const subject = ctx.config.subject ?? (ctx.secrets.VAPID_SUBJECT || 'mailto:notifications@dwc.invalid');
    const { channel, close } = createPushChannel({ subject, ttlSeconds: ctx.config.ttl_seconds, timeoutMs: ctx.config.timeout_ms, vapid }, { network: ctx.host });
    ctx.channels.register(channel);
    return close;
  },
});

export default notifyPushPlugin;
export { createPushChannel, loadVapidKeys, pushConfigSchema, pushPayload };
export type { PushConfig, PushSettings, VapidKeys } from './common/config.js';
export { pushErrors } from './errors.js';
