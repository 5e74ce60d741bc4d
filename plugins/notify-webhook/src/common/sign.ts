import { createHmac } from 'node:crypto';

/**
 * The Standard Webhooks headers (https://www.standardwebhooks.com): `webhook-id` (the same on
 * every attempt, so a receiver drops duplicates), `webhook-timestamp` (Unix seconds) and
 * `webhook-signature`: `v1,` + base64 HMAC-SHA256 of `<id>.<timestamp>.<body>`.
 */
export function signWebhook(key: Buffer, id: string, timestampSeconds: number, body: string): Record<string, string> {
  const signature = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': String(timestampSeconds), 'webhook-signature': `v1,${signature}` };
}
