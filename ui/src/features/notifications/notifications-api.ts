import type { PushSubscriptionBody } from './browser-push';
import { api } from '../../lib/api-client';
import type { I18nTexts } from '../../lib/localized';

export const NOTIFICATION_STATUSES = ['queued', 'sending', 'delivered', 'failed', 'uncertain'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export interface StoredError {
  code: string;
  message: string;
}

export interface Notification {
  id: string;
  channel: string;
  recipient: string;
  status: NotificationStatus;
  priority: 'low' | 'normal' | 'high' | 'critical';
  subject: string | null;
  message: string;
  attempts: number;
  max_attempts: number;
  next_attempt_at: string | null;
  provider_message_id: string | null;
  last_error: StoredError | null;
  template_id: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface DeliveryAttempt {
  attempt: number;
  status: 'in_flight' | 'delivered' | 'accepted' | 'failed' | 'interrupted' | 'may_have_been_delivered';
  started_at: string;
  finished_at: string | null;
  provider_message_id: string | null;
  error: StoredError | null;
  http_status: number | null;
  retry_after_ms: number | null;
}

export interface InboxMessage {
  id: string;
  notification_id: string;
  subject: string | null;
  message: string;
  created_at: string;
  read_at: string | null;
}

export interface Channel {
  type: string;
  title: string;
  description: string;
  plugin: string;
  idempotent: boolean;
  /** Texts in other languages (`es`): name, description (and a template's inputs). */
  i18n?: I18nTexts;
  testable: boolean;
}

export interface Template {
  id: string;
  version: number;
  name: string;
  channel: string;
  subject: string | null;
  body: string;
  html: string | null;
  variables: string[] | null;
  sample_data: Record<string, unknown> | null;
  created_at: string;
}

export interface TemplateInput {
  name: string;
  channel: string;
  subject: string | null;
  body: string;
  html: string | null;
  variables: string[] | null;
  sample_data: Record<string, unknown> | null;
}

export interface Rendered {
  subject: string | null;
  body: string;
  html: string | null;
}

export interface StoredPushSubscription {
  id: string;
  endpoint: string;
  created_at: string;
  user_agent: string | null;
}

const enc = encodeURIComponent;

/** Rows per history page. */
export const HISTORY_PAGE = 50;

export const notificationsApi = {
  inbox: (signal?: AbortSignal) => api<{ items: InboxMessage[]; unread_count: number }>('/api/v3/notifications/inbox', { query: { limit: 100 }, signal }),
  unreadCount: (signal?: AbortSignal) => api<{ unread_count: number }>('/api/v3/notifications/inbox/unread-count', { signal }).then((r) => r.unread_count),
  markRead: (id: string) => api<InboxMessage & { unread_count: number }>(`/api/v3/notifications/inbox/${enc(id)}/read`, { method: 'POST', body: {} }),
  markAllRead: () => api<{ marked: number }>('/api/v3/notifications/inbox/read-all', { method: 'POST', body: {} }),
  /** One page of history, newest first; `before` is the previous page's `next_before`. */
  history: (filters: { channel?: string; status?: string; recipient?: string }, before: string | undefined, signal?: AbortSignal) =>
    api<{ items: Notification[]; next_before: string | null }>('/api/v3/notifications', { query: { ...filters, limit: HISTORY_PAGE, ...(before ? { before } : {}) }, signal }),
  get: (id: string, signal?: AbortSignal) => api<Notification & { delivery_attempts: DeliveryAttempt[] }>(`/api/v3/notifications/${enc(id)}`, { signal }),
  channels: (signal?: AbortSignal) => api<{ items: Channel[] }>('/api/v3/notifications/channels', { signal }).then((r) => r.items),
  testChannel: (type: string) => api<{ channel: string; ok: boolean; detail: string | null }>(`/api/v3/notifications/channels/${enc(type)}/test`, { method: 'POST', body: {} }),
  templates: (signal?: AbortSignal) => api<{ items: Template[] }>('/api/v3/notifications/templates', { signal }).then((r) => r.items),
  createTemplate: (input: TemplateInput) => api<Template>('/api/v3/notifications/templates', { method: 'POST', body: input }),
  templateVersions: (id: string, signal?: AbortSignal) => api<{ items: Template[] }>(`/api/v3/notifications/templates/${enc(id)}/versions`, { signal }).then((r) => r.items),
  updateTemplate: (id: string, input: TemplateInput) => api<Template>(`/api/v3/notifications/templates/${enc(id)}`, { method: 'PUT', body: input }),
  pushPublicKey: (signal?: AbortSignal) => api<{ public_key: string }>('/api/v3/notifications/push/public-key', { signal }).then((r) => r.public_key),
  pushSubscriptions: (signal?: AbortSignal) => api<{ items: StoredPushSubscription[] }>('/api/v3/notifications/push/subscriptions', { signal }).then((r) => r.items),
  savePushSubscription: (body: PushSubscriptionBody) => api<StoredPushSubscription>('/api/v3/notifications/push/subscriptions', { method: 'POST', body }),
  deletePushSubscription: (id: string) => api<void>(`/api/v3/notifications/push/subscriptions/${enc(id)}`, { method: 'DELETE' }),
  preview: (input: { subject: string | null; body: string; html: string | null; data: Record<string, unknown> }) =>
    api<Rendered>('/api/v3/notifications/templates/preview', { method: 'POST', body: input }),
};
