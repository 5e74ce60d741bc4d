import { ConfigError, defineErrorCatalogue, sdkErrors, type ErrorCatalogue } from '@dwc/sdk';
import { runtimeErrors } from '@dwc/runtime';

/**
 * Every error code @dwc/api raises itself (HTTP protocol conditions, route lookups, WebSocket
 * messages), with its status and what to do. Add a code here before throwing it; routes name
 * the codes they may answer in `defineRoute({ errors })`, and the OpenAPI document lists them.
 */
export const apiErrors = defineErrorCatalogue('@dwc/api', {
  internal_error: { status: 500, message: 'Something went wrong on our side; quote request id {request_id} when reporting it.' },
  malformed_json: { status: 400, message: 'The request body is not valid JSON; check quotes, commas and brackets.' },
  request_aborted: { status: 400, message: 'The client aborted the request before the body was received; send it again.' },
  bad_request: { status: 400, message: 'The request is malformed; the message says which part.' },
  payload_too_large: { status: 413, message: 'The request body is larger than the limit (DWC_BODY_LIMIT); send less, or raise the limit.' },
  unsupported_media_type: { status: 415, message: 'Send the body as UTF-8 JSON with "Content-Type: application/json" (identity, gzip or deflate).' },
  method_not_allowed: { status: 405, message: 'This path does not take that method; the `Allow` header lists the ones it does.' },
  upgrade_required: { status: 426, message: 'Open this path as a WebSocket (Upgrade: websocket).' },
  rate_limited: { status: 429, message: 'Too many requests; wait the seconds in `Retry-After` before trying again.' },
  invalid_token: { status: 401, message: 'The bearer token is invalid or expired; sign in again or use a valid API key.' },
  websocket_unavailable: { status: 503, message: 'This server runs without a WebSocket gateway; stats are served by `dwc serve`.' },
  port_in_use: { status: 503, message: 'PORT is already in use: stop the other process or set PORT to a free port.', type: ConfigError },
  host_header_refused: { status: 421, message: 'This server listens on loopback only and answers to 127.0.0.1, localhost and [::1] on its port; call it by one of those names.' },
  origin_not_allowed: { status: 403, message: 'A page from another origin may not call this server; open its own UI, or add the origin to DWC_CORS_ORIGINS.' },
  port_denied: { status: 503, message: 'PORT needs privileges this process lacks: set PORT to 1024 or above.', type: ConfigError },

  metrics_forbidden: { status: 403, message: 'GET /metrics answers only loopback clients (not through a proxy) or a request with `Authorization: Bearer <DWC_METRICS_TOKEN>`.' },

  // Things a route looks up by id or name
  metrics_exporter_not_found: { status: 404, message: 'No metrics exporter plugin serves /metrics; enable @dwc/plugin-exporter-prometheus (PUT /api/v3/plugins/<name>/enable).' },
  version_not_found: { status: 404, message: 'The workflow has no such version; GET /api/v3/workflows/<id>/versions lists them.' },
  secret_not_found: { status: 404, message: 'No secret by that name; GET /api/v3/security/secrets lists the names.' },
  cache_key_not_found: { status: 404, message: 'No cache entry with that key (it may have expired).' },
  ai_provider_not_found: { status: 404, message: 'No AI provider of that type is registered; GET /api/v3/advanced/ai/providers lists them.' },
  ai_model_management_unsupported: { status: 400, message: 'This AI provider does not download models; pull them where it runs.' },
  ai_workflow_not_found: { status: 404, message: 'No AI workflow with that id; GET /api/v3/ai-workflows lists them.' },
  no_embeddings: { status: 404, message: 'No document has been embedded yet: run an `ai.embed` step first.' },

  // Webhooks (`{METHOD} /webhook/{path}`)
  webhook_not_found: { status: 404, message: 'No active workflow listens on this webhook method and path; activate it with PATCH /api/v3/workflows/{id} {"active": true}.' },
  webhook_unauthorized: { status: 401, message: 'The webhook\'s token header is missing or wrong; send the header its trigger names with the secret\'s value.' },
  webhook_signature_invalid: { status: 401, message: 'The webhook signature or its timestamp is missing, stale or wrong; sign "<timestamp>.<raw body>" with HMAC-SHA256 and send both headers.' },
  webhook_replayed: { status: 401, message: 'This signed webhook request was already received; sign each delivery with a fresh timestamp.' },
  webhook_secret_missing: { status: 503, message: 'The secret the webhook trigger names is not in the vault; set it with PUT /api/v3/security/secrets/{name}.' },

  // WebSocket: answered in an `error` message or the refused upgrade
  malformed_message: { status: 400, message: 'Send JSON text messages such as {"type": "ping"}.' },
  unknown_message_type: { status: 400, message: 'Unknown message type; use ping, join_workflow, leave_workflow, join_execution, leave_execution or subscribe.' },
  invalid_message: { status: 400, message: 'The message does not have the fields its type needs; the message names them.' },
  too_many_rooms: { status: 400, message: 'A connection may join only so many rooms; leave one before joining another.' },
  invalid_connection_id: { status: 400, message: 'connection_id must be 1-64 characters from A-Z a-z 0-9 . _ : -, or left out.' },
  connection_id_in_use: { status: 409, message: 'A live connection already uses this connection_id; pick another or leave it out.' },
  no_user: { status: 403, message: 'Only a signed-in user has an inbox; an API key or service token acting for no user cannot read one.' },
});

/** A code the API may answer with: its own, the runtime's or the SDK's. */
export type ApiErrorCode = keyof typeof apiErrors.codes | keyof typeof runtimeErrors.codes | keyof typeof sdkErrors.codes;

/** The catalogues whose codes the API answers with: the SDK's, the runtime's and its own. */
export const apiCatalogues: readonly ErrorCatalogue[] = [sdkErrors, runtimeErrors, apiErrors];

/** The catalogue entry (status, message) of a code the API may answer with. */
export function apiErrorEntry(code: string): (ErrorCatalogue['codes'][string] & { code: string }) | undefined {
  for (const catalogue of apiCatalogues) if (Object.hasOwn(catalogue.codes, code)) return { ...catalogue.codes[code]!, code };
  return undefined;
}
