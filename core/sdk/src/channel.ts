import { z } from 'zod';
import type { Logger } from './logger.js';
import { assertCapabilityId, assertFunction } from './capability-id.js';

export const notificationPrioritySchema = z.enum(['low', 'normal', 'high', 'critical']);

/** One message to one recipient, as a channel receives it. */
export const channelMessageSchema = z.object({
  recipient: z.string().min(1),
  subject: z.string().optional(),
  message: z.string(),
  priority: notificationPrioritySchema.default('normal'),
  metadata: z.record(z.string(), z.unknown()).default({}),
});
export type ChannelMessage = z.output<typeof channelMessageSchema>;

export interface DeliveryResult {
  status: 'delivered' | 'queued' | 'failed';
  /** The provider's id for the message, when it gives one. */
  providerMessageId?: string;
  /** Why delivery failed, in words a person can act on. */
  error?: string;
}

export interface ChannelContext {
  log: Logger;
  signal: AbortSignal;
}

export interface ChannelSpec {
  /** Registry key, e.g. `email`, `slack`, `in_app`. */
  type: string;
  title: string;
  description: string;
  send(message: ChannelMessage, ctx: ChannelContext): Promise<DeliveryResult>;
  /** Checks credentials and reachability without sending anything. */
  testConnection?(ctx: ChannelContext): Promise<{ ok: boolean; detail?: string }>;
}

export interface ChannelDefinition extends ChannelSpec {
  readonly kind: 'channel';
}

/** Declares a notification channel. */
export function defineChannel(spec: ChannelSpec): ChannelDefinition {
  assertCapabilityId('defineChannel', spec.type);
  assertFunction(`defineChannel(${spec.type})`, 'send', spec.send);
  return Object.freeze({ ...spec, kind: 'channel' as const });
}
