import { ConfigError, defineErrorCatalogue } from '@dwc/sdk';

/** The codes the `webhook` channel fails with, beside the SDK's channel codes. */
export const webhookChannelErrors = defineErrorCatalogue('@dwc/plugin-notify-webhook', {
  invalid_webhook_secret: { status: 503, message: 'DWC_WEBHOOK_SIGNING_SECRET must be a Standard Webhooks secret (whsec_ followed by base64); fix it and restart.', es: 'DWC_WEBHOOK_SIGNING_SECRET debe ser un secreto de Standard Webhooks (whsec_ seguido de base64); corrígelo y reinicia.', type: ConfigError },
});
