import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { ChannelsPanel } from './channels-panel';
import { HistoryTable } from './history-panel';
import { InboxList } from './inbox-panel';
import { notificationsApi, type Channel, type InboxMessage, type Notification, type Template } from './notifications-api';
import { TemplateEditor } from './template-editor';

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

  it('gives admins a settings dialog per channel with a check and a test send, and others only the facts', () => {
    const { unmount } = render(wrap(<ChannelsPanel channels={channels} canAdmin />));
    expect(screen.queryByRole('button', { name: 'Check settings: E-mail' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Settings and test: E-mail' }));
    const dialog = screen.getByRole('dialog', { name: 'E-mail: settings and test' });
    expect(within(dialog).getByRole('button', { name: 'Check settings: E-mail' })).toBeTruthy();
    expect(within(dialog).getByRole('textbox', { name: 'Recipient of a test on email' })).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'Send a test' })).toBeTruthy();
    unmount();
    render(wrap(<ChannelsPanel channels={channels} canAdmin={false} />));
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(screen.getByText(/an interrupted send is marked/)).toBeTruthy();
  });

  it('keeps the HTML body and variables when saving a new version, and lists the versions to load one', async () => {
    const version = (n: number, body: string): Template => ({
      id: 'tpl', version: n, name: 'run_failed', channel: 'email', subject: 'Run {{ run.id }}', body, html: `<p>${body}</p>`, variables: ['run'], sample_data: { run: { id: 1 } }, created_at: '2026-12-04T10:00:00Z',
    });
    vi.spyOn(notificationsApi, 'templateVersions').mockResolvedValue([version(1, 'first text'), version(2, 'second text')]);
    const update = vi.spyOn(notificationsApi, 'updateTemplate').mockImplementation(async (_id, input) => ({ ...version(3, input.body), ...input }) as Template);
    render(wrap(<TemplateEditor template={version(2, 'second text')} channels={['email']} canWrite onSaved={() => {}} />));
    expect((screen.getByRole('textbox', { name: 'HTML body (optional, e-mail)' }) as HTMLTextAreaElement).value).toBe('<p>second text</p>');
    expect((screen.getByRole('textbox', { name: /^Variables/ }) as HTMLInputElement).value).toBe('run');
    const versions = await screen.findByRole('region', { name: 'Versions' });
    await waitFor(() => expect(within(versions).getAllByRole('button').map((b) => b.textContent)).toEqual(['Version 2', 'Version 1']));
    fireEvent.click(within(versions).getByRole('button', { name: 'Version 1' }));
    expect((screen.getByRole('textbox', { name: /^Body/ }) as HTMLTextAreaElement).value).toBe('first text');
    fireEvent.change(screen.getByRole('textbox', { name: /^Variables/ }), { target: { value: 'run, user.name' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save as a new version' }));
    await waitFor(() => expect(update).toHaveBeenCalled());
    expect(update.mock.calls[0]![1]).toMatchObject({ body: 'first text', html: '<p>first text</p>', variables: ['run', 'user.name'] });
  });
});
