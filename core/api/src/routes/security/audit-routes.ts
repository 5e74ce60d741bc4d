import { pipeline } from 'node:stream/promises';
import { auditActor, auditRecordWire } from '@dwc/runtime';
import { z } from 'zod';
import { defineRoute } from '../../define-route.js';
import { auditFilterQuery, auditRecordSchema, chainReportSchema, filterOf, pageQuery } from './audit-wire.js';

const tags = ['security'];
const pageSchema = z.object({ items: z.array(auditRecordSchema), next_cursor: z.number().int().nullable() });

export const verifyAuditRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/security/audit/verify',
  operationId: 'verifyAuditChain',
  permission: 'audit:admin',
  summary: 'Check the audit log hash chain and name the first bad record',
  description: 'Walks every record in order; `first_bad.reason` is `hash_mismatch` (edited), `gap` or `broken_link` (deleted), or `out_of_order` (reordered).',
  tags,
  responses: { 200: { description: 'The verification report', schema: chainReportSchema } },
  handler: async ({ deps }) => deps.audit.verify(),
});

export const listAuditLogsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/security/audit/logs',
  operationId: 'listAuditLogs',
  permission: 'audit:admin',
  summary: 'Audit records, newest first, filtered and paginated',
  tags,
  request: { query: z.object({ ...auditFilterQuery, ...pageQuery }) },
  responses: { 200: { description: 'A page of audit records', schema: pageSchema } },
  handler: async ({ deps, query }) => {
    const page = await deps.audit.list(filterOf(query), { limit: query.limit, cursor: query.cursor, offset: query.offset });
    return { items: page.items.map(auditRecordWire), next_cursor: page.nextCursor };
  },
});

export const listSecurityEventsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/security/events',
  operationId: 'listSecurityEvents',
  permission: 'security:admin',
  summary: 'Recent security events (logins, key and role changes, secret reads, alerts), newest first',
  description: 'The audit records other than `http.request`.',
  tags,
  request: { query: z.object({ ...auditFilterQuery, ...pageQuery }) },
  responses: { 200: { description: 'A page of security events', schema: pageSchema } },
  handler: async ({ deps, query }) => {
    const page = await deps.audit.list({ ...filterOf(query), securityOnly: true }, { limit: query.limit, cursor: query.cursor, offset: query.offset });
    return { items: page.items.map(auditRecordWire), next_cursor: page.nextCursor };
  },
});

export const exportAuditLogRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/security/audit/export',
  operationId: 'exportAuditLog',
  permission: 'audit:admin',
  summary: 'Download the audit log (oldest first) as CSV or JSON, streamed',
  tags,
  request: { query: z.object({ format: z.enum(['csv', 'json']).default('json'), ...auditFilterQuery }) },
  responses: { 200: { description: 'The records, with their hashes', schema: z.array(auditRecordSchema) } },
  handler: async ({ deps, query, res, log, req, auth }) => {
    const filter = filterOf(query);
    // Reading the whole trail is itself worth a record.
    await deps.audit.record({
      action: 'audit.export',
      outcome: 'success',
      actor: auth ? auditActor(auth) : null,
      ip: req.ip ?? null,
      userAgent: req.get('user-agent') ?? null,
      target: 'audit_log',
      detail: { format: query.format, filter: { ...query, format: undefined } },
    });
    const stream = deps.audit.export(filter, query.format);
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    res.type(query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json').attachment(`audit-log-${stamp}.${query.format}`);
    try {
      await pipeline(stream, res);
    } catch (err) {
      log.error({ err }, 'audit export stopped before the end');
      res.destroy();
    }
  },
});

const statsSchema = z
  .object({
    window: z.object({ from: z.string(), to: z.string(), hours: z.number() }),
    by_action: z.record(z.string(), z.number().int()),
    by_outcome: z.object({ success: z.number().int(), failure: z.number().int() }),
    failed_logins: z.object({ last_hour: z.number().int(), last_day: z.number().int() }),
    alerts: z.number().int(),
    chain_length: z.number().int(),
    last_verified: chainReportSchema.nullable(),
  })
  .meta({ id: 'SecurityStats' });

export const securityStatsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/security/stats',
  operationId: 'getSecurityStats',
  permission: 'security:admin',
  summary: 'Audit counts by action and outcome, failed logins, alerts, chain length and the last verification',
  tags,
  request: { query: z.object({ window_hours: z.coerce.number().int().min(1).max(24 * 90).default(24) }) },
  responses: { 200: { description: 'Security statistics', schema: statsSchema } },
  handler: async ({ deps, query }) => {
    const to = new Date();
    const from = new Date(to.getTime() - query.window_hours * 3_600_000);
    const [stats, lastVerified] = await Promise.all([deps.audit.stats({ from, to }), deps.audit.lastVerification()]);
    return {
      window: { from: from.toISOString(), to: to.toISOString(), hours: query.window_hours },
      by_action: stats.byAction,
      by_outcome: stats.byOutcome,
      failed_logins: { last_hour: stats.failedLogins.lastHour, last_day: stats.failedLogins.lastDay },
      alerts: stats.alerts,
      chain_length: stats.chainLength,
      last_verified: lastVerified ?? null,
    };
  },
});
