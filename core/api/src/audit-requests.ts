import { auditActor, type AuditRecorder } from '@dwc/runtime';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { requestState } from './request-context.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const AUDITED_PREFIX = '/api/v3/';
const MAX_FIELDS = 50;
const MAX_FIELD_NAME = 100;

/** Top-level field names of a JSON object body (names only: values are never kept). */
function fieldNames(body: unknown): string[] | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  return Object.keys(body).slice(0, MAX_FIELDS).map((name) => name.slice(0, MAX_FIELD_NAME));
}

/** The `id` (or `name`) a handler answered with, when the response is a JSON object that has one. */
function responseIdOf(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const { id, name } = body as { id?: unknown; name?: unknown };
  if (typeof id === 'string' || typeof id === 'number') return String(id).slice(0, 200);
  if (typeof name === 'string') return name.slice(0, 200);
  return undefined;
}

/**
 * Records every mutating request under `/api/v3/` (POST, PUT, PATCH, DELETE), and every read refused
 * as malformed (400), in the audit log as
 * `http.request`, once the response has gone: actor (`user:<id>`, `api_key:<id>` or `service`), IP, user agent,
 * target (`METHOD /path/{template}`), outcome from the status, and in `detail` the status, request
 * id and path parameters; `after` holds the body's top-level field names and the id the response
 * named. Body values are never recorded. Nothing is awaited on the request's path: the entry is
 * queued, and the audit log writes it in the background (and flushes the queue on shutdown).
 */
export function auditRequests(audit: AuditRecorder, logger: Logger): (req: Request, res: Response) => void {
  return (req, res) => {
    if (!req.path.startsWith(AUDITED_PREFIX)) return;
    const mutating = MUTATING.has(req.method);
    const method = req.method;
    const path = req.path;
    const started = performance.now();
    res.once('close', () => {
      const state = requestState(res);
      const finished = res.writableFinished;
      const status = res.statusCode;
      // Reads are recorded only when refused as malformed (probing with bad filters, injection attempts).
      if (!mutating && status !== 400) return;
      const fields = fieldNames(req.body);
      const responseId = responseIdOf(state.result);
      let after: Record<string, unknown> | null = null;
      if (fields !== undefined) after = { fields };
      if (responseId !== undefined) (after ??= {}).id = responseId;
      const detail: Record<string, unknown> = { status, request_id: state.id };
      if (state.route && Object.keys(state.route.params).length > 0) detail.params = state.route.params;
      detail.duration_ms = Math.round((performance.now() - started) * 100) / 100;
      if (!finished) detail.aborted = true;
      audit
        .record({
          action: 'http.request',
          outcome: finished && status < 400 ? 'success' : 'failure',
          actor: state.auth ? auditActor(state.auth) : null,
          actorLabel: state.auth?.label ?? null,
          ip: req.ip ?? null,
          userAgent: req.get('user-agent') ?? null,
          target: `${method} ${state.route?.path ?? path}`,
          after,
          detail,
        })
        .catch((err: unknown) => (state?.log ?? logger).error({ err }, 'could not record the request in the audit log'));
    });
  };
}
