import { createHash } from 'node:crypto';
import { ChannelDeliveryError, defineChannel, z, type ChannelDefinition } from '@dwc/sdk';
import type { Transporter } from 'nodemailer';
import type { EmailSettings } from './common/config.js';
import { smtpError } from './common/smtp-errors.js';
import { emailEs } from './i18n-es.js';


/** `email`: plain text and HTML parts over SMTP (nodemailer), TLS for `smtps://` and STARTTLS when offered. */
export function createEmailChannel(settings: EmailSettings): { channel: ChannelDefinition; close(): void } {
  let transport: Transporter | undefined;
  // nodemailer is loaded on the first send or test, not at start.
  const open = async (): Promise<Transporter> =>
    (transport ??= (await import('nodemailer')).default.createTransport({
      url: settings.smtpUrl!,
      pool: true,
      maxConnections: settings.max_connections,
      connectionTimeout: settings.timeout_ms,
      greetingTimeout: settings.timeout_ms,
      socketTimeout: settings.timeout_ms,
    }));
  const notConfigured = () =>
    settings.smtpUrl === undefined ? 'SMTP_URL is not set (smtp://user:pass@host:587, or smtps:// for TLS).' : settings.sender === undefined ? 'DWC_MAIL_FROM is not set (the sender address).' : undefined;

  const channel = defineChannel({
    type: 'email',
    title: 'E-mail',
    description: 'Sends e-mail with plain text and HTML parts through the SMTP server in SMTP_URL.',
    i18n: emailEs,
    // SMTP has no idempotency key: a send cut short by a crash is marked "may have been delivered".
    idempotent: false,
    recipient: z.email({ error: 'must be an e-mail address' }),
    async send(message, ctx) {
      const missing = notConfigured();
      if (missing !== undefined) throw new ChannelDeliveryError(`E-mail is not configured: ${missing}`, { code: 'channel_not_configured' });
      if (ctx.signal.aborted) throw new ChannelDeliveryError('The send was cancelled before it started.', { retryable: true });
      // The same Message-ID on every attempt lets mail systems drop a repeat.
      const messageId = `<${createHash('sha256').update(message.idempotencyKey).digest('hex').slice(0, 32)}@dwc.notifications>`;
      try {
        const info = await (await open()).sendMail({
          from: settings.sender,
          to: message.recipient,
          subject: message.subject ?? '',
          text: message.message,
          ...(message.html === undefined ? {} : { html: message.html }),
          messageId,
          priority: message.priority === 'critical' || message.priority === 'high' ? 'high' : message.priority === 'low' ? 'low' : 'normal',
          headers: { 'X-DWC-Notification-Id': message.id },
        });
        return { status: 'queued', providerMessageId: info.messageId, detail: String(info.response ?? '') };
      } catch (error) {
        throw smtpError(error, settings.server!);
      }
    },
    async testConnection() {
      const missing = notConfigured();
      if (missing !== undefined) return { ok: false, detail: missing };
      try {
        await (await open()).verify();
        return { ok: true, detail: `${settings.server} accepted the connection${settings.smtpUrl!.includes('@') ? ' and the login' : ''}.` };
      } catch (error) {
        return { ok: false, detail: smtpError(error, settings.server!).message };
      }
    },
  });
  return { channel, close: () => transport?.close() };
}
