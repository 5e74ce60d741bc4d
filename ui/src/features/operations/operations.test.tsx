import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { HealthTable } from './health-section';
import type { Plugin } from './operations-api';
import { PluginsSection } from './plugins-section';
import { sectionsFor } from './sections';

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
    await userEvent.setup().click(screen.getByRole('button', { name: 'Settings of @dwc/plugin-mail' }));
    expect(screen.getByRole('dialog', { name: 'Settings of @dwc/plugin-mail' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: /host/ })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'port' })).toBeTruthy();
  });

  it('gives viewers no enable, disable or settings buttons', () => {
    render(wrap(<PluginsSection plugins={plugins} canAdmin={false} />));
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('hides users and the audit log from viewers and editors', () => {
    expect(sectionsFor('viewer').map((s) => s.id)).toEqual(['health', 'plugins', 'keys']);
    expect(sectionsFor('editor').map((s) => s.id)).toEqual(['health', 'plugins', 'keys']);
    expect(sectionsFor('admin').map((s) => s.id)).toEqual(['health', 'plugins', 'keys', 'users', 'audit']);
  });

  it('shows each dependency with its status', () => {
    render(<HealthTable health={{ status: 'degraded', checks: [{ name: 'database', status: 'ok', latency_ms: 2 }, { name: 'queue', status: 'down', latency_ms: 5, detail: 'redis refused' }] }} />);
    expect(screen.getByRole('row', { name: /queue/ }).textContent).toContain('Down');
    expect(screen.getByRole('row', { name: /queue/ }).textContent).toContain('redis refused');
  });
});
