import { EntitySchema } from '../typeorm.js';

/** One in-app message in a user's inbox (`inbox_messages`); at most one per notification. */
export interface InboxMessageRow {
  id: string;
  userId: string;
  notificationId: string;
  subject: string | null;
  body: string;
  data: object | null;
  createdAt: Date;
  readAt: Date | null;
}

export const inboxMessageEntity = new EntitySchema<InboxMessageRow>({
  name: 'inbox_message',
  tableName: 'inbox_messages',
  columns: {
    id: { name: 'id', type: 'varchar', length: 26, primary: true },
    userId: { name: 'user_id', type: 'varchar', length: 26 },
    notificationId: { name: 'notification_id', type: 'varchar', length: 300, unique: true },
    subject: { name: 'subject', type: 'text', nullable: true },
    body: { name: 'body', type: 'text' },
    data: { name: 'data', type: 'jsonb', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    readAt: { name: 'read_at', type: 'timestamptz', nullable: true },
  },
  indices: [{ name: 'idx_inbox_messages_user', columns: ['userId', 'id'] }],
});
