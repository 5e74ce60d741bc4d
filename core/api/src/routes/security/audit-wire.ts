import type { AuditFilter } from '@dwc/runtime';
import { z } from 'zod';

const json = z.record(z.string(), z.unknown()).nullable();

export const auditRecordSchema = z
  .object({
    seq: z.number().int(),
    id: z.string(),
    occurred_at: z.string(),
    action: z.string(),
    outcome: z.enum(['success', 'failure']),
    actor: z.string().nullable(),
    actor_label: z.string().nullable(),
    ip: z.string().nullable(),
    user_agent: z.string().nullable(),
    target: z.string().nullable(),
    before: json,
    after: json,
    detail: json,
    prev_hash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'AuditRecord' });

export const chainReportSchema = z
  .object({
    ok: z.boolean(),
    checked: z.number().int(),
    head: z.object({ seq: z.number().int(), hash: z.string() }).optional(),
    first_bad: z.object({ seq: z.number().int(), id: z.string(), reason: z.enum(['hash_mismatch', 'broken_link', 'gap', 'out_of_order']) }).optional(),
    verified_at: z.string(),
  })
  .meta({ id: 'AuditChainReport' });



const instant = z.iso
  .datetime({ offset: true, error: 'must be an ISO-8601 date-time such as 2026-01-31T12:00:00Z' })
  .transform((text) => new Date(text));

/** `?actor=&action=` (empty) means no filter, as in shared/API.md's query template. */
const blankIsAbsent = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** The filters shared by the log, events and export routes; every value is bound as a parameter. */
export const auditFilterQuery = {
  actor: blankIsAbsent(z.string().max(200)).meta({ description: 'Exact actor: `user:<id>`, `api_key:<id>`, `plugin:<name>`, `system`' }),
  action: blankIsAbsent(
    z.string().max(100).regex(/^[a-z0-9_-]+(\.[a-z0-9_-]+)*(\.\*)?$/, 'must be a dotted action such as auth.login, or a prefix such as auth.*'),
  ).meta({ description: 'Exact action, or a prefix ending in `.*`' }),
  outcome: blankIsAbsent(z.enum(['success', 'failure'])),
  from: blankIsAbsent(instant).meta({ description: 'Records at or after this time (ISO-8601)' }),
  to: blankIsAbsent(instant).meta({ description: 'Records before this time (ISO-8601)' }),
};

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.coerce.number().int().min(1).optional().meta({ description: '`next_cursor` of the previous page (wins over `offset`)' }),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

export function filterOf(query: { actor?: string; action?: string; outcome?: 'success' | 'failure'; from?: Date; to?: Date }): AuditFilter {
  return { actor: query.actor, action: query.action, outcome: query.outcome, from: query.from, to: query.to };
}
