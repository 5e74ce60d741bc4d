import { createHash } from 'node:crypto';
import { InputError, NotFoundError, type ChannelPushSubscriptions } from '@dwc/sdk';
import { newId } from '../storage/new-id.js';
import type { SqlClient } from '../storage/sql-client.js';

export interface PushSubscriptionRecord {
  id: string;
  userId: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  userAgent: string | null;
  createdAt: Date;
}

export type PushSubscriptionStore = ReturnType<typeof createPushSubscriptionStore>;

const hash = (endpoint: string) => createHash('sha256').update(endpoint).digest('hex');

/** Browsers' Web Push subscriptions per user; one row per endpoint (subscribing again updates it). */
export function createPushSubscriptionStore(sql: SqlClient) {
  const toRecord = (row: Record<string, unknown>): PushSubscriptionRecord => ({
    id: row.id as string,
    userId: row.user_id as string,
    endpoint: row.endpoint as string,
    keys: { p256dh: row.p256dh as string, auth: row.auth as string },
    userAgent: (row.user_agent as string | null) ?? null,
    createdAt: sql.fromDate(row.created_at)!,
  });
  return {
    async save(userId: string, subscription: { endpoint: string; keys: { p256dh: string; auth: string } }, userAgent: string | null): Promise<PushSubscriptionRecord> {
      const endpointHash = hash(subscription.endpoint);
      await sql.run(
        `INSERT INTO push_subscriptions (id, user_id, endpoint, endpoint_hash, p256dh, auth, user_agent, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (endpoint_hash) DO UPDATE SET user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth, user_agent = excluded.user_agent`,
        [newId(), userId, subscription.endpoint, endpointHash, subscription.keys.p256dh, subscription.keys.auth, userAgent, new Date()],
      );
      return toRecord((await sql.get('SELECT * FROM push_subscriptions WHERE endpoint_hash = ?', [endpointHash]))!);
    },
    async listForUser(userId: string): Promise<PushSubscriptionRecord[]> {
      return (await sql.all('SELECT * FROM push_subscriptions WHERE user_id = ? ORDER BY id', [userId])).map(toRecord);
    },
    async delete(userId: string, id: string): Promise<void> {
      if ((await sql.run('DELETE FROM push_subscriptions WHERE id = ? AND user_id = ?', [id, userId])) === 0) {
        throw new NotFoundError(`No push subscription ${id} of yours.`, { code: 'push_subscription_not_found' });
      }
    },
    /** After the push service answered 410 Gone: the browser dropped it. */
    deleteByEndpoint: (endpoint: string) => sql.run('DELETE FROM push_subscriptions WHERE endpoint_hash = ?', [hash(endpoint)]),
    /** What the `push` channel sees: a user's subscriptions by user id or e-mail, and removal of a gone one. */
    forChannel(resolveUser: (recipient: string) => Promise<string | undefined>): ChannelPushSubscriptions {
      return {
        list: async (recipient) => {
          const userId = await resolveUser(recipient);
          if (userId === undefined) throw new InputError(`No user has the id or e-mail "${recipient}"; push messages go to existing users.`, { code: 'push_recipient_unknown' });
          return (await sql.all('SELECT endpoint, p256dh, auth FROM push_subscriptions WHERE user_id = ? ORDER BY id', [userId])).map((row) => ({
            endpoint: row.endpoint as string, keys: { p256dh: row.p256dh as string, auth: row.auth as string },
          }));
        },
        remove: async (endpoint) => void (await sql.run('DELETE FROM push_subscriptions WHERE endpoint_hash = ?', [hash(endpoint)])),
      };
    },
  };
}
