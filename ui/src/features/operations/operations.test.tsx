import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { HealthTable } from './health-section';
import type { Plugin } from './operations-api';
import { PluginsSection } from './plugins-section';
import { sectionsFor } from './sections';
import { TasksView } from './tasks-section';

const plugins: Plugin[] = [
  {
    name: '@dwc/plugin-mail',
    version: '1.0.0',
    description: 'Sends e-mail',
    kinds: ['action'],
    state: 'active',
    config_schema: { type: 'object', properties: { host: { type: 'string' }, port: { type: 'integer' } }, required: ['host'] },
  },
  { name: '@dwc/plugin-broken', version: '0.1.0', description: '', kinds: [], state: 'failed', error: 'needs SDK 2', error_code: 'plugin_api_version_mismatch' },
];

const wrap = (node: React.ReactNode) => <QueryClientProvider client={new QueryClient()}>{node}</QueryClientProvider>;

describe('operations', () => {
  it('shows why a plugin failed, and draws its settings form from config_schema alone', async () => {
    render(wrap(<PluginsSection plugins={plugins} canAdmin />));
    expect(screen.getByRole('row', { name: /plugin-broken/ }).textContent).toContain('plugin_api_version_mismatch: needs SDK 2');
    expect(screen.getByRole('button', { name: 'Disable @dwc/plugin-mail' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Settings of @dwc/plugin-broken' })).toBeNull();
    // The form opens on the stored settings, so saving one field keeps the others.
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(JSON.stringify({ host: 'smtp.example.com' }), { status: 200, headers: { 'content-type': 'application/json' } }));
    await userEvent.setup().click(screen.getByRole('button', { name: 'Settings of @dwc/plugin-mail' }));
    expect(screen.getByRole('dialog', { name: 'Settings of @dwc/plugin-mail' })).toBeTruthy();
    expect(await screen.findByRole('textbox', { name: /host/ })).toBeTruthy();
    expect(String(fetchMock.mock.calls[0]![0])).toContain('/config');
    fetchMock.mockRestore();
    expect(screen.getByRole('textbox', { name: 'port' })).toBeTruthy();
  });

  it('gives viewers no enable, disable or settings buttons', () => {
    render(wrap(<PluginsSection plugins={plugins} canAdmin={false} />));
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('hides users and the audit log from viewers and editors', () => {
    expect(sectionsFor('viewer').map((s) => s.id)).toEqual(['health', 'plugins', 'keys', 'tasks']);
    expect(sectionsFor('editor').map((s) => s.id)).toEqual(['health', 'plugins', 'keys', 'tasks']);
    expect(sectionsFor('admin').map((s) => s.id)).toEqual(['health', 'plugins', 'keys', 'tasks', 'users', 'audit']);
  });

  it('shows each dependency with its status', () => {
    render(<HealthTable health={{ status: 'degraded', checks: [{ name: 'database', status: 'ok', latency_ms: 2 }, { name: 'queue', status: 'down', latency_ms: 5, detail: 'redis refused' }] }} />);
    expect(screen.getByRole('row', { name: /queue/ }).textContent).toContain('Down');
    expect(screen.getByRole('row', { name: /queue/ }).textContent).toContain('redis refused');
  });

  it('counts tasks per state and offers cancel only on live tasks, to editors and up', () => {
    const task = { id: 't1', name: 'reindex', task_type: 'documents.reindex', status: 'running' as const, error: null, attempts: 1, cancel_requested: false, created_at: '2026-01-01T00:00:00Z' };
    const done = { ...task, id: 't2', name: 'export', status: 'succeeded' as const };
    const stats = { tasks: { queued: 0, running: 1, succeeded: 1, failed: 0, cancelled: 0 }, worker: { id: 'w', concurrency: 4, active: 1 } };
    const cancelled: string[] = [];
    const { rerender } = render(<TasksView tasks={[task, done]} stats={stats} canCancel onCancel={(id) => cancelled.push(id)} />);
    expect(screen.getByText('1 of 4 slots busy')).toBeTruthy();
    screen.getByRole('button', { name: 'Cancel reindex' }).click();
    expect(cancelled).toEqual(['t1']);
    expect(screen.queryByRole('button', { name: 'Cancel export' })).toBeNull();
    rerender(<TasksView tasks={[task]} stats={stats} canCancel={false} onCancel={() => {}} />);
    expect(screen.queryByRole('button')).toBeNull();
  });
});
