import { ConfigError, z } from '@dwc/sdk';

/** Settings of the e-mail channel. The server is `SMTP_URL` and the sender `DWC_MAIL_FROM` (secrets or environment); config may name the sender instead. */
export const emailConfigSchema = z
  .object({
    from: z.string().min(3).max(320).optional().describe('Sender, e.g. "Workflows <dwc@example.com>". Default: DWC_MAIL_FROM.'),
    timeout_ms: z.number().int().min(1_000).max(120_000).default(20_000).describe('Longest wait for the SMTP server at each step, in milliseconds.'),
    max_connections: z.number().int().min(1).max(50).default(5).describe('SMTP connections kept open and reused.'),
  })
  .strict();
export type EmailConfig = z.output<typeof emailConfigSchema>;

export interface EmailSettings extends EmailConfig {
  /** `smtp://user:pass@host:port` (STARTTLS when offered) or `smtps://` (TLS from the start); undefined when not set. */
  smtpUrl: string | undefined;
  /** Host and port, for messages (never the password). */
  server: string | undefined;
  sender: string | undefined;
}

export function resolveEmailSettings(config: EmailConfig, secrets: Readonly<Record<string, string>>): EmailSettings {
  const smtpUrl = secrets.SMTP_URL || undefined;
  let server: string | undefined;
  if (smtpUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(smtpUrl);
    } catch {
      throw new ConfigError('SMTP_URL is not a URL; write it as smtp://user:pass@host:587 or smtps://user:pass@host:465.', { code: 'invalid_smtp_url' });
    }
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
      throw new ConfigError(`SMTP_URL must start with smtp:// or smtps:// (TLS), not ${url.protocol}//.`, { code: 'invalid_smtp_url' });
    }
    server = `${url.protocol}//${url.hostname}:${url.port || (url.protocol === 'smtps:' ? 465 : 587)}`;
  }
  return { ...config, smtpUrl, server, sender: config.from ?? (secrets.DWC_MAIL_FROM || undefined) };
}
