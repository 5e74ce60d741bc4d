import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { EditorView } from '@codemirror/view';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JsonSchema } from '../../components/schema-form/json-schema';
import { AutomationForm } from './automation-form';
import type { ActionType } from './automations-api';

// As GET /api/v3/automations/actions and the OpenAPI create body serve them (abridged).
const types: ActionType[] = [
  {
    type: 'ai_generation', step_type: 'ai.generate', title: 'Generate text with AI', description: 'Sends the prompt.',
    parameters_schema: { type: 'object', properties: { prompt_template: { type: 'string', minLength: 1, title: 'Prompt template' }, temperature: { type: 'number', minimum: 0, maximum: 2, title: 'Temperature' } }, required: ['prompt_template'] },
  },
  {
    type: 'run_workflow', step_type: 'workflow.call', title: 'Run a workflow', description: 'Runs another workflow.',
    parameters_schema: { type: 'object', properties: { workflow_id: { type: 'string', title: 'Workflow', 'x-dwc-widget': 'workflow' } }, required: ['workflow_id'] },
  },
];
const bodySchema: JsonSchema = {
  type: 'object',
  properties: { trigger: { type: 'object', properties: { type: { type: 'string', enum: ['event_based', 'api_call'], 'x-dwc-i18n': { es: { enum: { event_based: 'Por evento' } } } }, conditions: { type: 'object', description: 'Each key must equal its value.' } } } },
};
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const wrap = (node: React.ReactNode) => <QueryClientProvider client={new QueryClient()}>{node}</QueryClientProvider>;
afterEach(() => vi.restoreAllMocks());

describe('the automation form', () => {
  it('draws each action from its type\'s schema and posts the body', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => json({ id: 'a9', name: 'Greeter' }, 201));
    const saved = vi.fn();
    render(wrap(<AutomationForm initial={{}} types={types} bodySchema={bodySchema} onSaved={saved} />));
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: /Name/ }), 'Greeter');
    fireEvent.change(screen.getByRole('combobox', { name: 'Trigger type' }), { target: { value: 'api_call' } });
    const action = screen.getByRole('group', { name: 'Action 1' });
    expect(within(action).getByRole('combobox', { name: 'Action type' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Create automation' }));
    expect(screen.getByText('The automation was not saved; fix these fields:')).toBeTruthy();
    expect(action.querySelector('.field[data-field="prompt_template"] .field-error')?.textContent).toBe('required');
    expect(fetchMock).not.toHaveBeenCalled();
    const prompt = EditorView.findFromDOM(within(action).getByRole('textbox', { name: /Prompt template/ }))!;
    act(() => prompt.dispatch({ changes: { from: 0, insert: 'Hello {name}' } }));
    fireEvent.change(within(action).getByRole('textbox', { name: /Temperature/ }), { target: { value: '0.5' } });
    await user.click(screen.getByRole('button', { name: 'Create automation' }));
    await vi.waitFor(() => expect(saved).toHaveBeenCalled());
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(String(url)).toBe('/api/v3/automations');
    expect(JSON.parse(String(init?.body))).toEqual({
      name: 'Greeter', trigger: { type: 'api_call', conditions: {} },
      actions: [{ type: 'ai_generation', parameters: { prompt_template: 'Hello {name}', temperature: 0.5 } }],
      ai_decision_making: false, learning_enabled: false, enabled: true,
    });
  });

  it('shows the server\'s invalid_automation details on the parameter they name', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => json({ error: { code: 'invalid_automation', message: 'invalid', details: [{ field: 'actions.0.parameters.temperature', message: 'Too big: expected number to be <=2' }] } }, 400));
    render(wrap(<AutomationForm initial={{ name: 'X', trigger: { type: 'api_call', conditions: {} }, actions: [{ type: 'ai_generation', parameters: { prompt_template: 'p', temperature: 1 } }] }} existingId="a1" types={types} bodySchema={bodySchema} onSaved={vi.fn()} />));
    await userEvent.setup().click(screen.getByRole('button', { name: 'Save changes' }));
    const field = (await screen.findByText('Too big: expected number to be <=2', { selector: '.field[data-field="temperature"] .field-error' })).closest('.field')!;
    expect(within(field as HTMLElement).getByRole('textbox').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('The automation was not saved; fix these fields:')).toBeTruthy();
  });

  it('offers every listed action type and keeps an unlisted one as JSON parameters', () => {
    render(wrap(<AutomationForm initial={{ name: 'X', trigger: { type: 'api_call', conditions: {} }, actions: [{ type: 'transform', parameters: { expression: '1' } }] }} types={types} bodySchema={bodySchema} onSaved={vi.fn()} />));
    const select = screen.getByRole('combobox', { name: 'Action type' });
    expect(within(select).getAllByRole('option').map((o) => o.getAttribute('value'))).toEqual(['ai_generation', 'run_workflow', 'transform']);
    expect((screen.getByRole('textbox', { name: 'Parameters (JSON object)' }) as HTMLTextAreaElement).value).toContain('"expression": "1"');
  });

  it('names the action types, their help and their parameters in Spanish from the texts the API serves', async () => {
    const spanish: ActionType[] = [{
      ...types[0]!,
      i18n: { es: { name: 'Generar texto con IA', description: 'Envía el prompt.' } },
      parameters_schema: { ...types[0]!.parameters_schema, properties: { prompt_template: { type: 'string', title: 'Prompt template', 'x-dwc-i18n': { es: { title: 'Plantilla de prompt' } } } } },
    }];
    await act(() => i18next.changeLanguage('es'));
    try {
      render(wrap(<AutomationForm initial={{}} types={spanish} bodySchema={bodySchema} onSaved={vi.fn()} />));
      const action = screen.getByRole('group', { name: /1/ });
      expect(within(action).getAllByRole('option').map((o) => o.textContent)).toEqual(['Generar texto con IA (ai_generation)']);
      expect(within(action).getByText('Envía el prompt.')).toBeTruthy();
      expect(within(action).getByRole('textbox', { name: /^Plantilla de prompt/ })).toBeTruthy();
      // A trigger type with a Spanish label shows it beside its value; one without shows the value alone.
      const triggerType = screen.getAllByRole('combobox').find((select) => within(select).queryByRole('option', { name: /event_based/ }))!;
      expect(within(triggerType).getAllByRole('option').map((o) => o.textContent)).toEqual(['Por evento (event_based)', 'api_call']);
    } finally {
      await act(() => i18next.changeLanguage('en'));
    }
  });
});

