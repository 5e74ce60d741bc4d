import { EntitySchema } from '../typeorm.js';

/** A browser's Web Push subscription for one user (`push_subscriptions`); the endpoint is unique. */
export interface PushSubscriptionRow {
  id: string;
  userId: string;
  endpoint: string;
  endpointHash: string;
  p256dh: string;
  auth: string;
  userAgent: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export const pushSubscriptionEntity = new EntitySchema<PushSubscriptionRow>({
  name: 'push_subscription',
  tableName: 'push_subscriptions',
  columns: {
    id: { name: 'id', type: 'varchar', length: 26, primary: true },
    userId: { name: 'user_id', type: 'varchar', length: 26 },
    endpoint: { name: 'endpoint', type: 'text' },
    endpointHash: { name: 'endpoint_hash', type: 'varchar', length: 64, unique: true },
    p256dh: { name: 'p256dh', type: 'varchar', length: 200 },
    auth: { name: 'auth', type: 'varchar', length: 100 },
    userAgent: { name: 'user_agent', type: 'varchar', length: 300, nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    lastUsedAt: { name: 'last_used_at', type: 'timestamptz', nullable: true },
  },
  indices: [{ name: 'idx_push_subscriptions_user', columns: ['userId'] }],
});
