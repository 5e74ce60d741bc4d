import { InputError, NotFoundError, type ChannelInbox } from '@dwc/sdk';
import { newId } from '../storage/new-id.js';
import type { SqlClient } from '../storage/sql-client.js';

export interface InboxMessage {
  id: string;
  userId: string;
  notificationId: string;
  subject: string | null;
  body: string;
  data: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

export type InboxStore = ReturnType<typeof createInboxStore>;

/** Each user's in-app messages; the `in_app` channel writes them through `ctx.inbox`. */
export function createInboxStore(sql: SqlClient) {
  const toMessage = (row: Record<string, unknown>): InboxMessage => ({
    id: row.id as string,
    userId: row.user_id as string,
    notificationId: row.notification_id as string,
    subject: (row.subject as string | null) ?? null,
    body: row.body as string,
    data: sql.fromJson<Record<string, unknown> | null>(row.data) ?? {},
    createdAt: sql.fromDate(row.created_at)!,
    readAt: sql.fromDate(row.read_at),
  });

  /** A user id, or an e-mail (compared case-insensitively). */
  async function resolveUser(recipient: string): Promise<string | undefined> {
    const row = await sql.get<{ id: string }>('SELECT id FROM users WHERE id = ? OR email_key = ?', [recipient, recipient.trim().toLowerCase()]);
    return row?.id;
  }

  const channelInbox: ChannelInbox = {
    async deliver(message) {
      const userId = await resolveUser(message.recipient);
      if (userId === undefined) {
        throw new InputError(`No user has the id or e-mail "${message.recipient}"; in-app messages go to existing users.`, { code: 'inbox_recipient_unknown' });
      }
      const id = newId();
      const inserted = await sql.all<{ id: string }>(
        `INSERT INTO inbox_messages (id, user_id, notification_id, subject, body, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (notification_id) DO NOTHING RETURNING id`,
        [id, userId, message.notificationId, message.subject ?? null, message.body, message.data, new Date()],
      );
      if (inserted.length === 1) return { messageId: id, userId, created: true };
      const existing = await sql.get<{ id: string; user_id: string }>('SELECT id, user_id FROM inbox_messages WHERE notification_id = ?', [message.notificationId]);
      return { messageId: existing!.id, userId: existing!.user_id, created: false };
    },
  };

  return {
    channelInbox,
    resolveUser,

    /** Newest first; `before` is the id of the last message of the previous page. */
    async list(userId: string, filter: { unreadOnly: boolean; limit: number; before?: string }): Promise<InboxMessage[]> {
      const clauses = ['user_id = ?'];
      const params: unknown[] = [userId];
      if (filter.unreadOnly) clauses.push('read_at IS NULL');
      if (filter.before !== undefined) {
        clauses.push('id < ?');
        params.push(filter.before);
      }
      const rows = await sql.all(`SELECT * FROM inbox_messages WHERE ${clauses.join(' AND ')} ORDER BY id DESC LIMIT ?`, [...params, filter.limit] as never[]);
      return rows.map(toMessage);
    },

    async unreadCount(userId: string): Promise<number> {
      const row = await sql.get<{ n: unknown }>('SELECT COUNT(*) AS n FROM inbox_messages WHERE user_id = ? AND read_at IS NULL', [userId]);
      return sql.fromInt(row?.n ?? 0);
    },

    /** Marks one of the user's messages read (again is harmless); another user's message is not found. */
    async markRead(userId: string, id: string): Promise<InboxMessage> {
      await sql.run('UPDATE inbox_messages SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL', [new Date(), id, userId]);
      const row = await sql.get('SELECT * FROM inbox_messages WHERE id = ? AND user_id = ?', [id, userId]);
      if (!row) throw new NotFoundError(`No message ${id} in your inbox.`, { code: 'inbox_message_not_found' });
      return toMessage(row);
    },

    async markAllRead(userId: string): Promise<number> {
      return sql.run('UPDATE inbox_messages SET read_at = ? WHERE user_id = ? AND read_at IS NULL', [new Date(), userId]);
    },
  };
}
