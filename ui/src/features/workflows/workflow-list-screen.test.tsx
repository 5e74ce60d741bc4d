import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WorkflowListScreen } from './workflow-list-screen';
import type { WorkflowListItem } from './workflow-types';

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
const workflow = (id: string, name: string, last: WorkflowListItem['last_execution']): WorkflowListItem => ({
  id, name, version: 1, active: false, trigger: { type: 'manual' }, steps: [], created_at: '2026-12-01T00:00:00.000Z', updated_at: '2026-12-01T00:00:00.000Z', last_execution: last,
});

afterEach(() => vi.restoreAllMocks());

describe('the workflow list', () => {
  it("shows each workflow's last run from the list itself, with one request for the page", async () => {
    const items = [
      workflow('w1', 'Invoices', { id: 'e9', status: 'failed', created_at: '2026-12-05T10:00:00.000Z', started_at: '2026-12-05T10:00:01.000Z', finished_at: '2026-12-05T10:00:02.000Z' }),
      workflow('w2', 'Never ran', null),
    ];
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => json({ items, total: 2, limit: 200, offset: 0 }));
    render(
      <QueryClientProvider client={new QueryClient()}>
        <MemoryRouter>
          <WorkflowListScreen />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const invoices = (await screen.findByRole('link', { name: 'Invoices' })).closest('tr')!;
    const lastRun = within(invoices).getByRole('link', { name: /Failed/ });
    expect(lastRun.getAttribute('href')).toBe('/runs/e9');
    expect(within(lastRun).getByText((_, el) => el?.tagName === 'TIME').getAttribute('datetime')).toBe('2026-12-05T10:00:01.000Z');
    const never = screen.getByRole('link', { name: 'Never ran' }).closest('tr')!;
    expect(within(never).queryAllByRole('link')).toHaveLength(1);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(String(fetchMock.mock.calls[0]![0])).toMatch(/^\/api\/v3\/workflows\?/);
  });
});
