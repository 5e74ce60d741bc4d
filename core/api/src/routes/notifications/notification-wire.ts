import { ATTEMPT_STATUSES, NOTIFICATION_STATUSES, type AttemptRecord, type InboxMessage, type NotificationRecord, type NotificationTemplateRecord } from '@dwc/runtime';
import { z } from 'zod';

const iso = (date: Date | null) => date?.toISOString() ?? null;
const storedError = z.object({ code: z.string(), message: z.string() });

export const notificationSchema = z
  .object({
    id: z.string(),
    channel: z.string(),
    recipient: z.string(),
    status: z.enum(NOTIFICATION_STATUSES).meta({ description: '`uncertain`: a send was cut short by a crash on a channel that cannot drop repeats; it may have been delivered and was not resent' }),
    priority: z.enum(['low', 'normal', 'high', 'critical']),
    idempotency_key: z.string(),
    template_id: z.string().nullable(),
    template_version: z.number().int().nullable(),
    data: z.record(z.string(), z.unknown()),
    subject: z.string().nullable(),
    message: z.string(),
    html: z.string().nullable(),
    attempts: z.number().int(),
    max_attempts: z.number().int(),
    next_attempt_at: z.string().nullable().meta({ description: 'When a queued notification is tried next' }),
    provider_message_id: z.string().nullable(),
    last_error: storedError.nullable(),
    batch_id: z.string().nullable(),
    created_by: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
    delivered_at: z.string().nullable(),
  })
  .meta({ id: 'Notification' });

export const attemptSchema = z
  .object({
    attempt: z.number().int(),
    status: z.enum(ATTEMPT_STATUSES),
    started_at: z.string(),
    finished_at: z.string().nullable(),
    provider_message_id: z.string().nullable(),
    error: storedError.nullable(),
    http_status: z.number().int().nullable(),
    retry_after_ms: z.number().int().nullable(),
    worker_id: z.string().nullable(),
  })
  .meta({ id: 'NotificationAttempt' });

export const toNotificationWire = (n: NotificationRecord): z.input<typeof notificationSchema> => ({
  id: n.id, channel: n.channel, recipient: n.recipient, status: n.status, priority: n.priority, idempotency_key: n.idempotencyKey, template_id: n.templateId,
  template_version: n.templateVersion, data: n.data, subject: n.subject, message: n.body, html: n.html, attempts: n.attempts, max_attempts: n.maxAttempts,
  next_attempt_at: n.status === 'queued' ? n.nextAttemptAt.toISOString() : null, provider_message_id: n.providerMessageId, last_error: n.lastError,
  batch_id: n.batchId, created_by: n.createdBy, created_at: n.createdAt.toISOString(), updated_at: n.updatedAt.toISOString(), delivered_at: iso(n.deliveredAt),
});

export const toAttemptWire = (a: AttemptRecord): z.input<typeof attemptSchema> => ({
  attempt: a.attempt, status: a.status, started_at: a.startedAt.toISOString(), finished_at: iso(a.finishedAt), provider_message_id: a.providerMessageId,
  error: a.error, http_status: a.httpStatus, retry_after_ms: a.retryAfterMs, worker_id: a.workerId,
});

export const templateSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    name: z.string(),
    channel: z.string(),
    subject: z.string().nullable(),
    body: z.string(),
    html: z.string().nullable(),
    variables: z.array(z.string()).nullable(),
    sample_data: z.record(z.string(), z.unknown()).nullable(),
    created_by: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: 'NotificationTemplate' });

export const toTemplateWire = (t: NotificationTemplateRecord): z.input<typeof templateSchema> => ({
  id: t.id, version: t.version, name: t.name, channel: t.channel, subject: t.subject, body: t.body, html: t.html, variables: t.variables,
  sample_data: t.sampleData, created_by: t.createdBy, created_at: t.createdAt.toISOString(),
});

export const inboxMessageSchema = z
  .object({
    id: z.string(),
    notification_id: z.string(),
    subject: z.string().nullable(),
    message: z.string(),
    data: z.record(z.string(), z.unknown()),
    created_at: z.string(),
    read_at: z.string().nullable(),
  })
  .meta({ id: 'InboxMessage' });

export const toInboxWire = (m: InboxMessage): z.input<typeof inboxMessageSchema> => ({
  id: m.id, notification_id: m.notificationId, subject: m.subject, message: m.body, data: m.data, created_at: m.createdAt.toISOString(), read_at: iso(m.readAt),
});
