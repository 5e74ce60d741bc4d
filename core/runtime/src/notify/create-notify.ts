import type { EventBus } from '@dwc/sdk';
import type { Logger } from 'pino';
import type { DwcConfig } from '../config/settings.js';
import type { Registries } from '../plugin-host/registries.js';
import type { SqlClient } from '../storage/sql-client.js';
import { createDeliveryWorker, type DeliveryWorker } from './delivery-worker.js';
import { createInboxStore, type InboxStore } from './inbox-store.js';
import { createNotificationService, type NotificationService } from './notification-service.js';
import { createNotifySendAction } from './notify-send-action.js';
import { createOutboxStore, type OutboxStore } from './outbox-store.js';
import { createPushSubscriptionStore, type PushSubscriptionStore } from './push-subscription-store.js';
import { retrySchedule } from './retry-schedule.js';
import { createTemplateStore, type TemplateStore } from './template-store.js';

/** Notifications: the outbox, its delivery worker, templates, inboxes and push subscriptions. */
export interface NotifyRuntime {
  service: NotificationService;
  templates: TemplateStore;
  inbox: InboxStore;
  pushSubscriptions: PushSubscriptionStore;
  outbox: OutboxStore;
  worker: DeliveryWorker;
  /** Starts delivering (on SQLite, first releases rows a dead process held). */
  start(): Promise<void>;
  stop(timeoutMs: number): Promise<void>;
}

export type NotifySettings = Pick<DwcConfig, 'notifyConcurrency' | 'notifyMaxAttempts' | 'notifyRetrySchedule' | 'notifySendTimeoutMs' | 'notifyLeaseMs'>;

export function createNotifyRuntime(options: {
  sql: SqlClient;
  config: NotifySettings;
  registries: Registries;
  events: EventBus;
  logger: Logger;
  workerId: string;
  /** Tells other processes sharing the database that rows are waiting (Postgres). */
  onQueued?: () => void;
}): NotifyRuntime {
  const { sql, config, registries } = options;
  const outbox = createOutboxStore(sql);
  const templates = createTemplateStore(sql);
  const inbox = createInboxStore(sql);
  const pushSubscriptions = createPushSubscriptionStore(sql);
  const schedule = retrySchedule(config.notifyRetrySchedule, config.notifyMaxAttempts);
  const worker = createDeliveryWorker({
    store: outbox,
    channels: registries.channels,
    inbox: inbox.channelInbox,
    pushSubscriptions: pushSubscriptions.forChannel(inbox.resolveUser),
    events: options.events,
    logger: options.logger,
    workerId: options.workerId,
    concurrency: config.notifyConcurrency,
    leaseMs: config.notifyLeaseMs,
    sendTimeoutMs: Math.min(config.notifySendTimeoutMs, Math.floor(config.notifyLeaseMs / 2)),
    pollMs: sql.dialect === 'postgres' ? 500 : 1_000,
    schedule,
  });
  const service = createNotificationService({
    outbox,
    templates,
    inbox,
    channels: registries.channels,
    maxAttempts: schedule.maxAttempts,
    logger: options.logger,
    onQueued: () => {
      worker.wake();
      options.onQueued?.();
    },
  });
  if (!registries.actions.has('notify.send')) registries.actions.register(createNotifySendAction(service), '@dwc/runtime');
  return {
    service,
    templates,
    inbox,
    pushSubscriptions,
    outbox,
    worker,
    async start() {
      if (sql.dialect === 'sqlite') {
        const released = await outbox.releaseAll();
        if (released > 0) options.logger.info({ notifications: released }, 'resuming notifications left sending by a previous process');
      }
      worker.start();
    },
    stop: (timeoutMs) => worker.stop(timeoutMs),
  };
}
