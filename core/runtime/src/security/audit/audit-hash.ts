import { hash } from 'node:crypto';

/** `prev_hash` of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** Version tag that starts every hashed serialisation, so the scheme can change without ambiguity. */
const SCHEME = 'dwc-audit-v1';

/** The stored fields of one audit record, as hashed. Timestamps are ISO-8601 UTC with milliseconds. */
export interface AuditRecordFields {
  seq: number;
  id: string;
  occurredAt: string;
  action: string;
  outcome: string;
  actor: string | null;
  actorLabel: string | null;
  ip: string | null;
  userAgent: string | null;
  target: string | null;
  /** Canonical JSON text, or null. */
  before: string | null;
  after: string | null;
  detail: string | null;
  prevHash: string;
}

/**
 * The record's hash: SHA-256 (lowercase hex) of the UTF-8 bytes of the JSON array
 *
 *   ["dwc-audit-v1", seq, id, occurred_at, action, outcome, actor, actor_label, ip, user_agent,
 *    target, before, after, detail, prev_hash]
 *
 * as written by `JSON.stringify` (no spaces). `seq` is a JSON number, `occurred_at` ISO-8601 UTC
 * with milliseconds (`2026-01-02T03:04:05.678Z`), absent values are `null`, and `before`, `after`,
 * `detail` are the stored canonical JSON texts (see `canonicalJson`) embedded as JSON strings.
 * A fixed-position array cannot be read two ways, and each record's hash covers its `seq` and the
 * previous record's hash, so editing, deleting or reordering a record breaks the chain from there on.
 */
export function auditRecordHash(fields: AuditRecordFields): string {
  const serialised = JSON.stringify([
    SCHEME,
    fields.seq,
    fields.id,
    fields.occurredAt,
    fields.action,
    fields.outcome,
    fields.actor,
    fields.actorLabel,
    fields.ip,
    fields.userAgent,
    fields.target,
    fields.before,
    fields.after,
    fields.detail,
    fields.prevHash,
  ]);
  return hash('sha256', serialised);
}

/**
 * JSON with object keys sorted (recursively) and no whitespace; `undefined` members dropped, as
 * `JSON.stringify` does. The same value always gives the same text.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return sortKeys((value as { toJSON(): unknown }).toJSON());
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}
