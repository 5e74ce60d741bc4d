import { EntitySchema } from '../typeorm.js';

/**
 * One row of `notifications`: the outbox. One row per recipient and channel, committed before any
 * attempt. `next_attempt_at` and `locked_until` are epoch milliseconds, as in `jobs`.
 */
export interface NotificationRow {
  id: string;
  channel: string;
  recipient: string;
  idempotencyKey: string;
  priority: number;
  status: string;
  templateId: string | null;
  templateVersion: number | null;
  data: object | null;
  subject: string | null;
  body: string;
  html: string | null;
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: string;
  lockedBy: string | null;
  lockedUntil: string | null;
  providerMessageId: string | null;
  lastError: object | null;
  batchId: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  deliveredAt: Date | null;
}

export const notificationEntity = new EntitySchema<NotificationRow>({
  name: 'notification',
  tableName: 'notifications',
  columns: {
    id: { name: 'id', type: 'varchar', length: 26, primary: true },
    channel: { name: 'channel', type: 'varchar', length: 100 },
    recipient: { name: 'recipient', type: 'varchar', length: 2048 },
    idempotencyKey: { name: 'idempotency_key', type: 'varchar', length: 300, unique: true },
    priority: { name: 'priority', type: 'integer' },
    status: { name: 'status', type: 'varchar', length: 20 },
    templateId: { name: 'template_id', type: 'varchar', length: 26, nullable: true },
    templateVersion: { name: 'template_version', type: 'integer', nullable: true },
    data: { name: 'data', type: 'jsonb', nullable: true },
    subject: { name: 'subject', type: 'text', nullable: true },
    body: { name: 'body', type: 'text' },
    html: { name: 'html', type: 'text', nullable: true },
    attempts: { name: 'attempts', type: 'integer' },
    maxAttempts: { name: 'max_attempts', type: 'integer' },
    nextAttemptAt: { name: 'next_attempt_at', type: 'bigint' },
    lockedBy: { name: 'locked_by', type: 'varchar', length: 100, nullable: true },
    lockedUntil: { name: 'locked_until', type: 'bigint', nullable: true },
    providerMessageId: { name: 'provider_message_id', type: 'varchar', length: 500, nullable: true },
    lastError: { name: 'last_error', type: 'jsonb', nullable: true },
    batchId: { name: 'batch_id', type: 'varchar', length: 26, nullable: true },
    createdBy: { name: 'created_by', type: 'varchar', length: 100, nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
    deliveredAt: { name: 'delivered_at', type: 'timestamptz', nullable: true },
  },
  indices: [
    { name: 'idx_notifications_claim', columns: ['status', 'priority', 'nextAttemptAt'] },
    { name: 'idx_notifications_channel', columns: ['channel', 'id'] },
    { name: 'idx_notifications_recipient', columns: ['recipient'] },
    { name: 'idx_notifications_batch', columns: ['batchId'] },
  ],
});
