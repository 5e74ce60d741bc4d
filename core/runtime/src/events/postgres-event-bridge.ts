import { randomBytes } from 'node:crypto';
import type { EventBus } from '@dwc/sdk';
import type { Logger } from 'pino';

/** Channel carrying lifecycle events between server processes. */
export const EVENTS_CHANNEL = 'dwc_events';
/** Channel telling other processes that jobs were queued. */
export const JOBS_CHANNEL = 'dwc_jobs';

/** Postgres NOTIFY payloads must stay under 8000 bytes. */
const MAX_PAYLOAD = 7_800;
const FLUSH_MS = 5;

/** Event types other processes need: what WebSocket clients watch, and what triggers follow. */
const FORWARDED = ['execution.', 'step.', 'ai.token', 'notification.', 'security.', 'workflow.trigger_changed', 'external.', 'document.', 'approval.'];

export interface PostgresEventBridge {
  /** Tells the other processes that jobs are waiting. */
  notifyJobs(): void;
  /** True while events from another process are being emitted on the local bus (handlers run synchronously). */
  receiving(): boolean;
  close(): Promise<void>;
}

/**
 * Carries events across server processes sharing one Postgres: local lifecycle events are sent
 * with NOTIFY (batched every few ms, each batch under the payload limit) and events from other
 * processes are emitted on the local bus, so a WebSocket client on process A sees a run on B.
 */
export async function startPostgresEventBridge(options: {
  databaseUrl: string;
  events: EventBus;
  logger: Logger;
  onJobsQueued: () => void;
}): Promise<PostgresEventBridge> {
  const origin = randomBytes(6).toString('hex');
  // Loaded here, not at the top: a SQLite process never needs pg (about 15 MB of RSS).
  const { default: pg } = await import('pg');
  const listener = new pg.Client({ connectionString: options.databaseUrl, application_name: 'dwc-events' });
  // Sends overlap (an event batch while a jobs notice is on its way): a pipelined connection takes
  // a query while others are in flight, where a plain one must not be given a query while busy.
  const sender = new pg.Client({ connectionString: options.databaseUrl, application_name: 'dwc-events', pipeline: true });
  await Promise.all([listener.connect(), sender.connect()]);
  let receiving = false;
  let closed = false;

  listener.on('notification', (message) => {
    if (!message.payload) return;
    if (message.channel === JOBS_CHANNEL) {
      if (message.payload !== origin) options.onJobsQueued();
      return;
    }
    try {
      const batch = JSON.parse(message.payload) as { origin: string; events: { type: string; payload: Record<string, unknown> }[] };
      if (batch.origin === origin) return;
      receiving = true;
      for (const event of batch.events) options.events.emit(event.type, event.payload);
    } catch (error) {
      options.logger.warn({ err: error }, 'ignored a malformed event notification');
    } finally {
      receiving = false;
    }
  });
  listener.on('error', (error) => options.logger.error({ err: error }, 'event listener connection failed; cross-process events stop until restart'));
  sender.on('error', (error) => options.logger.error({ err: error }, 'event sender connection failed'));
  await listener.query(`LISTEN ${EVENTS_CHANNEL}`);
  await listener.query(`LISTEN ${JOBS_CHANNEL}`);

  let pending: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  const sending = new Set<Promise<unknown>>();
  const flush = () => {
    timer = undefined;
    const events = pending;
    pending = [];
    let batch: string[] = [];
    let size = 0;
    const send = () => {
      if (batch.length === 0 || closed) return;
      const payload = `{"origin":"${origin}","events":[${batch.join(',')}]}`;
      const sent = sender.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, payload]).catch((error: unknown) => options.logger.warn({ err: error }, 'sending events to other processes failed'));
      sending.add(sent);
      void sent.finally(() => sending.delete(sent));
      batch = [];
      size = 0;
    };
    for (const event of events) {
      if (size + event.length + 1 > MAX_PAYLOAD) send();
      batch.push(event);
      size += event.length + 1;
    }
    send();
  };

  const off = options.events.on('*', (event) => {
    if (receiving || !FORWARDED.some((prefix) => event.type.startsWith(prefix))) return;
    let json = JSON.stringify({ type: event.type, payload: event.payload });
    if (json.length > MAX_PAYLOAD - 100) {
      const { output: _output, ...rest } = event.payload;
      json = JSON.stringify({ type: event.type, payload: { ...rest, output_truncated: true } });
      if (json.length > MAX_PAYLOAD - 100) return options.logger.warn({ type: event.type }, 'event too large to send to other processes');
    }
    pending.push(json);
    timer ??= setTimeout(flush, FLUSH_MS);
  });

  // A burst of enqueues sends one jobs notice, and one more if jobs came while it was on its way.
  let jobsNotice: Promise<unknown> | undefined;
  let jobsAgain = false;
  const sendJobsNotice = (): void => {
    jobsAgain = false;
    jobsNotice = sender.query('SELECT pg_notify($1, $2)', [JOBS_CHANNEL, origin]).catch(() => undefined).finally(() => {
      jobsNotice = undefined;
      if (jobsAgain && !closed) sendJobsNotice();
    });
  };

  return {
    receiving: () => receiving,
    notifyJobs() {
      if (closed) return;
      if (jobsNotice) jobsAgain = true;
      else sendJobsNotice();
    },
    async close() {
      off();
      if (timer) {
        clearTimeout(timer);
        flush();
      }
      closed = true;
      await Promise.allSettled([...sending, jobsNotice]);
      await Promise.allSettled([listener.end(), sender.end()]);
    },
  };
}
