import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ActiveToggle } from './active-toggle';
import { useEditor } from './editor-store';
import { TriggerPanel } from './trigger-panel';
import type { TriggerInfo } from './triggers-api';

// As `GET /api/v3/triggers` serves them (trimmed): the panel knows them only from here.
const triggers: TriggerInfo[] = [
  { type: 'manual', title: 'Manual', description: 'Runs when someone starts it.', plugin: '@dwc/runtime', settings_schema: { type: 'object', properties: { condition: { type: 'string' } } } },
  {
    type: 'webhook',
    title: 'Webhook',
    description: 'Runs when a request arrives.',
    plugin: '@dwc/runtime',
    settings_schema: {
      type: 'object',
      properties: {
        path: { type: 'string' },
        method: { type: 'string', enum: ['GET', 'POST'], default: 'POST' },
        auth: {
          oneOf: [
            { type: 'object', properties: { type: { type: 'string', const: 'none' } }, required: ['type'] },
            { type: 'object', properties: { type: { type: 'string', const: 'header' }, secret: { type: 'string' }, header: { type: 'string' } }, required: ['type', 'secret'] },
          ],
        },
      },
      required: ['path'],
    },
  },
  {
    type: 'schedule',
    title: 'Schedule',
    description: 'Runs on a timetable.',
    plugin: '@dwc/runtime',
    settings_schema: {
      oneOf: [
        { type: 'object', properties: { cron_expression: { type: 'string' }, kind: { type: 'string', const: 'cron' } }, required: ['cron_expression', 'kind'] },
        { type: 'object', properties: { interval_seconds: { type: 'integer' }, kind: { type: 'string', const: 'interval' } }, required: ['interval_seconds', 'kind'] },
      ],
    },
  },
];

function Panel() {
  const trigger = useEditor((s) => s.draft.trigger);
  return <TriggerPanel trigger={trigger} triggers={triggers} />;
}

const trigger = () => useEditor.getState().draft.trigger;

describe('the trigger panel', () => {
  beforeEach(() => useEditor.getState().load({ name: 'w', trigger: { type: 'manual' }, steps: [] }));

  it('offers the trigger types the API lists and draws the settings from the chosen one\'s schema', async () => {
    render(<Panel />);
    const type = screen.getByRole('combobox', { name: 'Starts on' });
    expect([...(type as HTMLSelectElement).options].map((o) => o.value)).toEqual(['manual', 'webhook', 'schedule']);
    fireEvent.change(type, { target: { value: 'webhook' } });
    expect(trigger()).toEqual({ type: 'webhook' });
    expect(screen.getByText('Give the webhook a path to see the address to call.')).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'method' }), { target: { value: 'GET' } });
    expect(trigger()).toEqual({ type: 'webhook', method: 'GET' });
  });

  it('locks every setting for a role that may only read, but still offers the webhook address to copy', () => {
    useEditor.getState().load({ name: 'w', trigger: { type: 'webhook', path: 'orders/new', method: 'POST', auth: { type: 'none' } }, steps: [] });
    const trigger = useEditor.getState().draft.trigger;
    render(<TriggerPanel trigger={trigger} triggers={triggers} readOnly />);
    // Inside a disabled fieldset a browser disables every control (the test DOM does not compute it).
    const locked = (element: Element) => element.closest('fieldset[disabled]') !== null;
    expect(locked(screen.getByRole('combobox', { name: 'Starts on' }))).toBe(true);
    const controls = [...document.querySelectorAll('.step-panel input, .step-panel select')];
    expect(controls.length).toBeGreaterThan(1);
    for (const control of controls) expect(locked(control), control.outerHTML).toBe(true);
    for (const editor of document.querySelectorAll('.step-panel .cm-content')) expect(editor.getAttribute('contenteditable')).toBe('false');
    expect(locked(screen.getByRole('button', { name: 'Copy' }))).toBe(false);
  });

  it('shows the full address of a webhook and copies it', async () => {
    useEditor.getState().load({ name: 'w', trigger: { type: 'webhook', path: 'orders/new', method: 'PUT' }, steps: [] });
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    render(<Panel />);
    expect(screen.getByTestId('webhook-url').textContent).toBe(`PUT ${window.location.origin}/webhook/orders/new`);
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith(`${window.location.origin}/webhook/orders/new`);
    expect(await screen.findByText('Copied to the clipboard.')).toBeTruthy();
  });

  it('draws a nested object with alternatives as its own form, filling in the fixed value of the one picked', () => {
    useEditor.getState().load({ name: 'w', trigger: { type: 'webhook', path: 'a' }, steps: [] });
    render(<Panel />);
    const auth = screen.getByRole('group', { name: 'auth' });
    expect(auth).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Kind' }), { target: { value: '1' } });
    expect(trigger()).toEqual({ type: 'webhook', path: 'a', auth: { type: 'header' } });
    expect(screen.getAllByRole('textbox', { name: /secret/ })).toHaveLength(1);
  });

  it('starts a schedule on its first alternative, with its kind set, and names the alternatives by it', () => {
    render(<Panel />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Starts on' }), { target: { value: 'schedule' } });
    expect(trigger()).toEqual({ type: 'schedule', kind: 'cron' });
    const kinds = screen.getByRole('combobox', { name: 'Kind' }) as HTMLSelectElement;
    expect([...kinds.options].map((o) => o.text)).toEqual(['cron', 'interval']);
    fireEvent.change(kinds, { target: { value: '1' } });
    expect(trigger()).toEqual({ type: 'schedule', kind: 'interval' });
  });

  it("shows the server's message on the trigger field it names", () => {
    useEditor.getState().load({ name: 'w', trigger: { type: 'webhook', path: 'a b' }, steps: [] });
    useEditor.getState().setErrors({ '': { 'trigger.path': ['must be URL path segments'] } });
    render(<Panel />);
    expect(screen.getByRole('alert').textContent).toBe('must be URL path segments');
  });
});

describe('the active switch', () => {
  const wrap = (node: React.ReactNode) => <QueryClientProvider client={new QueryClient()}>{node}</QueryClientProvider>;

  it('sends PATCH {"active": true} and shows the answer', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(JSON.stringify({ id: 'w1', active: true }), { status: 200, headers: { 'content-type': 'application/json' } }));
    render(wrap(<ActiveToggle workflowId="w1" active={false} dirty={false} />));
    expect(screen.getByRole('status').textContent).toBe('Trigger off');
    await userEvent.setup().click(screen.getByRole('switch', { name: 'Active' }));
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(String(url)).toBe('/api/v3/workflows/w1');
    expect(init?.method).toBe('PATCH');
    expect(init?.body).toBe('{"active":true}');
    fetchMock.mockRestore();
  });

  it("shows the API's refusal", async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(JSON.stringify({ error: { code: 'webhook_path_in_use', message: 'Another active workflow listens on POST /webhook/a.', details: null } }), { status: 409, headers: { 'content-type': 'application/json' } }));
    render(wrap(<ActiveToggle workflowId="w1" active={false} dirty={false} />));
    await userEvent.setup().click(screen.getByRole('switch', { name: 'Active' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Another active workflow listens on POST /webhook/a.');
    fetchMock.mockRestore();
  });

  it('waits while the draft has unsaved changes', () => {
    render(wrap(<ActiveToggle workflowId="w1" active dirty />));
    expect((screen.getByRole('switch', { name: 'Active' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
