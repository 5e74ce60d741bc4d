import { ChannelDeliveryError, DwcError, ExternalServiceError, type ChannelDefinition, type ChannelPushSubscriptions, type DeliveryResult, type ChannelInbox, type EventBus, type Logger as SdkLogger } from '@dwc/sdk';
import type { Logger } from 'pino';
import type { AttemptOutcome, FinishItem, OutboxStore } from './outbox-store.js';
import type { ClaimedNotification, StoredError } from './notification-types.js';
import { delayAfter, type RetrySchedule } from './retry-schedule.js';

export interface DeliveryWorkerOptions {
  store: OutboxStore;
  channels: { get(type: string): ChannelDefinition | undefined };
  inbox: ChannelInbox;
  pushSubscriptions?: ChannelPushSubscriptions;
  events: EventBus;
  logger: Logger;
  workerId: string;
  /** Sends in flight at once. */
  concurrency: number;
  leaseMs: number;
  /** Longest one send may take; it is aborted after this (kept below the lease). */
  sendTimeoutMs: number;
  /** How often to look for due rows when nothing wakes the worker. */
  pollMs: number;
  schedule: RetrySchedule;
  random?: () => number;
}

export interface DeliveryWorker {
  readonly workerId: string;
  start(): void;
  /** Looks for work now (after an enqueue). */
  wake(): void;
  /** Stops claiming and waits up to `timeoutMs` for sends in flight; what is left is resumed by the next claimer. */
  stop(timeoutMs: number): Promise<void>;
  activeCount(): number;
}

interface Failure {
  error: StoredError;
  retryable: boolean;
  retryAfterMs?: number;
  httpStatus?: number;
}

/** What a send's failure means for the schedule: plain errors (a bug, a dropped socket) count as retryable. */
function describeFailure(error: unknown, timedOut: boolean): Failure {
  if (timedOut) return { error: { code: 'channel_timeout', message: 'The channel did not finish sending in time.' }, retryable: true };
  if (error instanceof ChannelDeliveryError) {
    return { error: { code: error.code, message: error.message }, retryable: error.retryable, retryAfterMs: error.retryAfterMs, httpStatus: error.httpStatus };
  }
  if (error instanceof ExternalServiceError) return { error: { code: error.code, message: error.message }, retryable: error.retryable };
  if (error instanceof DwcError) return { error: { code: error.code, message: error.message }, retryable: false };
  return { error: { code: 'channel_error', message: error instanceof Error ? error.message : String(error) }, retryable: true };
}

/**
 * Delivers the outbox: claims due rows in batches (highest priority first), sends each through its
 * channel with a time limit, and records the outcome, scheduling a retry or giving up. On SQLite
 * one process runs it; on Postgres every process may, each claiming disjoint rows.
 */
