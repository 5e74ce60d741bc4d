import { z } from 'zod';
import type { Logger } from './logger.js';
import { assertCapabilityId, assertFunction } from './capability-id.js';
import { checkI18n, type I18nTexts } from './i18n/i18n.js';

export const notificationPrioritySchema = z.enum(['low', 'normal', 'high', 'critical']);
export type NotificationPriority = z.infer<typeof notificationPrioritySchema>;

/** One message to one recipient, as a channel receives it from the outbox. */
export const channelMessageSchema = z.object({
  /** The outbox row's id. */
  id: z.string().min(1),
  /**
   * The same on every attempt of this message. A channel whose provider accepts one (an
   * `Idempotency-Key` header, the Standard Webhooks `webhook-id`) passes it on, so a repeat after a
   * crash is dropped by the provider and the receiver can tell duplicates.
   */
  idempotencyKey: z.string().min(1),
  recipient: z.string().min(1),
  subject: z.string().optional(),
  /** Plain text body. */
  message: z.string(),
  /** HTML body, when the template has one; channels without HTML ignore it. */
  html: z.string().optional(),
  priority: notificationPrioritySchema.default('normal'),
  /** The data the message was rendered from (an event's payload). */
  data: z.record(z.string(), z.unknown()).default({}),
  /** 1 on the first attempt, 2 on the first retry, ... */
  attempt: z.number().int().min(1).default(1),
});
export type ChannelMessage = z.output<typeof channelMessageSchema>;

/** A rendered message before it is queued, as `checkMessage` sees it. */
export type ChannelMessageDraft = Pick<ChannelMessage, 'recipient' | 'subject' | 'message' | 'html'>;

/**
 * What a provider answered when it took the message. A failure is thrown instead, as a
 * `ChannelDeliveryError` (see channel-errors.ts): retryable or not, with the provider's `Retry-After`.
 */
export interface DeliveryResult {
  /** `delivered`: the recipient has it (in-app, webhook 2xx); `queued`: the provider took it for later delivery (SMTP relay, SMS). */
  status: 'delivered' | 'queued';
  /** The provider's id for the message, when it gives one. */
  providerMessageId?: string;
  /** A short note for the attempt history, e.g. the SMTP answer. */
  detail?: string;
}

/** An in-app message as the host stores it. */
export interface InboxDelivery {
  messageId: string;
  userId: string;
  /** False when this idempotency key was already stored: nothing new was written. */
  created: boolean;
}

/** The host's per-user inbox, offered to channels that deliver inside the product (`in_app`). */
export interface ChannelInbox {
  /**
   * Stores a message for the user the recipient names (a user id or an e-mail), once per
   * idempotency key. Throws a non-retryable error when no such user exists.
   */
  deliver(message: { notificationId: string; idempotencyKey: string; recipient: string; subject?: string; body: string; data: Record<string, unknown> }): Promise<InboxDelivery>;
}

/** A browser's Web Push subscription, as `PushSubscription.toJSON()` gives it. */
export interface PushSubscriptionTarget {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** The host's Web Push subscriptions per user, offered to the `push` channel. */
export interface ChannelPushSubscriptions {
  /** The subscriptions of the user the recipient names (a user id or an e-mail); throws a non-retryable error when no such user exists. */
  list(recipient: string): Promise<PushSubscriptionTarget[]>;
  /** Forgets a subscription the push service called gone (404/410). */
  remove(endpoint: string): Promise<void>;
}

export interface ChannelContext {
  log: Logger;
  /** Aborted when the send takes longer than the outbox allows or the process stops. */
  signal: AbortSignal;
  /** The host's inbox; present when the host runs one (the server always does). */
  inbox?: ChannelInbox;
  /** The host's push subscriptions; present when the host stores them (the server always does). */
  pushSubscriptions?: ChannelPushSubscriptions;
}

export interface ChannelTestResult {
  ok: boolean;
  /** What was checked, or what is wrong and which setting fixes it. */
  detail?: string;
}

export interface ChannelSpec {
  /** Registry key, e.g. `email`, `slack`, `in_app`. */
  type: string;
  title: string;
  description: string;
  /** Texts in other languages (`es`): name and description. */
  i18n?: I18nTexts;
  /**
   * True when `send` hands `message.idempotencyKey` to a provider that drops repeats (or the
   * receiver can tell them apart), so resending an attempt cut short by a crash is safe. When
   * false, the outbox marks such an attempt `may_have_been_delivered` instead of resending it.
   */
  idempotent: boolean;
  /** Checks a recipient before it is queued (an e-mail address, an E.164 number, a URL). Default: any non-empty string. */
  recipient?: z.ZodType<string>;
  /**
   * Checks a recipient that passed `recipient` against what only the network can tell, before it
   * is queued: e.g. that a URL's host is not a private address the server refuses. Throws an
   * `InputError` the caller sees as a 4xx. `send` checks again (DNS may change in between).
   */
  checkRecipient?(recipient: string): Promise<void>;
  /**
   * Refuses a rendered message this channel could never send (an SMS over its segment limit),
   * before it is queued, by throwing an `InputError` the caller sees as a 4xx. `send` may check again.
   */
  checkMessage?(message: ChannelMessageDraft): void;
  /** Set by a channel that delivers Web Push: the VAPID public key browsers subscribe with (`applicationServerKey`). */
  webPush?: { applicationServerKey: string };
  /**
   * Sends one message. Resolves when the provider took it; throws a `ChannelDeliveryError`
   * (retryable or not) otherwise. Never retries by itself: the outbox schedules retries.
   */
  send(message: ChannelMessage, ctx: ChannelContext): Promise<DeliveryResult>;
  /** Checks settings, credentials and reachability without sending anything. */
  testConnection?(ctx: ChannelContext): Promise<ChannelTestResult>;
}

export interface ChannelDefinition extends ChannelSpec {
  readonly kind: 'channel';
  readonly recipient: z.ZodType<string>;
}

const anyRecipient = z.string().min(1);

/** Declares a notification channel. */
export function defineChannel(spec: ChannelSpec): ChannelDefinition {
  assertCapabilityId('defineChannel', spec.type);
  assertFunction(`defineChannel(${spec.type})`, 'send', spec.send);
  if (typeof spec.idempotent !== 'boolean') throw new TypeError(`defineChannel(${spec.type}): "idempotent" must be true or false.`);
  if (spec.recipient !== undefined && !(spec.recipient instanceof z.ZodType)) {
    throw new TypeError(`defineChannel(${spec.type}): "recipient" must be a zod schema.`);
  }
  if (spec.testConnection !== undefined) assertFunction(`defineChannel(${spec.type})`, 'testConnection', spec.testConnection);
  if (spec.checkRecipient !== undefined) assertFunction(`defineChannel(${spec.type})`, 'checkRecipient', spec.checkRecipient);
  if (spec.checkMessage !== undefined) assertFunction(`defineChannel(${spec.type})`, 'checkMessage', spec.checkMessage);
  checkI18n(`defineChannel(${spec.type})`, spec.i18n);
  return Object.freeze({ ...spec, recipient: spec.recipient ?? anyRecipient, kind: 'channel' as const });
}
