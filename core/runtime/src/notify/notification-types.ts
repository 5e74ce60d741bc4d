import { notificationPrioritySchema, type NotificationPriority } from '@dwc/sdk';

export { notificationPrioritySchema };
export type { NotificationPriority };

/** Stored as a number so the claim query orders by it: `critical` first. */
export const priorityRank: Record<NotificationPriority, number> = { low: 0, normal: 1, high: 2, critical: 3 };
export const priorityName = (rank: number): NotificationPriority => notificationPrioritySchema.options[rank] ?? 'normal';

/**
 * `queued` (waiting for its next attempt), `sending` (an attempt holds it), `delivered` (the provider
 * took it), `failed` (gave up), `uncertain` (an attempt was cut short by a crash on a channel that
 * cannot drop repeats, so it was not resent: it may have been delivered).
 */
export const NOTIFICATION_STATUSES = ['queued', 'sending', 'delivered', 'failed', 'uncertain'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * `in_flight` (started, not finished), `delivered`/`accepted` (the provider has it / took it for
 * later), `failed`, `interrupted` (cut short by a crash and sent again under the same idempotency
 * key), `may_have_been_delivered` (cut short by a crash; not resent).
 */
export const ATTEMPT_STATUSES = ['in_flight', 'delivered', 'accepted', 'failed', 'interrupted', 'may_have_been_delivered'] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

export interface StoredError {
  code: string;
  message: string;
}

export interface NotificationRecord {
  id: string;
  channel: string;
  recipient: string;
  idempotencyKey: string;
  priority: NotificationPriority;
  status: NotificationStatus;
  templateId: string | null;
  templateVersion: number | null;
  data: Record<string, unknown>;
  subject: string | null;
  body: string;
  html: string | null;
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: Date;
  lockedBy: string | null;
  providerMessageId: string | null;
  lastError: StoredError | null;
  batchId: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  deliveredAt: Date | null;
}

export interface AttemptRecord {
  id: string;
  notificationId: string;
  attempt: number;
  status: AttemptStatus;
  workerId: string | null;
  providerMessageId: string | null;
  error: StoredError | null;
  httpStatus: number | null;
  retryAfterMs: number | null;
  startedAt: Date;
  finishedAt: Date | null;
}

/** One row to add to the outbox, already rendered. */
export interface NewNotification {
  channel: string;
  recipient: string;
  idempotencyKey: string;
  priority: NotificationPriority;
  templateId?: string | null;
  templateVersion?: number | null;
  data: Record<string, unknown>;
  subject: string | null;
  body: string;
  html: string | null;
  maxAttempts: number;
  batchId?: string | null;
  createdBy?: string | null;
}

/** A notification claimed by a worker, with the attempt row written for it. */
export interface ClaimedNotification {
  notification: NotificationRecord;
  attemptId: string;
  attempt: number;
}
