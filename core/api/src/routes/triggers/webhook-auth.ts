import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookSettings } from '@dwc/runtime';
import type { IncomingHttpHeaders } from 'node:http';
import { HttpStatusError } from '../../http-status-error.js';

const unauthorized = (code: string, message: string): HttpStatusError => new HttpStatusError(401, code, message);

/** Equal strings in time that does not depend on where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  // Compare against itself when lengths differ, so the time does not tell the length apart either.
  return timingSafeEqual(left, left.length === right.length ? right : left) && left.length === right.length;
}

/** HMAC-SHA256 of `<timestamp>.<raw body>` under the secret, as the sender computes it: `sha256=<hex>`. */
export function webhookSignature(secret: string, timestamp: string, body: Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/** Signatures accepted within their tolerance, so the same request cannot be played twice. */
export function createReplayGuard(now: () => number = Date.now) {
  const seen = new Map<string, number>();
  return {
    /** True the first time `signature` is offered before `expiresAt`; false again after. */
    firstUse(signature: string, expiresAt: number): boolean {
      const time = now();
      if (seen.size > 10_000) for (const [key, expiry] of seen) if (expiry < time) seen.delete(key);
      const expiry = seen.get(signature);
      if (expiry !== undefined && expiry >= time) return false;
      seen.set(signature, expiresAt);
      return true;
    },
  };
}
export type ReplayGuard = ReturnType<typeof createReplayGuard>;

/**
 * Checks a webhook request against its trigger's `auth`: none; a header equal to a vault secret;
 * or an HMAC-SHA256 signature over the timestamp and raw body, within the tolerance and only once.
 * Throws 401 (`webhook_unauthorized`, `webhook_signature_invalid`, `webhook_replayed`), or 503
 * `webhook_secret_missing` when the vault lacks the secret.
 */
export async function checkWebhookAuth(
  auth: WebhookSettings['auth'],
  request: { headers: IncomingHttpHeaders; rawBody: Buffer },
  deps: { reveal(name: string): Promise<string | undefined>; replay: ReplayGuard; now: () => number },
): Promise<void> {
  if (auth.type === 'none') return;
  const secret = await deps.reveal(auth.secret);
  if (secret === undefined) {
    throw new HttpStatusError(503, 'webhook_secret_missing', `The webhook's secret "${auth.secret}" is not in the vault; set it with PUT /api/v3/security/secrets/${auth.secret}.`);
  }
  const header = request.headers[auth.header];
  const sent = Array.isArray(header) ? header[0] : header;
  if (auth.type === 'header') {
    if (sent === undefined || !constantTimeEqual(sent, secret)) throw unauthorized('webhook_unauthorized', `Missing or wrong ${auth.header} header.`);
    return;
  }
  const stamp = request.headers[auth.timestamp_header];
  const timestamp = Array.isArray(stamp) ? stamp[0] : stamp;
  if (sent === undefined || timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) {
    throw unauthorized('webhook_signature_invalid', `Send the signature in ${auth.header} and the Unix time in seconds in ${auth.timestamp_header}.`);
  }
  const skew = Math.abs(deps.now() / 1000 - Number(timestamp));
  if (skew > auth.tolerance_seconds) {
    throw unauthorized('webhook_signature_invalid', `The timestamp is ${Math.round(skew)} s from the server's clock; at most ${auth.tolerance_seconds} s is accepted.`);
  }
  if (!constantTimeEqual(sent, webhookSignature(secret, timestamp, request.rawBody))) {
    throw unauthorized('webhook_signature_invalid', 'The signature does not match HMAC-SHA256 of "<timestamp>.<raw body>" under the secret.');
  }
  if (!deps.replay.firstUse(sent, (Number(timestamp) + auth.tolerance_seconds) * 1000)) {
    throw unauthorized('webhook_replayed', 'This signed request was already received; sign each delivery with a fresh timestamp.');
  }
}
