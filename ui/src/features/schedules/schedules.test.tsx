import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScheduleForm } from './schedule-form';
import { ScheduleHistory } from './schedule-history';
import { ScheduleTable } from './schedule-table';
import type { Schedule } from './schedules-api';

const wrap = (node: React.ReactNode) => (
  <QueryClientProvider client={new QueryClient()}>
    <MemoryRouter>{node}</MemoryRouter>
  </QueryClientProvider>
);
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

// Trimmed from the server's /openapi.json.
const common = { name: { type: 'string', minLength: 1, maxLength: 200 }, timezone: { type: 'string', default: 'UTC' } };
const openapi = {
  components: {
    schemas: {
      CronScheduleCreate: { type: 'object', properties: { ...common, cron_expression: { type: 'string', minLength: 1 } }, required: ['name', 'cron_expression'] },
      IntervalScheduleCreate: { type: 'object', properties: { ...common, interval_seconds: { type: 'integer', minimum: 1 } }, required: ['name', 'interval_seconds'] },
    },
  },
};

afterEach(() => vi.restoreAllMocks());

describe('the schedule form', () => {
  it('checks what the schema states before sending, beside each field', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => json(openapi));
    render(wrap(<ScheduleForm onCreated={() => {}} />));
    fireEvent.change(await screen.findByRole('combobox', { name: 'Repeats' }), { target: { value: 'interval' } });
    fireEvent.change(screen.getByRole('textbox', { name: /interval_seconds/ }), { target: { value: '0' } });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Create schedule' }));
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual(['required', 'must be at least 1', 'Some fields need fixing; see the messages beside them.']);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("posts to the kind's route and shows the API's field errors inline", async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async (url) =>
      String(url) === '/openapi.json' ? json(openapi) : json({ error: { code: 'invalid_schedule', message: 'Invalid cron schedule', details: { 'body.cron_expression': ['must have 5 fields (minute hour day month weekday) or 6 (with seconds first); got 2'] } } }, 400),
    );
    render(wrap(<ScheduleForm onCreated={() => {}} initial={{ name: 'Nightly', cron_expression: '0 2' }} />));
    await screen.findByRole('textbox', { name: /cron_expression/ });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Create schedule' }));
    expect((await screen.findAllByRole('alert'))[0]!.textContent).toBe('must have 5 fields (minute hour day month weekday) or 6 (with seconds first); got 2');
    const [url, init] = fetchMock.mock.calls[1]!;
    expect(String(url)).toBe('/api/v3/scheduler/schedules/cron');
    expect(JSON.parse(String(init?.body))).toEqual({ name: 'Nightly', cron_expression: '0 2' });
  });
});

const schedule: Schedule = {
  id: 's1', name: 'Nightly', kind: 'weekly', timing: { time: '02:00', days_of_week: ['mon', 'fri'] }, timezone: 'Europe/Madrid', workflow_id: 'w1', payload: null,
  source: 'api', status: 'active', missed_runs: 'once', overlap: 'allow', next_run_at: '2026-12-07T01:00:00.000Z', created_at: '2026-12-01T00:00:00.000Z',
};

describe('the schedule list and history', () => {
  it('says when each schedule runs, and pauses the one asked', async () => {
    const onPause = vi.fn();
    render(wrap(<ScheduleTable items={[schedule, { ...schedule, id: 's2', name: 'Paused one', status: 'paused' }]} busy={false} onPause={onPause} onDelete={() => {}} />));
    expect(screen.getAllByRole('row')[1]!.textContent).toContain('Mon, Fri at 02:00');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Pause Nightly' }));
    expect(onPause).toHaveBeenCalledWith(schedule, true);
    expect(screen.getByRole('button', { name: 'Resume Paused one' })).toBeTruthy();
  });

  it('offers a role that may only read no pause, resume or delete', () => {
    render(wrap(<ScheduleTable items={[schedule]} canWrite={false} busy={false} onPause={() => {}} onDelete={() => {}} />));
    expect(screen.getAllByRole('row')[1]!.textContent).toContain('Nightly');
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('links each started run to its execution', () => {
    render(wrap(<ScheduleHistory runs={[{ id: 'r1', planned_at: '2026-12-05T06:00:00.000Z', fired_at: '2026-12-05T06:00:00.120Z', delay_ms: 120, status: 'started', reason: null, target: 'execution', target_id: 'e1' }]} />));
    expect(screen.getByRole('link', { name: /Open run planned for/ }).getAttribute('href')).toBe('/runs/e1');
  });
});
