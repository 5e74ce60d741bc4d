import { createHash } from 'node:crypto';
import { ConfigError, ConflictError, InputError, NotFoundError, type ChannelContext, type ChannelDefinition, type ChannelTestResult, type I18nTexts, type Logger as SdkLogger } from '@dwc/sdk';
import type { Logger } from 'pino';
import { newId } from '../storage/new-id.js';
import type { NewNotification, NotificationPriority, NotificationRecord, NotificationStatus, AttemptRecord } from './notification-types.js';
import type { OutboxStore } from './outbox-store.js';
import type { BulkSendRequest, SendRequest } from './send-request.js';
import { renderTemplate, type RenderedMessage } from './template-engine.js';
import type { TemplateStore } from './template-store.js';
import type { InboxStore } from './inbox-store.js';

export interface ChannelInfo {
  type: string;
  title: string;
  description: string;
  /** Name and description in other languages. */
  i18n?: I18nTexts;
  plugin: string;
  idempotent: boolean;
  testable: boolean;
}

export type NotificationService = ReturnType<typeof createNotificationService>;

export interface Sender {
  /** `user:<id>`, `api_key:<id>`, `service`, `execution:<id>`: who asked, for history. */
  actor: string | null;
}

/**
 * What the API and the `notify.send` action call: checks and renders a send, commits it to the
 * outbox (one row per recipient) and wakes the delivery worker. Nothing is sent before the rows
 * are committed.
 */
