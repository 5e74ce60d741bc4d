import { ChannelDeliveryError, defineChannel, InputError, type ChannelMessage } from '@dwc/sdk';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventBus } from '../events/event-bus.js';
import { createRegistries } from '../plugin-host/registries.js';
import { openDatabase, type Database } from '../storage/index.js';
import { sqlClientOf } from '../storage/sql-client.js';
import { openTestDatabase, type TestDatabase } from '../storage/test-support/open-test-database.js';
import { createNotifyRuntime, type NotifyRuntime, type NotifySettings } from './create-notify.js';
import type { NotificationRecord } from './notification-types.js';

const logger = pino({ level: 'silent' });
const settings: NotifySettings = { notifyConcurrency: 8, notifyMaxAttempts: 3, notifyRetrySchedule: [0, 30, 30], notifySendTimeoutMs: 2_000, notifyLeaseMs: 4_000 };

async function until<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A channel whose behaviour each test scripts; `sent` keeps every call in order. */
function scriptedChannel(type: string, idempotent: boolean) {
  const sent: ChannelMessage[] = [];
  let behaviour: (message: ChannelMessage) => Promise<void> = async () => undefined;
  const definition = defineChannel({
    type,
    title: type,
    description: 'scripted for tests',
    idempotent,
    async send(message) {
      sent.push(message);
      await behaviour(message);
      return { status: 'delivered', providerMessageId: `p-${message.id}-${message.attempt}` };
    },
  });
  return { definition, sent, script: (next: typeof behaviour) => void (behaviour = next) };
}

