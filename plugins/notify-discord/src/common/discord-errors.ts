import { channelErrorFromResponse, ChannelDeliveryError } from '@dwc/sdk';
import type { PostAnswer } from '@dwc/sdk';

/**
 * The error for a Discord error answer. A 429's wait comes from its JSON `retry_after` (seconds,
 * fractional), else `X-RateLimit-Reset-After`, else `Retry-After`; the rest as for any HTTP service.
 */
export function discordError(answer: PostAnswer): ChannelDeliveryError {
  let body: { message?: string; code?: number; retry_after?: number; global?: boolean } = {};
  try {
    body = JSON.parse(answer.text) as typeof body;
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  const said = body.message === undefined ? answer.text : `${body.message}${body.code ? ` (code ${body.code})` : ''}`;
  if (answer.status === 429) {
    const seconds = typeof body.retry_after === 'number' ? body.retry_after : Number(answer.headers.get('x-ratelimit-reset-after') ?? answer.headers.get('retry-after') ?? Number.NaN);
    const retryAfterMs = Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : undefined;
    const scope = body.global === true || answer.headers.get('x-ratelimit-global') === 'true' ? 'globally' : 'this webhook';
    return new ChannelDeliveryError(`Discord is rate limiting ${scope} (HTTP 429)${retryAfterMs === undefined ? '' : `; it asked to wait ${retryAfterMs} ms`}.`, {
      code: 'channel_rate_limited', retryable: true, retryAfterMs, httpStatus: 429,
    });
  }
  if (answer.status === 404) return new ChannelDeliveryError(`Discord has no such webhook (${said}); it was deleted or the URL is wrong.`, { httpStatus: 404, code: 'channel_recipient_gone' });
  return channelErrorFromResponse('Discord', answer, { detail: said, credentialSetting: 'the webhook URL (its token may have been reset)' });
}
