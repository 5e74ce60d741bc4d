import { newId } from '../storage/new-id.js';
import { whereClause } from '../storage/where-clause.js';
import type { SqlClient, SqlQueries } from '../storage/sql-client.js';
import {
  priorityName,
  priorityRank,
  type AttemptRecord,
  type AttemptStatus,
  type ClaimedNotification,
  type NewNotification,
  type NotificationRecord,
  type NotificationStatus,
  type StoredError,
} from './notification-types.js';

export type OutboxStore = ReturnType<typeof createOutboxStore>;

/** Most rows one INSERT carries (14 parameters each). */
const INSERT_CHUNK = 100;

export interface AttemptOutcome {
  status: Extract<AttemptStatus, 'delivered' | 'accepted' | 'failed'>;
  providerMessageId?: string | null;
  error?: StoredError | null;
  httpStatus?: number | null;
  retryAfterMs?: number | null;
}

/**
 * The outbox over `notifications` and `notification_attempts`.
 *
 * A send is committed as rows (one per recipient and channel) before any attempt. A claim marks
 * rows `sending` under a lease and writes an `in_flight` attempt row in the same transaction, so
 * the attempt is on disk before the provider is called. On Postgres, `FOR UPDATE SKIP LOCKED` lets
 * several processes claim disjoint rows; a row whose lease ran out (its worker died) is claimed
 * again, and its `in_flight` attempt tells the claimer that a send may have happened: a channel
 * that drops repeats (idempotent) sends again under the same key; any other is marked `uncertain`.
 */