describe.each(['sqlite', 'postgres'] as const)('the notification outbox on %s', (dialect) => {
  let db: TestDatabase;
  let notify: NotifyRuntime;
  const safe = scriptedChannel('safe', true);
  const once = scriptedChannel('once', false);
  const registries = createRegistries();
  registries.channels.register(safe.definition, 'test');
  registries.channels.register(once.definition, 'test');
  const short = defineChannel({
    type: 'short', title: 'short', description: 'takes ten characters at most', idempotent: true,
    checkMessage: (message) => {
      if (message.message.length > 10) throw new InputError(`"${message.message}" is over 10 characters.`, { code: 'invalid_input' });
    },
    send: async () => ({ status: 'delivered' }),
  });
  registries.channels.register(short, 'test');

  const make = (database: Database, workerId: string, config: NotifySettings = settings) =>
    createNotifyRuntime({ sql: sqlClientOf(database), config, registries, events: createEventBus(logger), logger, workerId });
  const settled = (id: string) => until(async () => {
    const row = await notify.outbox.get(id);
    return row && !['queued', 'sending'].includes(row.status) ? row : undefined;
  });

  beforeAll(async () => {
    db = await openTestDatabase(dialect);
    await db.database.migrate();
    notify = make(db.database, 'w1');
  });
  afterAll(async () => {
    await notify.stop(1_000);
    await db.cleanup();
  });

  it('commits the row and an in-flight attempt before the channel is called', async () => {
    const seen: { status?: string; attempts?: string[] } = {};
    safe.script(async (message) => {
      // A separate connection sees only committed data on Postgres; on SQLite the claim resolved after its COMMIT.
      seen.status = (await notify.outbox.get(message.id))?.status;
      seen.attempts = (await notify.outbox.attempts(message.id)).map((a) => a.status);
    });
    const { notification } = await notify.service.send({ channel: 'safe', recipient: 'a', message: 'hi', data: {}, priority: 'normal' }, { actor: null });
    expect(notification.status).toBe('queued');
    expect(await notify.outbox.get(notification.id)).toMatchObject({ status: 'queued', attempts: 0 });
    await notify.start();
    const done = await settled(notification.id);
    expect(seen).toEqual({ status: 'sending', attempts: ['in_flight'] });
    expect(done).toMatchObject({ status: 'delivered', providerMessageId: `p-${notification.id}-1`, attempts: 1 });
    const [attempt] = (await notify.service.get(notification.id)).attempts;
    expect(attempt).toMatchObject({ attempt: 1, status: 'delivered', providerMessageId: `p-${notification.id}-1` });
    expect(attempt!.finishedAt).not.toBeNull();
    await notify.stop(1_000);
  });

  it("retries a retryable failure no sooner than the provider's Retry-After and records every attempt", async () => {
    let calls = 0;
    const failedAt: number[] = [];
    safe.script(async () => {
      if (++calls === 1) {
        failedAt.push(Date.now());
        throw new ChannelDeliveryError('rate limited', { code: 'channel_rate_limited', retryable: true, retryAfterMs: 400, httpStatus: 429 });
      }
    });
    await notify.start();
    const { notification } = await notify.service.send({ channel: 'safe', recipient: 'b', message: 'hi', data: {}, priority: 'normal' }, { actor: null });
    const done = await settled(notification.id);
    expect(done.status).toBe('delivered');
    const { attempts } = await notify.service.get(notification.id);
    expect(attempts.map((a) => [a.attempt, a.status, a.httpStatus, a.retryAfterMs])).toEqual([[1, 'failed', 429, 400], [2, 'delivered', null, null]]);
    expect(attempts[0]!.error).toEqual({ code: 'channel_rate_limited', message: 'rate limited' });
    expect(attempts[1]!.startedAt.getTime() - failedAt[0]!).toBeGreaterThanOrEqual(390);
    await notify.stop(1_000);
  });

  it("holds a recipient a provider answered 429 until its Retry-After, while others are still delivered", async () => {
    const sentAt = new Map<string, number[]>();
    let limited = false;
    safe.script(async (message) => {
      sentAt.set(message.recipient, [...(sentAt.get(message.recipient) ?? []), Date.now()]);
      if (message.recipient === 'busy' && !limited) {
        limited = true;
        throw new ChannelDeliveryError('slow down', { code: 'channel_rate_limited', retryable: true, retryAfterMs: 1_500, httpStatus: 429 });
      }
    });
    await notify.start();
    const send = (recipient: string, message = 'x') => notify.service.send({ channel: 'safe', recipient, message, data: {}, priority: 'normal' }, { actor: null });
    const first = await send('busy');
    await until(async () => (await notify.service.get(first.notification.id)).attempts[0]?.status === 'failed');
    const limitedAt = sentAt.get('busy')![0]!;
    const later = await Promise.all(['one', 'two', 'three'].map((text) => send('busy', text)));
    const free = await send('free');
    expect(await settled(free.notification.id)).toMatchObject({ status: 'delivered' });
    for (const { notification } of [first, ...later]) expect(await settled(notification.id)).toMatchObject({ status: 'delivered' });
    const busy = sentAt.get('busy')!;
    expect(busy).toHaveLength(5);
    expect(Math.min(...busy.slice(1))).toBeGreaterThanOrEqual(limitedAt + 1_490);
    expect(sentAt.get('free')![0]!).toBeLessThan(limitedAt + 1_490);
    // A row put back unsent keeps no attempt of its own.
    for (const { notification } of later) expect((await notify.service.get(notification.id)).attempts.map((a) => a.status)).toEqual(['delivered']);
    await notify.stop(1_000);

    const queued = await Promise.all([send('held'), send('held', 'y'), send('not-held')]);
    const until_ = Date.now() + 60_000;
    expect(await notify.outbox.holdRecipient('safe', 'held', until_)).toBe(2);
    const rows = await Promise.all(queued.map(({ notification }) => notify.outbox.get(notification.id)));
    expect(rows.map((row) => row!.nextAttemptAt.getTime() === until_)).toEqual([true, true, false]);
  });

  it('gives up after the last attempt of the schedule, and at once on a failure that is not retryable', async () => {
    safe.script(async (message) => {
      if (message.recipient === 'final') throw new ChannelDeliveryError('bad address', { retryable: false, httpStatus: 400 });
      throw new ChannelDeliveryError('down', { retryable: true, httpStatus: 503 });
    });
    await notify.start();
    const retried = await notify.service.send({ channel: 'safe', recipient: 'down', message: 'x', data: {}, priority: 'normal' }, { actor: null });
    const final = await notify.service.send({ channel: 'safe', recipient: 'final', message: 'x', data: {}, priority: 'normal' }, { actor: null });
    expect(await settled(retried.notification.id)).toMatchObject({ status: 'failed', attempts: 3, lastError: { code: 'channel_delivery_failed', message: 'down' } });
    expect((await notify.service.get(retried.notification.id)).attempts.map((a) => a.status)).toEqual(['failed', 'failed', 'failed']);
    expect(await settled(final.notification.id)).toMatchObject({ status: 'failed', attempts: 1 });
    await notify.stop(1_000);
  });

  it('delivers critical notifications before those queued earlier', async () => {
    const order: string[] = [];
    safe.script(async (message) => void order.push(message.recipient));
    const low = [1, 2, 3, 4, 5].map((n) => ({ channel: 'safe', recipient: `normal-${n}`, message: 'x', data: {}, priority: 'normal' as const }));
    for (const request of low) await notify.service.send(request, { actor: null });
    await notify.service.send({ channel: 'safe', recipient: 'urgent', message: 'x', data: {}, priority: 'critical' }, { actor: null });
    const single = make(db.database, 'w-single', { ...settings, notifyConcurrency: 1 });
    await single.start();
    await until(async () => order.length === 6);
    await single.stop(1_000);
    expect(order[0]).toBe('urgent');
  });

  it('queues one row per idempotency key and refuses a key reused for another message', async () => {
    const request = { channel: 'safe', recipient: 'c', message: 'x', data: {}, priority: 'normal' as const, idempotency_key: `key-${dialect}` };
    const first = await notify.service.send(request, { actor: null });
    const again = await notify.service.send(request, { actor: null });
    expect(again).toMatchObject({ created: false, notification: { id: first.notification.id } });
    await expect(notify.service.send({ ...request, recipient: 'someone else' }, { actor: null })).rejects.toMatchObject({ code: 'idempotency_key_reused' });
    await expect(notify.service.send({ ...request, message: 'another text' }, { actor: null })).rejects.toMatchObject({ code: 'idempotency_key_reused', details: { id: first.notification.id } });
    await expect(notify.service.send({ ...request, subject: 'a subject now' }, { actor: null })).rejects.toMatchObject({ code: 'idempotency_key_reused' });
    expect((await notify.outbox.list({ recipient: 'c', limit: 10 })).filter((n) => n.idempotencyKey === request.idempotency_key)).toHaveLength(1);
    const bulk = { channel: 'safe', recipients: ['x1', 'x2', 'x1'], message: 'x', data: {}, priority: 'normal' as const, idempotency_key: `bulk-${dialect}` };
    const sent = await notify.service.sendBulk(bulk, { actor: null });
    expect(sent.notifications.map((n) => n.created)).toEqual([true, true]);
    const repeated = await notify.service.sendBulk(bulk, { actor: null });
    expect(repeated.notifications.map((n) => [n.created, n.notification.id])).toEqual(sent.notifications.map((n) => [false, n.notification.id]));
    await expect(notify.service.sendBulk({ ...bulk, message: 'changed' }, { actor: null })).rejects.toMatchObject({ code: 'idempotency_key_reused' });
  });

  it('refuses an unknown channel or a template variable the data lacks before anything is queued', async () => {
    await expect(notify.service.send({ channel: 'nope', recipient: 'a', message: 'x', data: {}, priority: 'normal' }, { actor: null })).rejects.toMatchObject({ code: 'channel_not_installed' });
    await notify.templates.create({ name: 'greet', channel: 'safe', subject: 'Hi {{ user.name }}', body: 'Order {{ order.id }} shipped' }, null);
    const failure = notify.service.send({ channel: 'safe', recipient: 'a', template: 'greet', data: { user: { name: 'Ann' } }, priority: 'normal' }, { actor: null });
    await expect(failure).rejects.toBeInstanceOf(InputError);
    await expect(failure).rejects.toMatchObject({ code: 'template_variable_missing', details: { variable: 'order' } });
    const ok = await notify.service.send({ channel: 'safe', recipient: 'a', template: 'greet', data: { user: { name: 'Ann' }, order: { id: 7 } }, priority: 'normal' }, { actor: null });
    expect(ok.notification).toMatchObject({ subject: 'Hi Ann', body: 'Order 7 shipped', templateVersion: 1 });
    const before = (await notify.outbox.list({ channel: 'short', limit: 10 })).length;
    await expect(notify.service.send({ channel: 'short', recipient: 'a', message: 'far too long a text', data: {}, priority: 'normal' }, { actor: null })).rejects.toMatchObject({
      code: 'invalid_input', details: { message: [expect.stringContaining('over 10 characters')] },
    });
    await expect(notify.service.sendBulk({ channel: 'short', recipients: ['a', 'b'], message: 'far too long a text', data: {}, priority: 'normal' }, { actor: null })).rejects.toBeInstanceOf(InputError);
    expect(await notify.outbox.list({ channel: 'short', limit: 10 })).toHaveLength(before);
    await expect(notify.service.send({ channel: 'short', recipient: 'a', message: 'fits', data: {}, priority: 'normal' }, { actor: null })).resolves.toMatchObject({ created: true });
  });

  it('after a crash mid-send, resends under the same key on an idempotent channel and marks the rest may-have-been-delivered', async () => {
    safe.script(async () => undefined);
    once.script(async () => undefined);
    const a = await notify.service.send({ channel: 'safe', recipient: 'crash-safe', message: 'x', data: {}, priority: 'normal' }, { actor: null });
    const b = await notify.service.send({ channel: 'once', recipient: 'crash-once', message: 'x', data: {}, priority: 'normal' }, { actor: null });
    // A worker that claims (writing in-flight attempts) and dies before finishing: its lease lapses at once.
    const dead = await notify.outbox.claim('dead-worker', 50, 1, () => true);
    expect(dead.map((claim) => claim.notification.id)).toEqual(expect.arrayContaining([a.notification.id, b.notification.id]));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const sentBefore = once.sent.length;
    await notify.start();
    expect(await settled(a.notification.id)).toMatchObject({ status: 'delivered', attempts: 2 });
    expect((await notify.service.get(a.notification.id)).attempts.map((x) => x.status)).toEqual(['interrupted', 'delivered']);
    expect(safe.sent.filter((m) => m.id === a.notification.id).map((m) => [m.attempt, m.idempotencyKey])).toEqual([[2, a.notification.idempotencyKey]]);
    const uncertain = await settled(b.notification.id);
    expect(uncertain).toMatchObject({ status: 'uncertain', attempts: 1, lastError: { code: 'may_have_been_delivered' } });
    expect((await notify.service.get(b.notification.id)).attempts.map((x) => x.status)).toEqual(['may_have_been_delivered']);
    expect(once.sent.length).toBe(sentBefore);
    await notify.stop(1_000);
  });
});

