import { ChannelDeliveryError, channelErrorFromTransport, isRetryableStatus } from '@dwc/sdk';
import type { ErrorCode } from '@slack/web-api';

/** @slack/web-api's error codes, spelled out so that this module does not load the client at start. */
const CODE = {
  rateLimited: 'slack_webapi_rate_limited_error',
  platform: 'slack_webapi_platform_error',
  http: 'slack_webapi_http_error',
  request: 'slack_webapi_request_error',
} as const satisfies Record<string, `${ErrorCode}`>;

/** chat.postMessage `error` values that mean the token is wrong, not the message. */
const AUTH_ERRORS = new Set(['not_authed', 'invalid_auth', 'account_inactive', 'token_revoked', 'token_expired', 'no_permission', 'missing_scope', 'not_allowed_token_type']);
/** Values worth trying again. */
const TRANSIENT_ERRORS = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** The error for a failed @slack/web-api call: rate limits keep their Retry-After; auth errors name SLACK_BOT_TOKEN. */
export function slackApiError(error: unknown, apiUrl: string): ChannelDeliveryError {
  const e = error as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number; headers?: Record<string, string>; original?: unknown };
  switch (e.code) {
    case CODE.rateLimited: {
      const seconds = e.retryAfter ?? 0;
      return new ChannelDeliveryError(`Slack is rate limiting chat.postMessage (HTTP 429). It asked to wait ${seconds} s.`, {
        code: 'channel_rate_limited', retryable: true, retryAfterMs: seconds * 1000, httpStatus: 429, cause: error,
      });
    }
    case CODE.platform: {
      const said = e.data?.error ?? 'unknown_error';
      if (AUTH_ERRORS.has(said)) {
        return new ChannelDeliveryError(`Slack refused the bot token (${said}); check SLACK_BOT_TOKEN and that the app has the chat:write scope.`, { code: 'channel_unauthorized', cause: error });
      }
      const hint = said === 'channel_not_found' || said === 'not_in_channel' ? ' Invite the bot to the channel, or check its name.' : '';
      return new ChannelDeliveryError(`Slack refused the message: ${said}.${hint}`, { code: 'slack_api_error', retryable: TRANSIENT_ERRORS.has(said), cause: error });
    }
    case CODE.http: {
      const status = e.statusCode ?? 0;
      return new ChannelDeliveryError(`Slack answered HTTP ${status}.`, { retryable: isRetryableStatus(status), httpStatus: status, cause: error });
    }
    case CODE.request:
      return channelErrorFromTransport('Slack', apiUrl, e.original ?? error);
    default:
      return channelErrorFromTransport('Slack', apiUrl, error);
  }
}