export function createOutboxStore(sql: SqlClient) {
  const list = (n: number) => Array.from({ length: n }, () => '?').join(', ');
  const due = `SELECT id FROM notifications WHERE (status = 'queued' AND next_attempt_at <= ?) OR (status = 'sending' AND locked_until < ?)
       ORDER BY priority DESC, next_attempt_at ASC, id ASC LIMIT ? FOR UPDATE SKIP LOCKED`;
  const claimSql = `UPDATE notifications SET status = 'sending', locked_by = ?, locked_until = ?, attempts = attempts + 1, updated_at = ?
    WHERE id IN (${due}) RETURNING *`;
  // SQLite cannot walk one index in "priority DESC, next_attempt_at ASC" order, so a single query
  // sorts every due row on each claim (quadratic over a large backlog). Instead: rows whose lease
  // ran out, then each priority from the highest, each an index range on
  // (status, priority, next_attempt_at) read in order and cut at the limit.
  const sqliteExpired = `SELECT id FROM notifications WHERE status = 'sending' AND locked_until < ? LIMIT ?`;
  const sqliteQueued = `SELECT id FROM notifications WHERE status = 'queued' AND priority = ? AND next_attempt_at <= ? ORDER BY next_attempt_at ASC LIMIT ?`;
  const ranksHighFirst = Object.values(priorityRank).sort((a, b) => b - a);
  const claimIds = (n: number) => `UPDATE notifications SET status = 'sending', locked_by = ?, locked_until = ?, attempts = attempts + 1, updated_at = ?
    WHERE id IN (${list(n)}) RETURNING *`;

  /** The due rows' ids on SQLite, best first: expired leases, then by priority and due time. */
  async function dueIdsSqlite(tx: SqlQueries, now: number, limit: number): Promise<string[]> {
    const ids = (await tx.all<{ id: string }>(sqliteExpired, [now, limit])).map((row) => row.id);
    for (const rank of ranksHighFirst) {
      if (ids.length >= limit) break;
      for (const row of await tx.all<{ id: string }>(sqliteQueued, [rank, now, limit - ids.length])) ids.push(row.id);
    }
    return ids;
  }

  const columns = `(id, channel, recipient, idempotency_key, priority, status, template_id, template_version, data, subject, body, html,
    attempts, max_attempts, next_attempt_at, batch_id, created_by, created_at, updated_at)`;

  const toRecord = (row: Record<string, unknown>): NotificationRecord => ({
    id: row.id as string,
    channel: row.channel as string,
    recipient: row.recipient as string,
    idempotencyKey: row.idempotency_key as string,
    priority: priorityName(sql.fromInt(row.priority)),
    status: row.status as NotificationStatus,
    templateId: (row.template_id as string | null) ?? null,
    templateVersion: row.template_version === null || row.template_version === undefined ? null : sql.fromInt(row.template_version),
    data: sql.fromJson<Record<string, unknown> | null>(row.data) ?? {},
    subject: (row.subject as string | null) ?? null,
    body: row.body as string,
    html: (row.html as string | null) ?? null,
    attempts: sql.fromInt(row.attempts),
    maxAttempts: sql.fromInt(row.max_attempts),
    nextAttemptAt: new Date(sql.fromInt(row.next_attempt_at)),
    lockedBy: (row.locked_by as string | null) ?? null,
    providerMessageId: (row.provider_message_id as string | null) ?? null,
    lastError: sql.fromJson<StoredError | null>(row.last_error),
    batchId: (row.batch_id as string | null) ?? null,
    createdBy: (row.created_by as string | null) ?? null,
    createdAt: sql.fromDate(row.created_at)!,
    updatedAt: sql.fromDate(row.updated_at)!,
    deliveredAt: sql.fromDate(row.delivered_at),
  });

  const toAttempt = (row: Record<string, unknown>): AttemptRecord => ({
    id: row.id as string,
    notificationId: row.notification_id as string,
    attempt: sql.fromInt(row.attempt),
    status: row.status as AttemptStatus,
    workerId: (row.worker_id as string | null) ?? null,
    providerMessageId: (row.provider_message_id as string | null) ?? null,
    error: row.error_code === null || row.error_code === undefined ? null : { code: row.error_code as string, message: (row.error_message as string | null) ?? '' },
    httpStatus: row.http_status === null || row.http_status === undefined ? null : sql.fromInt(row.http_status),
    retryAfterMs: row.retry_after_ms === null || row.retry_after_ms === undefined ? null : sql.fromInt(row.retry_after_ms),
    startedAt: sql.fromDate(row.started_at)!,
    finishedAt: sql.fromDate(row.finished_at),
  });


  async function insertChunk(tx: SqlQueries, rows: readonly NewNotification[], now: number): Promise<Map<string, string>> {
    const created = new Date(now);
    const params: unknown[] = [];
    for (const row of rows) {
      params.push(
        newId(now), row.channel, row.recipient, row.idempotencyKey, priorityRank[row.priority], 'queued', row.templateId ?? null,
        row.templateVersion ?? null, row.data, row.subject, row.body, row.html, 0, row.maxAttempts, now, row.batchId ?? null, row.createdBy ?? null,
        created, created,
      );
    }
    const values = rows.map(() => `(${list(19)})`).join(', ');
    const inserted = await tx.all<{ id: string; idempotency_key: string }>(
      `INSERT INTO notifications ${columns} VALUES ${values} ON CONFLICT (idempotency_key) DO NOTHING RETURNING id, idempotency_key`,
      params as never[],
    );
    return new Map(inserted.map((row) => [row.idempotency_key, row.id]));
  }

  return {
    /**
     * Adds notifications in one transaction, all or none. A row whose idempotency key is already
     * in the outbox is not added again: the existing row is returned with `created: false`.
     */
    async enqueue(rows: readonly NewNotification[]): Promise<{ record: NotificationRecord; created: boolean }[]> {
      const now = Date.now();
      const createdIds = await sql.transaction(async (tx) => {
        const ids = new Map<string, string>();
        for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
          for (const [key, id] of await insertChunk(tx, rows.slice(i, i + INSERT_CHUNK), now)) ids.set(key, id);
        }
        return ids;
      });
      const existing = rows.filter((row) => !createdIds.has(row.idempotencyKey)).map((row) => row.idempotencyKey);
      const found = new Map<string, NotificationRecord>();
      for (let i = 0; i < existing.length; i += 500) {
        const keys = existing.slice(i, i + 500);
        for (const row of await sql.all(`SELECT * FROM notifications WHERE idempotency_key IN (${list(keys.length)})`, keys)) {
          const record = toRecord(row);
          found.set(record.idempotencyKey, record);
        }
      }
      return rows.map((row) => {
        const id = createdIds.get(row.idempotencyKey);
        if (id === undefined) return { record: found.get(row.idempotencyKey)!, created: false };
        return {
          created: true,
          record: {
            id, channel: row.channel, recipient: row.recipient, idempotencyKey: row.idempotencyKey, priority: row.priority, status: 'queued',
            templateId: row.templateId ?? null, templateVersion: row.templateVersion ?? null, data: row.data, subject: row.subject, body: row.body,
            html: row.html, attempts: 0, maxAttempts: row.maxAttempts, nextAttemptAt: new Date(now), lockedBy: null, providerMessageId: null,
            lastError: null, batchId: row.batchId ?? null, createdBy: row.createdBy ?? null, createdAt: new Date(now), updatedAt: new Date(now), deliveredAt: null,
          },
        };
      });
    },

    /**
     * Claims up to `limit` due notifications for `workerId`, `critical` first, leased for `leaseMs`,
     * and writes an `in_flight` attempt for each. One cut short by a crash is resent when
     * `idempotent(channel)` says its channel drops repeats, else it is marked `uncertain` and not returned.
     */
    async claim(workerId: string, limit: number, leaseMs: number, idempotent: (channel: string) => boolean): Promise<ClaimedNotification[]> {
      return sql.transaction(async (tx) => {
        const now = Date.now();
        const started = new Date(now);
        let rows: NotificationRecord[];
        if (sql.dialect === 'postgres') rows = (await tx.all(claimSql, [workerId, now + leaseMs, started, now, now, limit])).map(toRecord);
        else {
          const ids = await dueIdsSqlite(tx, now, limit);
          rows = ids.length === 0 ? [] : (await tx.all(claimIds(ids.length), [workerId, now + leaseMs, started, ...ids])).map(toRecord);
        }
        if (rows.length === 0) return [];
        const cut = await tx.all<{ id: string; notification_id: string }>(
          `SELECT id, notification_id FROM notification_attempts WHERE status = 'in_flight' AND notification_id IN (${list(rows.length)})`,
          rows.map((row) => row.id),
        );
        const interrupted = new Map(cut.map((row) => [row.notification_id, row.id]));
        const claimed: ClaimedNotification[] = [];
        for (const row of rows) {
          const previous = interrupted.get(row.id);
          if (previous !== undefined && !idempotent(row.channel)) {
            const error: StoredError = {
              code: 'may_have_been_delivered',
              message: 'The process stopped while this message was being sent; it may have been delivered, so it was not sent again.',
            };
            await tx.run(`UPDATE notification_attempts SET status = 'may_have_been_delivered', error_code = ?, error_message = ?, finished_at = ? WHERE id = ?`, [
              error.code, error.message, started, previous,
            ]);
            await tx.run(
              `UPDATE notifications SET status = 'uncertain', attempts = attempts - 1, last_error = ?, locked_by = NULL, locked_until = NULL WHERE id = ?`,
              [error, row.id],
            );
            continue;
          }
          if (previous !== undefined) {
            await tx.run(`UPDATE notification_attempts SET status = 'interrupted', error_code = ?, error_message = ?, finished_at = ? WHERE id = ?`, [
              'interrupted', 'The process stopped during this attempt; sent again under the same idempotency key.', started, previous,
            ]);
          }
          claimed.push({ notification: row, attemptId: newId(now), attempt: row.attempts });
        }
        // Every attempt row in one INSERT per chunk, in the claim's transaction: on disk before any send.
        for (let i = 0; i < claimed.length; i += INSERT_CHUNK) {
          const chunk = claimed.slice(i, i + INSERT_CHUNK);
          await tx.run(
            `INSERT INTO notification_attempts (id, notification_id, attempt, status, worker_id, started_at) VALUES ${chunk.map(() => "(?, ?, ?, 'in_flight', ?, ?)").join(', ')}`,
            chunk.flatMap((claim) => [claim.attemptId, claim.notification.id, claim.attempt, workerId, started]),
          );
        }
        return claimed.sort((a, b) => priorityRank[b.notification.priority] - priorityRank[a.notification.priority]);
      });
    },

    /**
     * Records how an attempt ended and moves the notification on: `delivered`, back to `queued`
     * for `retryAt`, or `failed`. False when this worker no longer held it (its lease was taken over).
     */
    async finish(claim: ClaimedNotification, workerId: string, outcome: AttemptOutcome, next: { retryAt?: number }): Promise<boolean> {
      const [held] = await sql.transaction((tx) => finishIn(tx, [{ claim, workerId, outcome, next }]));
      return held!;
    },

    /** `finish` for several attempts in one transaction (one COMMIT, one round trip per statement). */
    finishMany: (items: readonly FinishItem[]): Promise<boolean[]> => sql.transaction((tx) => finishIn(tx, items)),

    /**
     * Holds back a recipient that a provider rate-limited (429): its queued rows on that channel
     * wait until `until` instead of being sent into the same limit. Returns how many were held.
     */
    holdRecipient: (channel: string, recipient: string, until: number): Promise<number> =>
      sql.run(`UPDATE notifications SET next_attempt_at = ? WHERE recipient = ? AND channel = ? AND status = 'queued' AND next_attempt_at < ?`, [until, recipient, channel, until]),

    /**
     * Puts claimed rows back, unsent, to wait until `until` (their recipient is held): the claim's
     * attempt row is removed and its count undone, as if the row had not been claimed.
     */
    async defer(claims: readonly ClaimedNotification[], workerId: string, until: number): Promise<void> {
      if (claims.length === 0) return;
      await sql.transaction(async (tx) => {
        for (const claim of claims) {
          const changed = await tx.run(
            `UPDATE notifications SET status = 'queued', attempts = attempts - 1, next_attempt_at = ?, locked_by = NULL, locked_until = NULL, updated_at = ?
             WHERE id = ? AND locked_by = ? AND status = 'sending'`,
            [until, new Date(), claim.notification.id, workerId],
          );
          if (changed === 1) await tx.run('DELETE FROM notification_attempts WHERE id = ?', [claim.attemptId]);
        }
      });
    },

    /**
     * Makes every `sending` row claimable at once. Only for SQLite at start-up: one process owns
     * the file, so a row still marked `sending` was held by a process that died.
     */
    releaseAll: () => sql.run("UPDATE notifications SET locked_until = 0 WHERE status = 'sending'"),

    async get(id: string): Promise<NotificationRecord | undefined> {
      const row = await sql.get('SELECT * FROM notifications WHERE id = ?', [id]);
      return row ? toRecord(row) : undefined;
    },

    async attempts(notificationId: string): Promise<AttemptRecord[]> {
      return (await sql.all('SELECT * FROM notification_attempts WHERE notification_id = ? ORDER BY attempt ASC, started_at ASC', [notificationId])).map(toAttempt);
    },

    /** Newest first; `before` is the id of the last row of the previous page. */
    async list(filter: { channel?: string; status?: NotificationStatus; recipient?: string; batchId?: string; limit: number; before?: string }): Promise<NotificationRecord[]> {
      const where = whereClause([
        ['channel = ?', filter.channel], ['status = ?', filter.status], ['recipient = ?', filter.recipient], ['batch_id = ?', filter.batchId], ['id < ?', filter.before],
      ]);
      return (await sql.all(`SELECT * FROM notifications ${where.sql} ORDER BY id DESC LIMIT ?`, [...where.params, filter.limit])).map(toRecord);
    },

    /** Rows still to deliver (queued or sending), read from the claim index. */
    async pendingCount(): Promise<number> {
      const row = await sql.get<{ n: unknown }>("SELECT COUNT(*) AS n FROM notifications WHERE status IN ('queued', 'sending')");
      return sql.fromInt(row?.n ?? 0);
    },

    async countByStatus(): Promise<Record<NotificationStatus, number>> {
      const counts: Record<NotificationStatus, number> = { queued: 0, sending: 0, delivered: 0, failed: 0, uncertain: 0 };
      for (const row of await sql.all<{ status: NotificationStatus; n: unknown }>('SELECT status, COUNT(*) AS n FROM notifications GROUP BY status')) {
        counts[row.status] = sql.fromInt(row.n);
      }
      return counts;
    },
  };
}

