import { z } from 'zod';
import { notificationPrioritySchema } from './notification-types.js';

const fields = {
  channel: z.string().min(1).max(100).meta({ description: 'A registered channel: email, sms, push, webhook, slack, teams, discord, in_app', example: 'email' }),
  subject: z.string().max(1_000).optional(),
  message: z.string().max(100_000).optional().meta({ description: 'Plain text body; required unless `template` is given' }),
  html: z.string().max(500_000).optional().meta({ description: 'HTML body for channels that show HTML (e-mail)' }),
  template: z.string().min(1).max(100).optional().meta({ description: 'Name (or id) of a stored template for this channel, rendered with `data`' }),
  data: z.record(z.string(), z.unknown()).default({}).meta({ description: "The template's variables (an event's payload)" }),
  priority: notificationPrioritySchema.default('normal').meta({ description: '`critical` is delivered before everything else' }),
};

const needsBody = (value: { message?: string | undefined; template?: string | undefined }) => value.message !== undefined || value.template !== undefined;
const needsBodyIssue = { message: 'give "message" (or "template")', path: ['message'] };

/** `POST /api/v3/advanced/notifications/send`: one recipient. */
export const sendRequestSchema = z
  .object({
    ...fields,
    recipient: z.string().min(1).max(2_048).meta({ description: 'E-mail, phone number, URL or user id, as the channel expects', example: 'user@example.com' }),
    idempotency_key: z.string().min(1).max(255).optional().meta({ description: 'A repeat with the same key returns the first notification instead of sending again' }),
  })
  .refine(needsBody, needsBodyIssue)
  .meta({ id: 'NotificationSend' });
export type SendRequest = z.output<typeof sendRequestSchema>;

/** `POST /api/v3/advanced/notifications/send/bulk`: many recipients, one row each, all queued or none. */
export const bulkSendRequestSchema = z
  .object({
    ...fields,
    recipients: z.array(z.string().min(1).max(2_048)).min(1).max(10_000),
    idempotency_key: z.string().min(1).max(200).optional().meta({ description: "Each recipient's key is `<key>:<recipient>`; repeating the call sends nothing twice" }),
  })
  .refine(needsBody, needsBodyIssue)
  .meta({ id: 'NotificationBulkSend' });
export type BulkSendRequest = z.output<typeof bulkSendRequestSchema>;
