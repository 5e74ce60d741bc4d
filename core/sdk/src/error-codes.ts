import { defineErrorCatalogue } from './error-catalogue.js';
import { ConfigError } from './errors.js';

/**
 * The codes of @dwc/sdk: the default code of each error class, and the `ai_<reason>` codes of
 * `AiProviderError`. Plugins throw these through the classes; each package lists its own codes
 * in its own catalogue.
 */
export const sdkErrors = defineErrorCatalogue('@dwc/sdk', {
  invalid_input: { status: 400, message: 'The input is invalid; `details` names each field and what it must be. Correct those fields and send it again.' },
  unauthenticated: { status: 401, message: 'No valid credentials: send `Authorization: Bearer <access token or API key>` (sign in at POST /api/v3/auth/login).' },
  forbidden: { status: 403, message: 'Your role or API key scopes do not allow this; ask an admin for the permission it names.' },
  not_found: { status: 404, message: 'Nothing exists under that id or path; list the collection to find the right one.' },
  conflict: { status: 409, message: 'This conflicts with the current state (a duplicate, or something already changed); reload and try again.' },
  // A setting is missing or wrong: the request was fine, the server is not set up for it. 503 says
  // "not available here until an operator acts", where 500 would claim a bug.
  invalid_config: { status: 503, message: 'The server is not configured for this: {setting} is missing or wrong. Fix it in the environment or config file and restart.', type: ConfigError },
  external_service_failed: { status: 502, message: 'A service this depends on failed or refused; the message names it. Check it is up and its settings are right, then retry.' },
  timeout: { status: 504, message: 'The work did not finish within its time limit; retry, or raise the limit the message names.' },
  unavailable: { status: 503, message: 'The service cannot take this right now (starting, shutting down or a dependency is down); retry shortly.' },
  aborted: { status: 409, message: 'The step was aborted: its execution was cancelled or the server is shutting down. Run it again if it is still needed.' },
  ai_timeout: { status: 504, message: 'The AI provider did not answer in time; retry, raise DWC_AI_TIMEOUT_MS or the step timeout, or add a fallback (DWC_AI_FALLBACK).' },
  ai_rate_limited: { status: 502, message: 'The AI provider is rate limiting this key; wait (see `Retry-After`) or add a fallback provider (DWC_AI_FALLBACK).' },
  ai_server_error: { status: 502, message: 'The AI provider failed on its side; retry later or add a fallback provider (DWC_AI_FALLBACK).' },
  ai_connection: { status: 502, message: 'The AI provider cannot be reached; check that it runs and that its base URL setting points at it.' },
  ai_unauthorized: { status: 502, message: 'The AI provider refused the credentials; check the API key setting the message names.' },
  ai_bad_request: { status: 502, message: 'The AI provider refused the request (model, size or parameters); change what the message names.' },
  ai_model_not_found: { status: 502, message: 'The AI provider has no such model; pick one from GET /api/v3/advanced/ai/providers or pull it first.' },
  ai_not_configured: { status: 502, message: 'The AI provider is not set up: set its API key or address (the message names the setting), or name another provider.' },
  plugin_setting_invalid: { status: 503, message: 'A plugin setting is missing or wrong; the message names the setting and the variable or config key that sets it.', type: ConfigError },
  channel_delivery_failed: { status: 502, message: 'The notification channel\'s provider refused or failed the message; the attempt history says why. It is retried when that can help.' },
  channel_rate_limited: { status: 502, message: 'The notification provider is rate limiting; the outbox waits for its Retry-After before the next attempt.' },
  channel_timeout: { status: 504, message: 'The notification provider did not answer in time; the outbox retries, or raise DWC_NOTIFY_SEND_TIMEOUT_MS.' },
  channel_unauthorized: { status: 502, message: 'The notification provider refused the credentials; check the channel\'s token, key or password setting.' },
  channel_unreachable: { status: 502, message: 'The notification provider cannot be reached; check that it runs and that the channel\'s URL or host setting points at it.' },
  private_network_denied: { status: 400, message: 'The URL\'s host is (or resolves to) a loopback, private, link-local or metadata address, which this server refuses; use a public address, or have an operator add the host to DWC_ALLOWED_PRIVATE_HOSTS (or the plugin\'s own allow-list).' },
  channel_not_configured: { status: 503, message: 'The notification channel is not set up; set the variables its message names (see "Notifications" in the README).', type: ConfigError },
});
