import type { SqlClient } from '../../storage/sql-client.js';
import type { AuditRecordFields } from './audit-hash.js';

/** One stored audit record, with `before`, `after` and `detail` parsed. */
export interface AuditRecord {
  seq: number;
  id: string;
  occurredAt: Date;
  action: string;
  outcome: 'success' | 'failure';
  actor: string | null;
  actorLabel: string | null;
  ip: string | null;
  userAgent: string | null;
  target: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  detail: Record<string, unknown> | null;
  prevHash: string;
  hash: string;
}

/** The columns in the order the queries select them. */
export const AUDIT_COLUMNS = 'seq, id, occurred_at, action, outcome, actor, actor_label, ip, user_agent, target, "before", "after", detail, prev_hash, hash';

export interface AuditRow {
  seq: unknown;
  id: string;
  occurred_at: unknown;
  action: string;
  outcome: string;
  actor: string | null;
  actor_label: string | null;
  ip: string | null;
  user_agent: string | null;
  target: string | null;
  before: string | null;
  after: string | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

/** The fields as they were hashed, read back from a row (JSON columns kept as their stored text). */
export function hashedFieldsOf(sql: SqlClient, row: AuditRow): AuditRecordFields & { hash: string } {
  return {
    seq: sql.fromInt(row.seq),
    id: row.id,
    occurredAt: sql.fromDate(row.occurred_at)?.toISOString() ?? '',
    action: row.action,
    outcome: row.outcome,
    actor: row.actor,
    actorLabel: row.actor_label,
    ip: row.ip,
    userAgent: row.user_agent,
    target: row.target,
    before: row.before,
    after: row.after,
    detail: row.detail,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

const parse = (text: string | null): Record<string, unknown> | null => {
  if (text === null) return null;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { unparsable: text };
  }
};

export function auditRecordOf(sql: SqlClient, row: AuditRow): AuditRecord {
  return {
    seq: sql.fromInt(row.seq),
    id: row.id,
    occurredAt: sql.fromDate(row.occurred_at) ?? new Date(0),
    action: row.action,
    outcome: row.outcome === 'failure' ? 'failure' : 'success',
    actor: row.actor,
    actorLabel: row.actor_label,
    ip: row.ip,
    userAgent: row.user_agent,
    target: row.target,
    before: parse(row.before),
    after: parse(row.after),
    detail: parse(row.detail),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