describe('the notification outbox on Postgres with two processes', () => {
  let db: TestDatabase;
  let second: Database;

  beforeAll(async () => {
    db = await openTestDatabase('postgres');
    await db.database.migrate();
    const url = (db.database.dataSource.options as { url: string }).url;
    second = await openDatabase({ databaseUrl: url, dataDir: '/nonexistent', logger });
  });
  afterAll(async () => {
    await second.close();
    await db.cleanup();
  });

  it('lets two workers claim disjoint rows so that each notification is delivered exactly once', async () => {
    const delivered: string[] = [];
    const registries = createRegistries();
    registries.channels.register(
      defineChannel({
        type: 'count',
        title: 'count',
        description: 'counts deliveries',
        idempotent: false,
        async send(message) {
          delivered.push(message.id);
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
          return { status: 'delivered' };
        },
      }),
      'test',
    );
    const on = (database: Database, workerId: string) =>
      createNotifyRuntime({ sql: sqlClientOf(database), config: settings, registries, events: createEventBus(logger), logger, workerId });
    const a = on(db.database, 'proc-a');
    const b = on(second, 'proc-b');
    const recipients = Array.from({ length: 300 }, (_, i) => `r${i}`);
    const { notifications } = await a.service.sendBulk({ channel: 'count', recipients, message: 'x', data: {}, priority: 'normal' }, { actor: null });
    await Promise.all([a.start(), b.start()]);
    await until(async () => delivered.length >= 300 && (await a.outbox.countByStatus()).delivered === 300);
    await Promise.all([a.stop(1_000), b.stop(1_000)]);
    expect(new Set(delivered).size).toBe(300);
    expect(delivered.length).toBe(300);
    const rows: NotificationRecord[] = await Promise.all(notifications.map((n) => a.outbox.get(n.notification.id).then((r) => r!)));
    const workers = new Set(rows.map((row) => row.lockedBy));
    expect(workers).toEqual(new Set(['proc-a', 'proc-b']));
  });
});
