import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JsonSchema } from './json-schema';
import { SchemaForm } from './schema-form';

// As the run_workflow action's parameters reach the UI (z.toJSONSchema of its zod schema).
const runWorkflow: JsonSchema = {
  type: 'object',
  properties: { workflow_id: { type: 'string', minLength: 1, title: 'Workflow', 'x-dwc-widget': 'workflow' } },
  required: ['workflow_id'],
};
const WORKFLOWS = [{ id: 'wf_1', name: 'Daily report' }, { id: 'wf_2', name: 'Invoice intake' }];

function Harness({ initial = {} }: { initial?: Record<string, unknown> }) {
  const [value, setValue] = useState<Record<string, unknown>>(initial);
  return (
    <QueryClientProvider client={new QueryClient()}>
      <SchemaForm schema={runWorkflow} value={value} onChange={(k, v) => setValue((old) => ({ ...old, [k]: v }))} onReplace={setValue} />
      <output data-testid="value">{JSON.stringify(value)}</output>
    </QueryClientProvider>
  );
}
const value = () => JSON.parse(screen.getByTestId('value').textContent!) as Record<string, unknown>;
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function serve() {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname === '/api/v3/workflows') {
      const search = (url.searchParams.get('search') ?? '').toLowerCase();
      return json({ items: WORKFLOWS.filter((w) => w.name.toLowerCase().includes(search)), total: 2 });
    }
    const one = WORKFLOWS.find((w) => url.pathname === `/api/v3/workflows/${w.id}`);
    return one ? json(one) : json({ error: { code: 'workflow_not_found', message: 'no' } }, 404);
  });
}

afterEach(() => vi.restoreAllMocks());

describe('a workflow field of the schema form', () => {
  it('is a combobox that lists workflows by name, filters as you type, and stores the chosen id', async () => {
    const fetchMock = serve();
    render(<Harness />);
    const box = screen.getByRole('combobox', { name: /Workflow/ });
    fireEvent.focus(box);
    expect(box.getAttribute('aria-expanded')).toBe('true');
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual(['Daily reportwf_1', 'Invoice intakewf_2']);
    fireEvent.change(box, { target: { value: 'invo' } });
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(1));
    expect(fetchMock.mock.calls.some(([url]) => String(url).includes('search=invo'))).toBe(true);
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(box.getAttribute('aria-activedescendant')).toBe(screen.getByRole('option').id);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(value()).toEqual({ workflow_id: 'wf_2' });
    expect(box.getAttribute('aria-expanded')).toBe('false');
    await waitFor(() => expect((box as HTMLInputElement).value).toBe('Invoice intake'));
  });

  it('shows the name of a stored id, and says so when no workflow has it', async () => {
    serve();
    const { unmount } = render(<Harness initial={{ workflow_id: 'wf_1' }} />);
    await waitFor(() => expect((screen.getByRole('combobox') as HTMLInputElement).value).toBe('Daily report'));
    unmount();
    render(<Harness initial={{ workflow_id: 'gone' }} />);
    expect((await screen.findByRole('alert')).textContent).toBe('No workflow has this id; choose one from the list.');
  });

  it('keeps a template typed in as the value', () => {
    serve();
    render(<Harness />);
    const box = screen.getByRole('combobox');
    fireEvent.focus(box);
    fireEvent.change(box, { target: { value: '{{ input.workflow }}' } });
    fireEvent.blur(box);
    expect(value()).toEqual({ workflow_id: '{{ input.workflow }}' });
  });
});
