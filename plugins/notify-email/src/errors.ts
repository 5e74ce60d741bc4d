import { ConfigError, defineErrorCatalogue } from '@dwc/sdk';

/** The codes the `email` channel fails with, beside the SDK's channel codes. */
export const emailErrors = defineErrorCatalogue('@dwc/plugin-notify-email', {
  invalid_smtp_url: { status: 503, message: 'SMTP_URL must look like smtp://user:pass@host:587 (or smtps:// for TLS); fix it and restart.', es: 'SMTP_URL debe tener la forma smtp://user:pass@host:587 (o smtps:// para TLS); corrígelo y reinicia.', type: ConfigError },
  smtp_transient: { status: 502, message: 'The SMTP server refused the message for now (a 4xx reply); the outbox retries it.', es: 'El servidor SMTP rechazó el mensaje por ahora (una respuesta 4xx); la cola de salida lo reintenta.' },
  smtp_rejected: { status: 502, message: 'The SMTP server rejected the message (a 5xx reply); check the recipient and the sender (DWC_MAIL_FROM).', es: 'El servidor SMTP rechazó el mensaje (una respuesta 5xx); revisa el destinatario y el remitente (DWC_MAIL_FROM).' },
});
