import { readFileSync } from 'node:fs';
import { SDK_API_VERSION, type ActionDefinition, type PluginContext, type StepContext } from '@dwc/sdk';
import { describe, expect, it } from 'vitest';
import { extractInputSchema, fieldsSchema } from './actions/extract.js';
import { generateAction } from './actions/generate.js';
import plugin from './index.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; dwc: { kinds: string[] } };

describe('@dwc/plugin-action-ai', () => {
  it('is a valid plugin named after its package, built for this SDK', () => {
    expect(plugin.name).toBe(pkg.name);
    expect(plugin.apiVersion).toBe(SDK_API_VERSION);
    expect(pkg.dwc.kinds).toEqual(['action']);
  });

  it('registers the five AI actions', async () => {
    const registered: ActionDefinition[] = [];
    const ctx = { name: pkg.name, config: plugin.config.parse({}), actions: { register: (d: ActionDefinition) => registered.push(d) } };
    await plugin.setup(ctx as unknown as PluginContext<ReturnType<typeof plugin.config.parse>>);
    expect(registered.map((d) => d.type)).toEqual(['ai.generate', 'ai.analyze', 'ai.decide', 'ai.extract', 'ai.embed']);
  });

  it('fails clearly on a host without an AI service', async () => {
    const input = generateAction.input.parse({ prompt: 'hi' });
    await expect(generateAction.run(input, {} as StepContext)).rejects.toMatchObject({ code: 'ai_service_missing' });
  });

  it('needs exactly one of prompt or messages, and of text or document_id', () => {
    expect(generateAction.input.safeParse({}).success).toBe(false);
    expect(generateAction.input.safeParse({ prompt: 'a', messages: [{ role: 'user', content: 'b' }] }).success).toBe(false);
    expect(extractInputSchema.safeParse({ text: 'a', document_id: 'b', fields: ['x'] }).success).toBe(false);
    expect(extractInputSchema.safeParse({ text: 'a' }).success).toBe(false);
  });

  it('turns a field list into a JSON Schema requiring every field', () => {
    expect(fieldsSchema({ total: 'Amount due' })).toEqual({ type: 'object', properties: { total: { description: 'Amount due' } }, required: ['total'] });
    expect(fieldsSchema(['a', 'b']).required).toEqual(['a', 'b']);
  });
});
