import { EntitySchema } from '../typeorm.js';

/**
 * One row of `notification_attempts`: each try to hand a notification to its provider. Written as
 * `in_flight` before the send starts, so an attempt cut short by a crash is found afterwards.
 */
export interface NotificationAttemptRow {
  id: string;
  notificationId: string;
  attempt: number;
  status: string;
  workerId: string | null;
  providerMessageId: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  httpStatus: number | null;
  retryAfterMs: number | null;
  startedAt: Date;
  finishedAt: Date | null;
}

export const notificationAttemptEntity = new EntitySchema<NotificationAttemptRow>({
  name: 'notification_attempt',
  tableName: 'notification_attempts',
  columns: {
    id: { name: 'id', type: 'varchar', length: 26, primary: true },
    notificationId: { name: 'notification_id', type: 'varchar', length: 26 },
    attempt: { name: 'attempt', type: 'integer' },
    status: { name: 'status', type: 'varchar', length: 30 },
    workerId: { name: 'worker_id', type: 'varchar', length: 100, nullable: true },
    providerMessageId: { name: 'provider_message_id', type: 'varchar', length: 500, nullable: true },
    errorCode: { name: 'error_code', type: 'varchar', length: 100, nullable: true },
    errorMessage: { name: 'error_message', type: 'text', nullable: true },
    httpStatus: { name: 'http_status', type: 'integer', nullable: true },
    retryAfterMs: { name: 'retry_after_ms', type: 'bigint', nullable: true },
    startedAt: { name: 'started_at', type: 'timestamptz' },
    finishedAt: { name: 'finished_at', type: 'timestamptz', nullable: true },
  },
  indices: [{ name: 'idx_notification_attempts_notification', columns: ['notificationId', 'attempt'] }],
});
