import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { ChannelsPanel } from './channels-panel';
import { HistoryTable } from './history-panel';
import { InboxList } from './inbox-panel';
import type { Channel, InboxMessage, Notification } from './notifications-api';

const wrap = (node: React.ReactNode) => (
  <QueryClientProvider client={new QueryClient()}>
    <MemoryRouter>{node}</MemoryRouter>
  </QueryClientProvider>
);

const message = (id: string, read: boolean): InboxMessage => ({
  id, notification_id: `n-${id}`, subject: `Run ${id} failed`, message: 'Step fetch gave 500', created_at: '2026-12-04T10:00:00Z', read_at: read ? '2026-12-04T11:00:00Z' : null,
});

const sent = (status: Notification['status'], error: string | null): Notification => ({
  id: `id-${status}`, channel: 'webhook', recipient: `https://hooks.example/${status}`, status, priority: 'normal', subject: null, message: 'hello', attempts: 2, max_attempts: 8,
  next_attempt_at: null, provider_message_id: null, last_error: error ? { code: 'channel_http_error', message: error } : null, template_id: null, created_at: '2026-12-04T10:00:00Z', delivered_at: null,
});

const channels: Channel[] = [
  { type: 'email', title: 'E-mail', description: 'SMTP', plugin: '@dwc/plugin-notify-email', idempotent: false, testable: true },
];

describe('notifications', () => {
  it('offers "mark read" only on unread messages and reports which one', async () => {
    const onRead = vi.fn();
    render(wrap(<InboxList messages={[message('a', false), message('b', true)]} onRead={onRead} />));
    const buttons = screen.getAllByRole('button');
    expect(buttons).toHaveLength(1);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Mark read: Run a failed' }));
    expect(onRead).toHaveBeenCalledWith('a');
  });

  it('shows each send with its status in words, its attempts and why it failed', () => {
    render(wrap(<HistoryTable items={[sent('delivered', null), sent('failed', 'receiver answered 500'), sent('uncertain', 'cut short')]} onOpen={() => {}} />));
    expect(screen.getByRole('row', { name: /hooks.example\/failed/ }).textContent).toContain('Failed');
    expect(screen.getByRole('row', { name: /hooks.example\/failed/ }).textContent).toContain('receiver answered 500');
    expect(screen.getByRole('row', { name: /hooks.example\/uncertain/ }).textContent).toContain('May have been delivered');
    expect(screen.getByRole('row', { name: /hooks.example\/delivered/ }).textContent).toContain('2 of 8');
  });

  it('gives admins a check and a test send per channel, and others only the facts', () => {
    const { unmount } = render(wrap(<ChannelsPanel channels={channels} canAdmin />));
    expect(screen.getByRole('button', { name: 'Check settings: E-mail' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Recipient of a test on email' })).toBeTruthy();
    unmount();
    render(wrap(<ChannelsPanel channels={channels} canAdmin={false} />));
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(screen.getByText(/an interrupted send is marked/)).toBeTruthy();
  });
});
