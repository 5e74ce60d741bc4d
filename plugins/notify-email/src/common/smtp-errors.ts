import { ChannelDeliveryError } from '@dwc/sdk';

const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ETLS']);

/**
 * The error for a nodemailer failure: connection trouble and 4xx SMTP replies are retryable;
 * authentication failures name SMTP_URL; 5xx replies (a refused address, a rejected message) are final.
 */
export function smtpError(error: unknown, server: string): ChannelDeliveryError {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  const said = e.response ?? e.message ?? String(error);
  if (e.code === 'EAUTH') {
    return new ChannelDeliveryError(`The SMTP server ${server} refused the login (${said}); check the user and password in SMTP_URL.`, { code: 'channel_unauthorized', cause: error });
  }
  if (typeof e.responseCode === 'number') {
    const transient = e.responseCode >= 400 && e.responseCode < 500;
    return new ChannelDeliveryError(`The SMTP server ${server} answered ${said}`, { code: transient ? 'smtp_transient' : 'smtp_rejected', retryable: transient, cause: error });
  }
  if (e.code !== undefined && CONNECTION_CODES.has(e.code)) {
    return new ChannelDeliveryError(`Could not talk to the SMTP server ${server} (${e.code}: ${said}); check SMTP_URL and that the server is up.`, {
      code: 'channel_unreachable', retryable: true, cause: error,
    });
  }
  return new ChannelDeliveryError(`Sending through ${server} failed: ${said}`, { retryable: true, cause: error });
}
