import type { ExecutionWithSteps, WebhookSettings } from '@dwc/runtime';
import { z } from 'zod';
import { defineRoute, type HttpMethod, type Route } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';
import { HttpStatusError } from '../../http-status-error.js';
import type { RawBodyRequest } from '../../raw-body.js';
import { checkWebhookAuth, createReplayGuard, type ReplayGuard } from './webhook-auth.js';

/** Headers never handed to a run: credentials of any kind. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);

function visibleHeaders(headers: RawBodyRequest['headers'], auth: WebhookSettings['auth']): Record<string, string | string[]> {
  const hidden = new Set(SECRET_HEADERS);
  if (auth.type !== 'none') hidden.add(auth.header);
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !hidden.has(name)) out[name] = value;
  return out;
}

const params = z.object({ path: z.string().min(1).max(200).meta({ description: 'The trigger\'s `path`, e.g. `orders/new`' }) });
const query = z.looseObject({}).meta({ description: 'Any query parameters; handed to the run as `query`' });

const accepted = z.object({ execution_id: z.string().nullable().meta({ description: 'Null when the trigger\'s `condition` refused the request' }) });

function webhookRoute(method: HttpMethod, replay: ReplayGuard): Route {
  return defineRoute({
    method,
    path: '/webhook/{path}',
    restParam: true,
    rawBody: true,
    operationId: `webhook${method[0]}${method.slice(1).toLowerCase()}`,
    permission: 'public',
    summary: `Fire the active workflow whose webhook trigger listens on ${method} and this path`,
    description:
      'No bearer token: the trigger\'s `auth` decides (none, a token header, or an HMAC-SHA256 signature of "<timestamp>.<raw body>" with a timestamp tolerance; a signature is accepted once). ' +
      'The input is `{body, query, headers (credentials removed), method, path}`. `respond: immediately` answers 202 `{execution_id}`; `when_finished` answers 200 with the execution\'s output, or 202 after `timeout_ms`.',
    tags: ['triggers'],
    errors: ['webhook_not_found', 'webhook_unauthorized', 'webhook_signature_invalid', 'webhook_replayed', 'webhook_secret_missing', 'payload_too_large', 'execution_failed'],
    request: { params, query },
    responses: {
      200: { description: '`when_finished`: the output of the succeeded execution', schema: z.unknown() },
      202: { description: 'The execution was written (or, with `when_finished`, is still running at `timeout_ms`)', schema: accepted },
      401: errorResponse('Missing or wrong token or signature, stale timestamp, or a replayed signature'),
      404: errorResponse('No active workflow listens here'),
      413: errorResponse('The body is over DWC_BODY_LIMIT'),
    },
    handler: async ({ deps, params: { path }, query: search, req, res }) => {
      const active = await deps.engine.triggers.webhook(method, path);
      if (active === undefined) throw new HttpStatusError(404, 'webhook_not_found', `No active workflow listens on ${method} /webhook/${path}.`);
      const settings = active.trigger.settings as WebhookSettings;
      const raw = req as RawBodyRequest;
      await checkWebhookAuth(settings.auth, raw, { reveal: (name) => deps.vault.reveal(name), replay, now: Date.now });
      const data = { body: raw.body ?? null, query: search, headers: visibleHeaders(raw.headers, settings.auth), method, path };
      const waitMs = settings.respond === 'when_finished' ? settings.timeout_ms : undefined;
      const fired = await deps.engine.triggers.fire({ workflowId: active.workflowId, type: 'webhook', condition: active.trigger.condition, data, waitMs });
      if (fired === undefined || fired.execution === undefined) {
        res.status(202);
        return { execution_id: fired?.executionId ?? null };
      }
      return whenFinished(fired.execution, res);
    },
  });
}

/** `when_finished`: the output of a succeeded run, 422 for one that failed or was cancelled, 202 with its id while it still runs. */
function whenFinished(execution: ExecutionWithSteps, res: { status(code: number): unknown }) {
  if (execution.status === 'succeeded') return execution.output ?? null;
  if (execution.finishedAt) {
    throw new HttpStatusError(422, 'execution_failed', `Execution ${execution.id} ended ${execution.status}.`, {
      details: { execution_id: execution.id, status: execution.status, error: execution.error ?? null },
    });
  }
  res.status(202);
  return { execution_id: execution.id };
}

/** `{METHOD} /webhook/{path}` for each method a webhook trigger may listen on; one replay guard for all. */
export function webhookRoutes(): Route[] {
  const replay = createReplayGuard();
  return (['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).map((method) => webhookRoute(method, replay));
}
