import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TriggerForm } from './trigger-form';

const wrap = (node: React.ReactNode) => <QueryClientProvider client={new QueryClient()}>{node}</QueryClientProvider>;
afterEach(() => vi.restoreAllMocks());

describe('triggering an automation by hand', () => {
  it('posts the trigger data and says whether the conditions matched', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(JSON.stringify({ id: 'r1', matched: true }), { status: 200, headers: { 'content-type': 'application/json' } }));
    render(wrap(<TriggerForm automationId="a1" />));
    fireEvent.change(screen.getByRole('textbox', { name: 'Trigger data (JSON object)' }), { target: { value: '{"event_type": "content_request"}' } });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Trigger now' }));
    expect(await screen.findByText('Triggered: the conditions matched.')).toBeTruthy();
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(String(url)).toBe('/api/v3/automations/a1/trigger');
    expect(JSON.parse(String(init?.body))).toEqual({ trigger_data: { event_type: 'content_request' }, context: {} });
  });

  it('refuses anything but a JSON object before sending', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch');
    render(wrap(<TriggerForm automationId="a1" />));
    fireEvent.change(screen.getByRole('textbox', { name: 'Trigger data (JSON object)' }), { target: { value: '[1]' } });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Trigger now' }));
    expect(screen.getByRole('alert').textContent).toContain('Write a JSON object');
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
