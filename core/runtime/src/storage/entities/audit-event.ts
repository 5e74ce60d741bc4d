import { EntitySchema } from '../typeorm.js';

/**
 * One row of `audit_events`: the hash-chained audit log (see security/audit). `seq` is assigned
 * by the appender (1, 2, 3 … with no gaps), not by the database. `before`, `after` and `detail`
 * are canonical JSON text, stored exactly as hashed.
 */
export interface AuditEventRow {
  seq: string;
  id: string;
  occurredAt: Date;
  action: string;
  outcome: string;
  actor: string | null;
  actorLabel: string | null;
  ip: string | null;
  userAgent: string | null;
  target: string | null;
  before: string | null;
  after: string | null;
  detail: string | null;
  prevHash: string;
  hash: string;
}

export const auditEventEntity = new EntitySchema<AuditEventRow>({
  name: 'audit_event',
  tableName: 'audit_events',
  columns: {
    seq: { name: 'seq', type: 'bigint', primary: true },
    id: { name: 'id', type: 'varchar', length: 26, unique: true },
    occurredAt: { name: 'occurred_at', type: 'timestamptz' },
    action: { name: 'action', type: 'varchar', length: 100 },
    outcome: { name: 'outcome', type: 'varchar', length: 10 },
    actor: { name: 'actor', type: 'varchar', length: 200, nullable: true },
    actorLabel: { name: 'actor_label', type: 'varchar', length: 200, nullable: true },
    ip: { name: 'ip', type: 'varchar', length: 64, nullable: true },
    userAgent: { name: 'user_agent', type: 'varchar', length: 500, nullable: true },
    target: { name: 'target', type: 'varchar', length: 500, nullable: true },
    before: { name: 'before', type: 'text', nullable: true },
    after: { name: 'after', type: 'text', nullable: true },
    detail: { name: 'detail', type: 'text', nullable: true },
    prevHash: { name: 'prev_hash', type: 'varchar', length: 64 },
    hash: { name: 'hash', type: 'varchar', length: 64 },
  },
  indices: [
    { name: 'idx_audit_events_action', columns: ['action', 'seq'] },
    { name: 'idx_audit_events_actor', columns: ['actor', 'seq'] },
    { name: 'idx_audit_events_occurred', columns: ['occurredAt'] },
  ],
});
