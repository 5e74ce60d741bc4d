import { createHash } from 'node:crypto';
import { defineAction, z, type ActionDefinition } from '@dwc/sdk';
import type { NotificationService } from './notification-service.js';
import { notificationPrioritySchema, NOTIFICATION_STATUSES } from './notification-types.js';
import { notifySendEs } from '../i18n/engine-es.js';

export const notifySendInputSchema = z
  .object({
    channel: z.string().min(1).describe('email, sms, push, webhook, slack, teams, discord or in_app'),
    recipient: z.string().min(1).describe('E-mail, phone number, URL or user id, as the channel expects'),
    subject: z.string().optional(),
    message: z.string().optional().describe('Plain text body; required unless `template` is given'),
    html: z.string().optional(),
    template: z.string().min(1).optional().describe('Name of a stored template for this channel'),
    data: z.record(z.string(), z.unknown()).default({}).describe("The template's variables"),
    priority: notificationPrioritySchema.default('normal'),
  })
  .refine((input) => input.message !== undefined || input.template !== undefined, { message: 'give "message" (or "template")', path: ['message'] });

export const notifySendOutputSchema = z.object({
  notification_id: z.string(),
  status: z.enum(NOTIFICATION_STATUSES),
  /** False when this step had already queued the same message (a retried step sends nothing twice). */
  created: z.boolean(),
});

/**
 * The idempotency key of a step's send: the execution, the step, the recipient and what is sent.
 * A retried step (or one rerun after a crash) queues nothing new; fan-out items that send different
 * messages to one recipient stay apart.
 */
export function stepIdempotencyKey(executionId: string, stepId: string, input: z.output<typeof notifySendInputSchema>): string {
  const content = createHash('sha256')
    .update(JSON.stringify([input.channel, input.subject ?? null, input.message ?? null, input.html ?? null, input.template ?? null, input.data]))
    .digest('base64url')
    .slice(0, 22);
  const recipient = input.recipient.length <= 80 ? input.recipient : createHash('sha256').update(input.recipient).digest('base64url');
  return `step:${executionId}:${stepId}:${recipient}:${content}`;
}

/** `notify.send`: queue a notification in the outbox from a workflow step. */
export function createNotifySendAction(notifications: NotificationService): ActionDefinition {
  return defineAction({
    type: 'notify.send',
    title: 'Send a notification',
    description: 'Queues a message on a channel (e-mail, webhook, in-app, ...) for delivery with retries; a retried step does not send twice.',
    i18n: notifySendEs,
    input: notifySendInputSchema,
    output: notifySendOutputSchema,
    async run(input, ctx) {
      const { notification, created } = await notifications.send(
        { ...input, idempotency_key: stepIdempotencyKey(ctx.executionId, ctx.stepId, input) },
        { actor: `execution:${ctx.executionId}` },
      );
      return { notification_id: notification.id, status: notification.status, created };
    },
  });
}