export interface FinishItem {
  claim: ClaimedNotification;
  workerId: string;
  outcome: AttemptOutcome;
  next: { retryAt?: number };
}

/** Records how attempts ended and moves their notifications on; per item, false when the worker no longer held it. */
async function finishIn(tx: SqlQueries, items: readonly FinishItem[]): Promise<boolean[]> {
  const now = new Date();
  const held: boolean[] = [];
  for (const { claim, workerId, outcome, next } of items) {
    const error = outcome.error ?? null;
    await tx.run(
      `UPDATE notification_attempts SET status = ?, provider_message_id = ?, error_code = ?, error_message = ?, http_status = ?, retry_after_ms = ?, finished_at = ?
       WHERE id = ?`,
      [outcome.status, outcome.providerMessageId ?? null, error?.code ?? null, error?.message ?? null, outcome.httpStatus ?? null, outcome.retryAfterMs ?? null, now, claim.attemptId],
    );
    let changed: number;
    if (outcome.status !== 'failed') {
      changed = await tx.run(
        `UPDATE notifications SET status = 'delivered', provider_message_id = ?, last_error = NULL, delivered_at = ?, updated_at = ?, locked_until = NULL
         WHERE id = ? AND locked_by = ? AND status = 'sending'`,
        [outcome.providerMessageId ?? null, now, now, claim.notification.id, workerId],
      );
    } else if (next.retryAt !== undefined) {
      changed = await tx.run(
        `UPDATE notifications SET status = 'queued', next_attempt_at = ?, last_error = ?, updated_at = ?, locked_by = NULL, locked_until = NULL
         WHERE id = ? AND locked_by = ? AND status = 'sending'`,
        [next.retryAt, error, now, claim.notification.id, workerId],
      );
    } else {
      changed = await tx.run(
        `UPDATE notifications SET status = 'failed', last_error = ?, updated_at = ?, locked_until = NULL WHERE id = ? AND locked_by = ? AND status = 'sending'`,
        [error, now, claim.notification.id, workerId],
      );
    }
    held.push(changed === 1);
  }
  return held;
}
