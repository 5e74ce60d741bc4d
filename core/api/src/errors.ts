import { ConfigError, defineErrorCatalogue, sdkErrors, type ErrorCatalogue } from '@dwc/sdk';
import { runtimeErrors } from '@dwc/runtime';

/**
 * Every error code @dwc/api raises itself (HTTP protocol conditions, route lookups, WebSocket
 * messages), with its status and what to do. Add a code here before throwing it; routes name
 * the codes they may answer in `defineRoute({ errors })`, and the OpenAPI document lists them.
 */
export const apiErrors = defineErrorCatalogue('@dwc/api', {
  internal_error: { status: 500, message: 'Something went wrong on our side; quote request id {request_id} when reporting it.', es: 'Algo falló de nuestro lado; cita el id de petición {request_id} al informar del problema.' },
  malformed_json: { status: 400, message: 'The request body is not valid JSON; check quotes, commas and brackets.', es: 'El cuerpo de la petición no es JSON válido; revisa comillas, comas y corchetes.' },
  request_aborted: { status: 400, message: 'The client aborted the request before the body was received; send it again.', es: 'El cliente interrumpió la petición antes de enviar el cuerpo; envíala de nuevo.' },
  bad_request: { status: 400, message: 'The request is malformed; the message says which part.', es: 'La petición está mal formada; el mensaje dice qué parte.' },
  payload_too_large: { status: 413, message: 'The request body is larger than the limit (DWC_BODY_LIMIT); send less, or raise the limit.', es: 'El cuerpo de la petición supera el límite (DWC_BODY_LIMIT); envía menos o sube el límite.' },
  unsupported_media_type: { status: 415, message: 'Send the body as UTF-8 JSON with "Content-Type: application/json" (identity, gzip or deflate).', es: 'Envía el cuerpo como JSON UTF-8 con "Content-Type: application/json" (identity, gzip o deflate).' },
  method_not_allowed: { status: 405, message: 'This path does not take that method; the `Allow` header lists the ones it does.', es: 'Esta ruta no admite ese método; la cabecera `Allow` lista los que admite.' },
  upgrade_required: { status: 426, message: 'Open this path as a WebSocket (Upgrade: websocket).', es: 'Abre esta ruta como WebSocket (Upgrade: websocket).' },
  rate_limited: { status: 429, message: 'Too many requests; wait the seconds in `Retry-After` before trying again.', es: 'Demasiadas peticiones; espera los segundos de `Retry-After` antes de volver a intentarlo.' },
  invalid_token: { status: 401, message: 'The bearer token is invalid or expired; sign in again or use a valid API key.', es: 'El token de portador no es válido o ha caducado; vuelve a iniciar sesión o usa una clave de API válida.' },
  websocket_unavailable: { status: 503, message: 'This server runs without a WebSocket gateway; stats are served by `dwc serve`.', es: 'Este servidor funciona sin pasarela WebSocket; las estadísticas las sirve `dwc serve`.' },
  port_in_use: { status: 503, message: 'PORT is already in use: stop the other process or set PORT to a free port.', es: 'PORT ya está en uso: detén el otro proceso o pon en PORT un puerto libre.', type: ConfigError },
  host_header_refused: { status: 421, message: 'This server listens on loopback only and answers to 127.0.0.1, localhost and [::1] on its port; call it by one of those names.', es: 'Este servidor solo escucha en loopback y responde a 127.0.0.1, localhost y [::1] en su puerto; llámalo por uno de esos nombres.' },
  origin_not_allowed: { status: 403, message: 'A page from another origin may not call this server; open its own UI, or add the origin to DWC_CORS_ORIGINS.', es: 'Una página de otro origen no puede llamar a este servidor; abre su propia interfaz o añade el origen a DWC_CORS_ORIGINS.' },
  port_denied: { status: 503, message: 'PORT needs privileges this process lacks: set PORT to 1024 or above.', es: 'PORT necesita privilegios que este proceso no tiene: pon en PORT 1024 o más.', type: ConfigError },

  metrics_forbidden: { status: 403, message: 'GET /metrics answers only loopback clients (not through a proxy) or a request with `Authorization: Bearer <DWC_METRICS_TOKEN>`.', es: 'GET /metrics solo responde a clientes de loopback (no a través de un proxy) o a peticiones con `Authorization: Bearer <DWC_METRICS_TOKEN>`.' },

  // Things a route looks up by id or name
  metrics_exporter_not_found: { status: 404, message: 'No metrics exporter plugin serves /metrics; enable @dwc/plugin-exporter-prometheus (PUT /api/v3/plugins/<name>/enable).', es: 'Ningún plugin exportador de métricas sirve /metrics; activa @dwc/plugin-exporter-prometheus (PUT /api/v3/plugins/<name>/enable).' },
  version_not_found: { status: 404, message: 'The workflow has no such version; GET /api/v3/workflows/<id>/versions lists them.', es: 'El flujo de trabajo no tiene esa versión; GET /api/v3/workflows/<id>/versions las lista.' },
  secret_not_found: { status: 404, message: 'No secret by that name; GET /api/v3/security/secrets lists the names.', es: 'No hay ningún secreto con ese nombre; GET /api/v3/security/secrets lista los nombres.' },
  cache_key_not_found: { status: 404, message: 'No cache entry with that key (it may have expired).', es: 'No hay ninguna entrada de caché con esa clave (puede haber caducado).' },
  ai_provider_not_found: { status: 404, message: 'No AI provider of that type is registered; GET /api/v3/advanced/ai/providers lists them.', es: 'No hay ningún proveedor de IA registrado de ese tipo; GET /api/v3/advanced/ai/providers los lista.' },
  ai_model_management_unsupported: { status: 400, message: 'This AI provider does not download models; pull them where it runs.', es: 'Este proveedor de IA no descarga modelos; descárgalos donde se ejecuta.' },
  ai_workflow_not_found: { status: 404, message: 'No AI workflow with that id; GET /api/v3/ai-workflows lists them.', es: 'No hay ningún flujo de IA con ese id; GET /api/v3/ai-workflows los lista.' },
  no_embeddings: { status: 404, message: 'No document has been embedded yet: run an `ai.embed` step first.', es: 'Todavía no hay ningún documento con embeddings: ejecuta antes un paso `ai.embed`.' },

  // Webhooks (`{METHOD} /webhook/{path}`)
  webhook_not_found: { status: 404, message: 'No active workflow listens on this webhook method and path; activate it with PATCH /api/v3/workflows/{id} {"active": true}.', es: 'Ningún flujo de trabajo activo escucha en este método y ruta de webhook; actívalo con PATCH /api/v3/workflows/<id> {"active": true}.' },
  webhook_unauthorized: { status: 401, message: 'The webhook\'s token header is missing or wrong; send the header its trigger names with the secret\'s value.', es: 'Falta la cabecera de token del webhook o es incorrecta; envía la cabecera que nombra su disparador con el valor del secreto.' },
  webhook_signature_invalid: { status: 401, message: 'The webhook signature or its timestamp is missing, stale or wrong; sign "<timestamp>.<raw body>" with HMAC-SHA256 and send both headers.', es: 'Falta la firma del webhook o su marca de tiempo, o está caducada o es incorrecta; firma "<timestamp>.<raw body>" con HMAC-SHA256 y envía ambas cabeceras.' },
  webhook_replayed: { status: 401, message: 'This signed webhook request was already received; sign each delivery with a fresh timestamp.', es: 'Esta petición de webhook firmada ya se recibió; firma cada entrega con una marca de tiempo nueva.' },
  webhook_secret_missing: { status: 503, message: 'The secret the webhook trigger names is not in the vault; set it with PUT /api/v3/security/secrets/{name}.', es: 'El secreto que nombra el disparador del webhook no está en la bóveda; defínelo con PUT /api/v3/security/secrets/<name>.' },

  // WebSocket: answered in an `error` message or the refused upgrade
  malformed_message: { status: 400, message: 'Send JSON text messages such as {"type": "ping"}.', es: 'Envía mensajes de texto JSON como {"type": "ping"}.' },
  unknown_message_type: { status: 400, message: 'Unknown message type; use ping, join_workflow, leave_workflow, join_execution, leave_execution or subscribe.', es: 'Tipo de mensaje desconocido; usa ping, join_workflow, leave_workflow, join_execution, leave_execution o subscribe.' },
  invalid_message: { status: 400, message: 'The message does not have the fields its type needs; the message names them.', es: 'Al mensaje le faltan campos que necesita su tipo; el mensaje los nombra.' },
  too_many_rooms: { status: 400, message: 'A connection may join only so many rooms; leave one before joining another.', es: 'Una conexión solo puede unirse a un número limitado de salas; sal de una antes de unirte a otra.' },
  invalid_connection_id: { status: 400, message: 'connection_id must be 1-64 characters from A-Z a-z 0-9 . _ : -, or left out.', es: 'connection_id debe tener de 1 a 64 caracteres de A-Z a-z 0-9 . _ : -, o no indicarse.' },
  connection_id_in_use: { status: 409, message: 'A live connection already uses this connection_id; pick another or leave it out.', es: 'Una conexión activa ya usa este connection_id; elige otro o no lo indiques.' },
  no_user: { status: 403, message: 'Only a signed-in user has an inbox; an API key or service token acting for no user cannot read one.', es: 'Solo un usuario con sesión iniciada tiene bandeja de entrada; una clave de API o un token de servicio que no actúa por ningún usuario no puede leerla.' },
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