export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { store, logger, workerId, concurrency } = options;
  const log = logger.child({ component: 'notify', worker_id: workerId });
  const inFlight = new Set<Promise<void>>();
  const controllers = new Set<AbortController>();
  let running = false;
  let pumping = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  // Outcomes are written in batches: every attempt that ends in one turn of the event loop shares a transaction.
  let pending: { item: FinishItem; done: (error?: unknown) => void }[] = [];
  const flush = async () => {
    const batch = pending;
    pending = [];
    try {
      await store.finishMany(batch.map((entry) => entry.item));
      for (const entry of batch) entry.done();
    } catch (error) {
      for (const entry of batch) entry.done(error);
    }
  };
  const finish = (claim: ClaimedNotification, outcome: AttemptOutcome, next: { retryAt?: number }) =>
    new Promise<void>((resolve, reject) => {
      if (pending.length === 0) setImmediate(() => void flush());
      pending.push({ item: { claim, workerId, outcome, next }, done: (error) => (error === undefined ? resolve() : reject(error)) });
    });

  const idempotent = (type: string) => options.channels.get(type)?.idempotent ?? false;

  // Recipients a provider rate-limited (429), until when: rows for them claimed meanwhile go back unsent.
  const holds = new Map<string, number>();
  const holdKey = (claim: ClaimedNotification) => `${claim.notification.channel}\n${claim.notification.recipient}`;
  const heldUntil = (claim: ClaimedNotification): number | undefined => {
    const until = holds.get(holdKey(claim));
    if (until === undefined || until > Date.now()) return until;
    holds.delete(holdKey(claim));
    return undefined;
  };
  async function hold(claim: ClaimedNotification, retryAfterMs: number): Promise<void> {
    const until = Date.now() + retryAfterMs;
    holds.set(holdKey(claim), Math.max(until, holds.get(holdKey(claim)) ?? 0));
    try {
      const held = await store.holdRecipient(claim.notification.channel, claim.notification.recipient, until);
      log.info({ channel: claim.notification.channel, held, retry_after_ms: retryAfterMs }, 'provider rate-limited a recipient; holding its queued notifications');
    } catch (error) {
      log.warn({ err: error, channel: claim.notification.channel }, 'could not hold a rate-limited recipient; its rows wait in this process only');
    }
  }

  const emit = (type: string, claim: ClaimedNotification, extra: Record<string, unknown>) => {
    const { notification } = claim;
    options.events.emit(type, {
      notification_id: notification.id, channel: notification.channel, recipient: notification.recipient, attempt: claim.attempt,
      ...(notification.createdBy?.startsWith('user:') ? { user_id: notification.createdBy.slice(5) } : {}), ...extra,
    });
  };

  async function deliver(claim: ClaimedNotification): Promise<void> {
    const { notification } = claim;
    const channel = options.channels.get(notification.channel);
    const controller = new AbortController();
    controllers.add(controller);
    let timedOut = false;
    const timeout = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error('send timed out'));
    }, options.sendTimeoutMs);
    const sendLog = log.child({ notification_id: notification.id, channel: notification.channel, attempt: claim.attempt });
    let result: DeliveryResult;
    try {
      if (channel === undefined) {
        throw new ExternalServiceError(`No channel "${notification.channel}" is installed now; enable its plugin. The message waits for its next attempt.`, {
          code: 'channel_not_installed', retryable: true,
        });
      }
      result = await channel.send(
        {
          id: notification.id, idempotencyKey: notification.idempotencyKey, recipient: notification.recipient, subject: notification.subject ?? undefined,
          message: notification.body, html: notification.html ?? undefined, priority: notification.priority, data: notification.data, attempt: claim.attempt,
        },
        { log: sendLog as unknown as SdkLogger, signal: controller.signal, inbox: options.inbox, ...(options.pushSubscriptions === undefined ? {} : { pushSubscriptions: options.pushSubscriptions }) },
      );
    } catch (error) {
      clearTimeout(timeout);
      controllers.delete(controller);
      const failure = describeFailure(error, timedOut);
      const delay = failure.retryable ? delayAfter(options.schedule, claim.attempt, notification.maxAttempts, failure.retryAfterMs, options.random) : undefined;
      const retryAt = delay === undefined ? undefined : Date.now() + delay;
      if (failure.retryAfterMs !== undefined && (failure.httpStatus === 429 || failure.error.code === 'channel_rate_limited')) await hold(claim, failure.retryAfterMs);
      await finish(
        claim,
        { status: 'failed', error: failure.error, httpStatus: failure.httpStatus ?? null, retryAfterMs: failure.retryAfterMs ?? null },
        { retryAt },
      );
      if (retryAt === undefined) {
        sendLog.warn({ code: failure.error.code, err: error }, 'notification failed; giving up');
        emit('notification.failed', claim, { error: failure.error });
      } else {
        sendLog.info({ code: failure.error.code, retry_in_ms: delay }, 'notification attempt failed; will retry');
      }
      return;
    }
    clearTimeout(timeout);
    controllers.delete(controller);
    // A failure to record this is not a failed send: the attempt stays in flight and is settled by the next claimer.
    await finish(claim, { status: result.status === 'queued' ? 'accepted' : 'delivered', providerMessageId: result.providerMessageId ?? null }, {});
    emit('notification.delivered', claim, { provider_message_id: result.providerMessageId ?? null });
  }

  const track = (claim: ClaimedNotification) => {
    const task: Promise<void> = deliver(claim)
      .catch((error: unknown) => log.error({ err: error, notification_id: claim.notification.id }, 'could not record a delivery attempt; the row is retried when its lease ends'))
      .finally(() => {
        inFlight.delete(task);
        // Claim again in batches, not once per finished send.
        if (running && inFlight.size <= concurrency / 2) void pump();
      });
    inFlight.add(task);
  };

  async function pump(): Promise<void> {
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      do {
        again = false;
        while (running && inFlight.size < concurrency) {
          const wanted = concurrency - inFlight.size;
          const claims = await store.claim(workerId, wanted, options.leaseMs, idempotent);
          const held = new Map<number, ClaimedNotification[]>();
          for (const claim of claims) {
            const until = heldUntil(claim);
            if (until === undefined) track(claim);
            else held.set(until, [...(held.get(until) ?? []), claim]);
          }
          for (const [until, deferred] of held) await store.defer(deferred, workerId, until);
          if (claims.length < wanted) break;
        }
      } while (again && running);
    } catch (error) {
      log.error({ err: error }, 'could not claim notifications; trying again shortly');
    } finally {
      pumping = false;
      if (running) {
        clearTimeout(timer);
        timer = setTimeout(() => void pump(), options.pollMs);
        timer.unref();
      }
    }
  }

  return {
    workerId,
    start() {
      if (running || concurrency <= 0) return;
      running = true;
      void pump();
    },
    wake() {
      if (running) void pump();
    },
    async stop(timeoutMs) {
      running = false;
      clearTimeout(timer);
      if (inFlight.size === 0) return;
      let expired: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => (expired = setTimeout(resolve, timeoutMs)));
      await Promise.race([Promise.allSettled([...inFlight]), deadline]);
      clearTimeout(expired);
      for (const controller of controllers) controller.abort(new Error('shutting down'));
    },
    activeCount: () => inFlight.size,
  };
}
