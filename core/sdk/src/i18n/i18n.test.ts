import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAction } from '../action.js';
import { defineChannel } from '../channel.js';
import { definePlugin } from '../plugin.js';
import { defineTrigger } from '../trigger.js';
import { fieldI18n, formJsonSchema, I18N_SCHEMA_KEYWORD, missingSchemaTexts, missingTexts, schemaFields, withSchemaI18n } from './i18n.js';

const input = z.object({
  url: z.string().describe('Where to send it.'),
  method: z.enum(['GET', 'POST']).default('GET'),
  document: z.object({ title: z.string().describe('Its title.') }).optional(),
  tags: z.array(z.enum(['a', 'b'])).optional(),
});

const union = z.union([
  z.object({ value: z.unknown().describe('Checked.') }).describe('Truthiness.'),
  z.object({ left: z.unknown(), operator: z.enum(['eq', 'ne']) }).describe('Comparison.'),
]);

const run = async () => ({});

describe('schemaFields', () => {
  it('lists nested paths with their description and choices', () => {
    expect(schemaFields(input)).toEqual([
      { path: 'url', kind: 'field', description: 'Where to send it.' },
      { path: 'method', kind: 'field', enum: ['GET', 'POST'] },
      { path: 'document', kind: 'field' },
      { path: 'document.title', kind: 'field', description: 'Its title.' },
      { path: 'tags', kind: 'field', enum: ['a', 'b'] },
    ]);
  });

  it('names alternatives #1, #2 and merges their fields by path', () => {
    expect(schemaFields(union).map((f) => f.path)).toEqual(['#1', 'value', '#2', 'left', 'operator']);
  });
});

describe('missingSchemaTexts', () => {
  it('lists every missing title, description and choice label', () => {
    expect(missingSchemaTexts(input, { url: { title: 'URL' }, method: { title: 'Método', enum: { GET: 'GET' } } })).toEqual([
      'url: description',
      'method: enum "POST"',
      'document: title',
      'document.title: title',
      'document.title: description',
      'tags: title',
      'tags: enum "a"',
      'tags: enum "b"',
    ]);
  });

  it('is empty when every text is there, and counts blank texts as missing', () => {
    const fields = {
      '#1': { title: 'Verdad' }, '#2': { title: 'Comparación' }, value: { title: 'Valor', description: 'Se comprueba.' },
      left: { title: 'Izquierda' }, operator: { title: 'Operador', enum: { eq: 'igual', ne: 'distinto' } },
    };
    expect(missingSchemaTexts(union, fields)).toEqual([]);
    expect(missingSchemaTexts(union, { ...fields, left: { title: '  ' } })).toEqual(['left: title']);
  });
});

describe('missingSchemaTexts on a served schema', () => {
  it('reads the texts the schema carries under x-dwc-i18n', () => {
    const fields = { url: { title: 'URL', description: 'Adónde.' }, method: { title: 'Método', enum: { GET: 'GET', POST: 'POST' } } };
    expect(missingSchemaTexts(withSchemaI18n(formJsonSchema(input), { es: { fields } }))).toEqual([
      'document: title', 'document.title: title', 'document.title: description', 'tags: title', 'tags: enum "a"', 'tags: enum "b"',
    ]);
  });
});

describe('missingTexts', () => {
  it('asks for the name and description too', () => {
    expect(missingTexts({ description: 'd' }, [z.object({ a: z.string() })])).toEqual(['name', 'description', 'a: title']);
    expect(missingTexts({ description: 'd', i18n: { es: { name: 'n', description: 'd', fields: { a: { title: 'A' } } } } }, [z.object({ a: z.string() })])).toEqual([]);
  });
});

describe('i18n on define*', () => {
  it('keeps the texts on the definition', () => {
    const action = defineAction({ type: 'x', title: 'X', description: 'x', input, output: z.object({}), run, i18n: { es: { name: 'Equis', fields: { url: { title: 'Dirección' } } } } });
    expect(fieldI18n(action.i18n, 'url')).toEqual({ title: 'Dirección' });
    expect(fieldI18n(action.i18n, 'method')).toBeUndefined();
  });

  it('throws naming the capability and the real fields when a path is not in the schema', () => {
    expect(() => defineAction({ type: 'x', title: 'X', description: 'x', input, output: z.object({}), run, i18n: { es: { fields: { uri: { title: 'URI' } } } } })).toThrow(
      'defineAction(x): i18n.es.fields names "uri", which is not a field of its schema; fields: url, method, document, document.title, tags.',
    );
    expect(() => defineTrigger({ type: 't', title: 'T', description: 't', settings: z.object({}), i18n: { es: { fields: { a: {} } } } })).toThrow(/defineTrigger\(t\).*"a".*fields: \(none\)/);
  });

  it('throws on an enum label for a value the field does not offer', () => {
    expect(() => defineAction({ type: 'x', title: 'X', description: 'x', input, output: z.object({}), run, i18n: { es: { fields: { method: { enum: { PUT: 'PUT' } } } } } })).toThrow(
      'i18n.es.fields["method"].enum names "PUT", which is not a choice of that field; choices: GET, POST.',
    );
  });

  it('refuses an unknown language or key', () => {
    expect(() => defineChannel({ type: 'c', title: 'C', description: 'c', idempotent: true, send: async () => ({ status: 'delivered' }), i18n: { fr: {} } as never })).toThrow(/defineChannel\(c\): invalid "i18n"/);
  });

  it('checks a plugin config', () => {
    const config = z.object({ timeout_ms: z.number().default(1) });
    const plugin = definePlugin({ name: 'p', apiVersion: 1, description: 'd', config, setup() {}, i18n: { es: { description: 'D', fields: { timeout_ms: { title: 'Espera' } } } } });
    expect(plugin.i18n?.es?.description).toBe('D');
    expect(() => definePlugin({ name: 'p', apiVersion: 1, description: 'd', config, setup() {}, i18n: { es: { fields: { timeout: {} } } } })).toThrow(/definePlugin\(p\).*"timeout"/);
  });
});

describe('withSchemaI18n', () => {
  it('puts the texts on each field under x-dwc-i18n without changing the original', () => {
    const json = formJsonSchema(input);
    const localised = withSchemaI18n(json, { es: { fields: { 'document.title': { title: 'Título' }, method: { enum: { GET: 'Leer' } } } } });
    const properties = localised.properties as Record<string, Record<string, unknown>>;
    expect(properties.method![I18N_SCHEMA_KEYWORD]).toEqual({ es: { enum: { GET: 'Leer' } } });
    expect((properties.document!.properties as Record<string, Record<string, unknown>>).title![I18N_SCHEMA_KEYWORD]).toEqual({ es: { title: 'Título' } });
    expect(properties.url![I18N_SCHEMA_KEYWORD]).toBeUndefined();
    expect(JSON.stringify(json)).not.toContain(I18N_SCHEMA_KEYWORD);
  });

  it('labels alternatives', () => {
    const localised = withSchemaI18n(formJsonSchema(union), { es: { fields: { '#2': { title: 'Comparación' } } } });
    expect((localised.anyOf as Record<string, unknown>[])[1]![I18N_SCHEMA_KEYWORD]).toEqual({ es: { title: 'Comparación' } });
  });
});
