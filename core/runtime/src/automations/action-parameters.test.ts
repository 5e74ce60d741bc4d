import { z } from '@dwc/sdk';
import { describe, expect, it } from 'vitest';
import { checkActionParameters, describeAutomationActions, parametersSchemaOf } from './action-parameters.js';

const httpInput = z.strictObject({ url: z.string().url(), method: z.enum(['GET', 'POST']).default('GET') });
const catalog = {
  get: (type: string) => (type === 'http.request' ? { type, title: 'HTTP', description: '', plugin: 'p', input: httpInput, output: z.unknown() } : undefined),
  describe: () => [
    { type: 'ai.generate', title: '', description: '', plugin: 'p', inputSchema: {}, outputSchema: {} },
    { type: 'workflow.call', title: '', description: '', plugin: '@dwc/runtime', inputSchema: {}, outputSchema: {} },
    { type: 'http.request', title: '', description: '', plugin: 'p', inputSchema: { type: 'object', title: 'from the step' }, outputSchema: {} },
  ],
};

describe('automation action parameters', () => {
  it('lists the named types whose step is available, with their own schema or the step input', () => {
    const described = describeAutomationActions(catalog);
    expect(described.map((d) => d.type)).toEqual(['ai_generation', 'run_workflow', 'http_request']);
    const ai = described[0]!.parameters_schema as { required: string[]; properties: Record<string, unknown> };
    expect(ai.required).toEqual(['prompt_template']);
    expect(ai.properties.max_tokens).toMatchObject({ type: 'integer', minimum: 1 });
    expect((described[1]!.parameters_schema as { properties: Record<string, unknown> }).properties.workflow_id).toMatchObject({ type: 'string', 'x-dwc-widget': 'workflow' });
    expect(described[2]!.parameters_schema).toEqual({ type: 'object', title: 'from the step' });
  });

  it('names each bad parameter where it is written', () => {
    const issues = checkActionParameters([
      { type: 'ai_generation', parameters: { prompt_template: 'x', max_tokens: 'many' } },
      { type: 'ai_generation', parameters: { max_tokens: 5 }, variants: [{ id: 'a', parameters: { prompt_template: 'a' } }, { id: 'b', parameters: { temperature: 9 } }] },
      { type: 'http_request', parameters: { url: 'not a url', colour: 'red' } },
      { type: 'send_notification', parameters: { channel: 'email', recipient: 'a@example.com' } },
      { type: 'no.such.step', parameters: { anything: 1 } },
    ], catalog);
    expect(issues.map((i) => i.field)).toEqual([
      'actions.0.parameters.max_tokens',
      'actions.1.parameters.prompt_template',
      'actions.1.variants.1.parameters.temperature',
      'actions.2.parameters.url',
      'actions.2.parameters.colour',
    ]);
    expect(issues.find((i) => i.field.endsWith('colour'))!.message).toBe('unknown parameter for http_request');
  });

  it('accepts good parameters, and an unknown step type is left to the workflow check', () => {
    expect(checkActionParameters([{ type: 'run_workflow', parameters: { workflow_id: 'w1' } }, { type: 'http_request', parameters: { url: 'https://example.com' } }], catalog)).toEqual([]);
    expect(parametersSchemaOf('no.such.step', catalog)).toBeUndefined();
  });
});
