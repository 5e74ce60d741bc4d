import { ConfigError, defineErrorCatalogue } from '@dwc/sdk';

/** The codes the `email` channel fails with, beside the SDK's channel codes. */
export const emailErrors = defineErrorCatalogue('@dwc/plugin-notify-email', {
  invalid_smtp_url: { status: 503, message: 'SMTP_URL must look like smtp://user:pass@host:587 (or smtps:// for TLS); fix it and restart.', type: ConfigError },
  smtp_transient: { status: 502, message: 'The SMTP server refused the message for now (a 4xx reply); the outbox retries it.' },
  smtp_rejected: { status: 502, message: 'The SMTP server rejected the message (a 5xx reply); check the recipient and the sender (DWC_MAIL_FROM).' },
});