export function createNotificationService(options: {
  outbox: OutboxStore;
  templates: TemplateStore;
  inbox: InboxStore;
  channels: { get(type: string): ChannelDefinition | undefined; list(): { definition: ChannelDefinition; plugin: string }[] };
  maxAttempts: number;
  logger: Logger;
  onQueued: () => void;
}) {
  const { outbox, templates } = options;

  function channelOf(type: string): ChannelDefinition {
    const channel = options.channels.get(type);
    if (channel === undefined) {
      const known = options.channels.list().map((entry) => entry.definition.type).sort();
      throw new InputError(`No notification channel "${type}" is installed; installed: ${known.join(', ') || 'none'}.`, {
        code: 'channel_not_installed',
        details: { channel: [`unknown channel "${type}"`] },
      });
    }
    return channel;
  }

  function checkRecipient(channel: ChannelDefinition, recipient: string, field: string): string {
    const parsed = channel.recipient.safeParse(recipient);
    if (!parsed.success) {
      const why = parsed.error.issues[0]?.message ?? 'invalid';
      throw new InputError(`"${recipient}" is not a recipient the ${channel.type} channel can send to: ${why}.`, { code: 'invalid_recipient', details: { [field]: [why] } });
    }
    return parsed.data;
  }

  /** The channel's network checks (a URL's host must not be a private address the server refuses), each distinct recipient once. */
  async function checkReachable(channel: ChannelDefinition, recipients: readonly string[], fieldOf: (index: number) => string): Promise<void> {
    if (channel.checkRecipient === undefined) return;
    const seen = new Set<string>();
    await Promise.all(
      recipients.map(async (recipient, index) => {
        if (seen.has(recipient)) return;
        seen.add(recipient);
        try {
          await channel.checkRecipient!(recipient);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          throw new InputError(error.message, { code: error.code, details: { [fieldOf(index)]: [error.message] }, cause: error });
        }
      }),
    );
  }

  /** The channel's own refusal of a message it could never send (an SMS over its segments), before anything is queued. */
  function checkMessage(channel: ChannelDefinition, rendered: RenderedMessage, recipients: readonly string[]): void {
    if (channel.checkMessage === undefined) return;
    for (const recipient of new Set(recipients)) {
      try {
        channel.checkMessage({ recipient, message: rendered.body, subject: rendered.subject ?? undefined, html: rendered.html ?? undefined });
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        throw new InputError(error.message, { code: error.code, details: { message: [error.message] }, cause: error });
      }
    }
  }

  async function render(request: SendRequest | BulkSendRequest): Promise<RenderedMessage & { templateId: string | null; templateVersion: number | null }> {
    if (request.template === undefined) {
      return { subject: request.subject ?? null, body: request.message ?? '', html: request.html ?? null, templateId: null, templateVersion: null };
    }
    const template = (await templates.findByName(request.template, request.channel)) ?? (await templates.get(request.template).catch(() => undefined));
    if (template === undefined || template.channel !== request.channel) {
      throw new InputError(`No template "${request.template}" for channel ${request.channel}; create it at /api/v3/notifications/templates.`, {
        code: 'template_not_found',
        details: { template: ['not found for this channel'] },
      });
    }
    const rendered = renderTemplate(template, request.data, `Template "${template.name}"`);
    return { ...rendered, subject: request.subject ?? rendered.subject, templateId: template.id, templateVersion: template.version };
  }

  /** A repeated key must name the same message (channel, recipient and rendered text), or it is a caller's mistake worth telling. */
  function sameSend(record: NotificationRecord, row: NewNotification): void {
    const same = record.channel === row.channel && record.recipient === row.recipient && record.subject === row.subject && record.body === row.body && record.html === row.html;
    if (!same) {
      throw new ConflictError(`The idempotency key "${row.idempotencyKey}" was already used for a different message (notification ${record.id}); use a new key for a new message.`, {
        code: 'idempotency_key_reused',
        details: { id: record.id },
      });
    }
  }

  const base = (request: SendRequest | BulkSendRequest, rendered: Awaited<ReturnType<typeof render>>, sender: Sender) => ({
    channel: request.channel,
    priority: request.priority as NotificationPriority,
    templateId: rendered.templateId,
    templateVersion: rendered.templateVersion,
    data: request.data,
    subject: rendered.subject,
    body: rendered.body,
    html: rendered.html,
    maxAttempts: options.maxAttempts,
    createdBy: sender.actor,
  });

  return {
    /** Queues one notification; returns it and whether it is new (false: the idempotency key was seen before). */
    async send(request: SendRequest, sender: Sender): Promise<{ notification: NotificationRecord; created: boolean }> {
      const channel = channelOf(request.channel);
      const recipient = checkRecipient(channel, request.recipient, 'recipient');
      await checkReachable(channel, [recipient], () => 'recipient');
      const rendered = await render(request);
      checkMessage(channel, rendered, [recipient]);
      const row: NewNotification = { ...base(request, rendered, sender), recipient, idempotencyKey: request.idempotency_key ?? `auto:${newId()}` };
      const [result] = await outbox.enqueue([row]);
      if (!result!.created) sameSend(result!.record, row);
      else options.onQueued();
      return { notification: result!.record, created: result!.created };
    },

    /** Queues one notification per recipient in one transaction (all or none), under one batch id. */
    async sendBulk(request: BulkSendRequest, sender: Sender): Promise<{ batchId: string; notifications: { notification: NotificationRecord; created: boolean }[] }> {
      const channel = channelOf(request.channel);
      const checked = request.recipients.map((recipient, index) => checkRecipient(channel, recipient, `recipients.${index}`));
      await checkReachable(channel, checked, (index) => `recipients.${index}`);
      const recipients = [...new Set(checked)];
      const rendered = await render(request);
      checkMessage(channel, rendered, recipients);
      const batchId = newId();
      const key = request.idempotency_key ?? `auto:${batchId}`;
      const rows = recipients.map((recipient): NewNotification => ({ ...base(request, rendered, sender), recipient, batchId, idempotencyKey: keyFor(key, recipient) }));
      const results = await outbox.enqueue(rows);
      results.forEach((result, index) => result.created || sameSend(result.record, rows[index]!));
      if (results.some((result) => result.created)) options.onQueued();
      return {
        batchId: results.find((r) => r.created)?.record.batchId ?? results[0]!.record.batchId ?? batchId,
        notifications: results.map((result) => ({ notification: result.record, created: result.created })),
      };
    },

    async get(id: string): Promise<{ notification: NotificationRecord; attempts: AttemptRecord[] }> {
      const notification = await outbox.get(id);
      if (!notification) throw new NotFoundError(`No notification ${id}.`, { code: 'notification_not_found' });
      return { notification, attempts: await outbox.attempts(id) };
    },

    list: (filter: { channel?: string; status?: NotificationStatus; recipient?: string; batchId?: string; limit: number; before?: string }) => outbox.list(filter),

    stats: () => outbox.countByStatus(),

    channels(): ChannelInfo[] {
      return options.channels.list().map(({ definition, plugin }) => ({
        type: definition.type, title: definition.title, description: definition.description, plugin, idempotent: definition.idempotent,
        ...(definition.i18n ? { i18n: definition.i18n } : {}),
        testable: definition.testConnection !== undefined,
      }));
    },

    /** The VAPID public key browsers subscribe with, from the channel that delivers Web Push. */
    pushPublicKey(): string {
      const push = options.channels.list().find(({ definition }) => definition.webPush !== undefined);
      if (push === undefined) {
        throw new ConfigError('Web Push is not available on this server: enable the @dwc/plugin-notify-push plugin, which makes or reads the VAPID keys.', { code: 'push_not_available' });
      }
      return push.definition.webPush!.applicationServerKey;
    },

    /** Runs the channel's `testConnection`: settings, credentials and reachability, without sending. */
    async testChannel(type: string): Promise<ChannelTestResult> {
      const channel = channelOf(type);
      if (channel.testConnection === undefined) return { ok: true, detail: `The ${type} channel has nothing to check before sending.` };
      const ctx: ChannelContext = { log: options.logger.child({ channel: type }) as unknown as SdkLogger, signal: AbortSignal.timeout(15_000), inbox: options.inbox.channelInbox };
      try {
        return await channel.testConnection(ctx);
      } catch (error) {
        return { ok: false, detail: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

/** A bulk send's per-recipient key; long recipients (URLs) are hashed to keep the key short. */
export function keyFor(key: string, recipient: string): string {
  const part = recipient.length <= 80 ? recipient : createHash('sha256').update(recipient).digest('hex');
  return `${key}:${part}`;
}
