import type { SqlClient, SqlParam } from '../../storage/sql-client.js';
import { AUDIT_COLUMNS, auditRecordOf, type AuditRecord, type AuditRow } from './audit-record.js';

/** The action every mutating HTTP request is recorded under; everything else is a security event. */
export const HTTP_REQUEST_ACTION = 'http.request';

export interface AuditFilter {
  /** Exact actor (`user:<id>`, `api_key:<id>`, `plugin:<name>`). */
  actor?: string;
  /** Exact action, or a prefix ending in `.*` (`auth.*`). */
  action?: string;
  outcome?: 'success' | 'failure';
  /** Inclusive lower bound of `occurred_at`. */
  from?: Date;
  /** Exclusive upper bound of `occurred_at`. */
  to?: Date;
  /** Leave out `http.request` records. */
  securityOnly?: boolean;
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `WHERE …` for a filter, every value a bound parameter. */
export function auditWhere(filter: AuditFilter, extra: [string, SqlParam][] = []): { sql: string; params: SqlParam[] } {
  const conditions: [string, SqlParam][] = [];
  if (filter.actor !== undefined) conditions.push(['actor = ?', filter.actor]);
  if (filter.action !== undefined) {
    if (filter.action.endsWith('.*')) conditions.push([`action LIKE ? ESCAPE '\\'`, `${escapeLike(filter.action.slice(0, -1))}%`]);
    else conditions.push(['action = ?', filter.action]);
  }
  if (filter.outcome !== undefined) conditions.push(['outcome = ?', filter.outcome]);
  if (filter.from !== undefined) conditions.push(['occurred_at >= ?', filter.from]);
  if (filter.to !== undefined) conditions.push(['occurred_at < ?', filter.to]);
  if (filter.securityOnly) conditions.push(['action <> ?', HTTP_REQUEST_ACTION]);
  conditions.push(...extra);
  return {
    sql: conditions.length === 0 ? '' : `WHERE ${conditions.map(([clause]) => clause).join(' AND ')}`,
    params: conditions.map(([, value]) => value),
  };
}

export interface AuditPage {
  items: AuditRecord[];
  /** `seq` to pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: number | null;
}

/** Records matching `filter`, newest first: after the record `cursor` (a seq) when given, else skipping `offset`. */
export async function listAuditRecords(sql: SqlClient, filter: AuditFilter, page: { limit: number; cursor?: number; offset?: number }): Promise<AuditPage> {
  const where = auditWhere(filter, page.cursor === undefined ? [] : [['seq < ?', page.cursor]]);
  const rows = await sql.all<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_events ${where.sql} ORDER BY seq DESC LIMIT ? OFFSET ?`, [
    ...where.params,
    page.limit + 1,
    page.cursor === undefined ? (page.offset ?? 0) : 0,
  ]);
  const items = rows.slice(0, page.limit).map((row) => auditRecordOf(sql, row));
  return { items, nextCursor: rows.length > page.limit ? items.at(-1)!.seq : null };
}

/** Records matching `filter` oldest first, read a batch at a time. */
export async function* streamAuditRecords(sql: SqlClient, filter: AuditFilter, batchSize = 500): AsyncGenerator<AuditRecord> {
  let after = 0;
  for (;;) {
    const where = auditWhere(filter, [['seq > ?', after]]);
    const rows = await sql.all<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_events ${where.sql} ORDER BY seq LIMIT ?`, [...where.params, batchSize]);
    for (const row of rows) yield auditRecordOf(sql, row);
    if (rows.length < batchSize) return;
    after = sql.fromInt(rows.at(-1)!.seq);
  }
}

export interface AuditStats {
  window: { from: Date; to: Date };
  byAction: Record<string, number>;
  byOutcome: { success: number; failure: number };
  failedLogins: { lastHour: number; lastDay: number };
  /** `security.alert` records in the window. */
  alerts: number;
  /** Records in the log (the newest `seq`). */
  chainLength: number;
}

export const LOGIN_FAILED_ACTION = 'auth.login_failed';
export const SECURITY_ALERT_ACTION = 'security.alert';

export async function auditStats(sql: SqlClient, window: { from: Date; to: Date }): Promise<AuditStats> {
  const counts = await sql.all<{ action: string; outcome: string; n: unknown }>(
    'SELECT action, outcome, COUNT(*) AS n FROM audit_events WHERE occurred_at >= ? AND occurred_at < ? GROUP BY action, outcome',
    [window.from, window.to],
  );
  const byAction: Record<string, number> = {};
  const byOutcome = { success: 0, failure: 0 };
  for (const row of counts) {
    const n = sql.fromInt(row.n);
    byAction[row.action] = (byAction[row.action] ?? 0) + n;
    byOutcome[row.outcome === 'failure' ? 'failure' : 'success'] += n;
  }
  const to = window.to.getTime();
  const countSince = async (action: string, since: number): Promise<number> =>
    sql.fromInt(
      (await sql.get<{ n: unknown }>('SELECT COUNT(*) AS n FROM audit_events WHERE action = ? AND occurred_at >= ? AND occurred_at < ?', [action, new Date(since), window.to]))?.n ?? 0,
    );
  const head = await sql.get<{ seq: unknown }>('SELECT seq FROM audit_events ORDER BY seq DESC LIMIT 1');
  return {
    window,
    byAction,
    byOutcome,
    failedLogins: { lastHour: await countSince(LOGIN_FAILED_ACTION, to - 3_600_000), lastDay: await countSince(LOGIN_FAILED_ACTION, to - 86_400_000) },
    alerts: byAction[SECURITY_ALERT_ACTION] ?? 0,
    chainLength: head === undefined ? 0 : sql.fromInt(head.seq),
  };
}
