import { z } from '@dwc/sdk';
import { describe, expect, it } from 'vitest';
import { createRegistries } from '../plugin-host/registries.js';
import { createActionCatalog } from './action-catalog.js';

describe('createActionCatalog', () => {
  const registries = createRegistries();
  const catalog = createActionCatalog(registries);
  const input = z.strictObject({ text: z.string().describe('What to shout'), times: z.int().default(1) });

  it('lists the registered actions live, with the engine\'s own workflow.call', () => {
    expect(catalog.types()).toEqual(['approval', 'wait.event', 'wait.until', 'workflow.call']);
    registries.actions.register({ kind: 'action', type: 'shout', title: 'Shout', description: 'Upper-cases text', input, output: z.object({ text: z.string() }), run: async () => ({ text: '' }) }, 'plugin-shout');
    expect(catalog.types()).toEqual(['approval', 'shout', 'wait.event', 'wait.until', 'workflow.call']);
    expect(catalog.get('shout')).toMatchObject({ plugin: 'plugin-shout', title: 'Shout' });
    expect(catalog.get('workflow.call')).toMatchObject({ plugin: '@dwc/runtime' });
    registries.actions.removePlugin('plugin-shout');
    expect(catalog.get('shout')).toBeUndefined();
  });

  it('describes inputs as a client writes them and outputs as they come, in JSON Schema 2020-12', () => {
    registries.actions.register({ kind: 'action', type: 'shout', title: 'Shout', description: 'Upper-cases text', input, output: z.object({ text: z.string() }), run: async () => ({ text: '' }) }, 'plugin-shout');
    const shout = catalog.describe().find((action) => action.type === 'shout');
    expect(shout?.inputSchema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { text: { type: 'string', description: 'What to shout' }, times: { type: 'integer', default: 1 } },
      required: ['text'],
      additionalProperties: false,
    });
    expect(shout?.outputSchema).toMatchObject({ type: 'object', required: ['text'] });
    const call = catalog.describe().find((action) => action.type === 'workflow.call');
    expect(call?.inputSchema).toMatchObject({ required: ['workflow_id'], properties: { workflow_id: { type: 'string', 'x-dwc-widget': 'workflow' } } });
  });
});
