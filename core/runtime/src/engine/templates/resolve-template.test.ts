import { describe, expect, it } from 'vitest';
import type { ExpressionScope } from '../expressions/evaluate-expression.js';
import { createExpressionEvaluator } from '../expressions/expression-evaluator.js';
import { resolveTemplate } from './resolve-template.js';
import { TemplateError } from './template-error.js';

const scope: ExpressionScope = {
  input: { topic: 'AI Automation', count: 3, meta: { lang: 'en' }, empty: null },
  steps: { fetch: { status: 'succeeded', output: { body: 'page text', tags: ['a', 'b'], size: { kb: 2 } } } },
};

async function templateError(value: unknown, options = {}): Promise<TemplateError> {
  const error: unknown = await resolveTemplate(value, scope, options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TemplateError);
  return error as TemplateError;
}

describe('resolveTemplate', () => {
  it('keeps the type of a value given by a string that is exactly one expression', async () => {
    await expect(resolveTemplate('{{ input.count }}', scope)).resolves.toBe(3);
    await expect(resolveTemplate('  {{ steps.fetch.output.size }} ', scope)).resolves.toEqual({ kb: 2 });
    await expect(resolveTemplate('{{steps.fetch.output.tags}}', scope)).resolves.toEqual(['a', 'b']);
  });

  it('gives null when a whole-string expression matches nothing', async () => {
    await expect(resolveTemplate('{{ steps.missing.output }}', scope)).resolves.toBeNull();
  });

  it('interpolates expressions mixed with text: strings as is, other values as JSON, nothing as empty', async () => {
    await expect(
      resolveTemplate('About {{ input.topic }}: {{ input.count }} {{ steps.fetch.output.tags }}{{ input.nothing }}.', scope),
    ).resolves.toBe('About AI Automation: 3 ["a","b"].');
  });

  it('resolves objects and arrays recursively and leaves other values alone', async () => {
    const resolved = await resolveTemplate({ text: '{{ steps.fetch.output.body }}', list: [1, '{{ input.count * 2 }}', true], none: null }, scope);
    expect(resolved).toEqual({ text: 'page text', list: [1, 6, true], none: null });
  });

  it('resolves the fields after one that needs JSONata in order, keeping the key order, and names the first that fails', async () => {
    const resolved = await resolveTemplate({ a: '{{ input.count }}', b: '{{ input.count * 2 }}', c: '{topic}', d: ['{{ $uppercase(input.meta.lang) }}', '{{ input.meta.lang }}'], e: 'x {{ input.count + 1 }} {count}' }, scope);
    expect(Object.entries(resolved as object)).toEqual([['a', 3], ['b', 6], ['c', 'AI Automation'], ['d', ['EN', 'en']], ['e', 'x 4 3']]);
    const error = await templateError({ a: '{{ input.count * 2 }}', b: '{{ input.count + }}', c: '{{ input.count - }}' }, { path: 'input' });
    expect(error.details).toMatchObject({ path: 'input.b' });
  });

  it('fills {name} and {a.b} placeholders from the input', async () => {
    await expect(resolveTemplate('Write about {topic} in {meta.lang}', scope)).resolves.toBe('Write about AI Automation in en');
    await expect(resolveTemplate('{count}', scope)).resolves.toBe(3);
  });

  it('leaves placeholders the input lacks as literal text', async () => {
    await expect(resolveTemplate('Dear {name}, see {meta.missing} and {"json": 1}', scope)).resolves.toBe(
      'Dear {name}, see {meta.missing} and {"json": 1}',
    );
  });

  it('treats \\{{ and \\{ as literal braces', async () => {
    await expect(resolveTemplate('\\{{ input.topic }} and \\{topic}', scope)).resolves.toBe('{{ input.topic }} and {topic}');
  });

  it('finds the end of an expression that contains braces and "}}" in strings', async () => {
    await expect(resolveTemplate('{{ {"k": {"v": input.count}} }}', scope)).resolves.toEqual({ k: { v: 3 } });
    await expect(resolveTemplate('x{{ "}}" }}', scope)).resolves.toBe('x}}');
  });

  it('names the step and field path when an expression fails', async () => {
    const error = await templateError({ text: 'Hi {{ input.count + }}' }, { stepId: 'summary', path: 'input' });
    expect(error.message).toMatch(/^step "summary" field input\.text: JSONata expression failed at position \d+/);
    expect(error.code).toBe('invalid_template');
    expect(error.details).toMatchObject({ path: 'input.text', expression: 'input.count +', step: 'summary' });
  });

  it('stops an expression at the time limit, keeping the limit\'s code and naming the step, the field and the setting', async () => {
    const evaluator = createExpressionEvaluator({ timeoutMs: 300 });
    const error = await templateError({ text: 'x {{ ($f := function(){ $f() }; $f()) }}' }, { stepId: 'loop', path: 'input', evaluator });
    evaluator.close();
    expect(error.code).toBe('expression_timeout');
    expect(error.message).toMatch(/^step "loop" field input\.text: JSONata expression stopped: it ran longer than its time limit of 300 ms.*DWC_EXPRESSION_TIMEOUT_MS/);
    expect(error.details).toMatchObject({ path: 'input.text', step: 'loop', limit: 300, setting: 'DWC_EXPRESSION_TIMEOUT_MS' });
  });

  it('names the array index in the path', async () => {
    const error = await templateError({ list: ['ok', "{{ 'a' + 1 }}"] }, { path: 'input' });
    expect(error.message).toMatch(/^field input\.list\.1: /);
  });

  it('refuses an unclosed {{', async () => {
    const error = await templateError('Hello {{ input.topic', { stepId: 's', path: 'input.greeting' });
    expect(error.message).toMatch(/never closed/);
    expect((await templateError('Hello {{ input.topic', { stepId: 's', path: 'input.again' })).message).toMatch(/input\.again.*never closed/);
  });

  it('resolves a template seen before against the scope at hand', async () => {
    const template = { text: 'n={{ input.n }} {name}', n: '{{ input.n }}' };
    await expect(resolveTemplate(template, { input: { n: 1, name: 'a' } })).resolves.toEqual({ text: 'n=1 a', n: 1 });
    await expect(resolveTemplate(template, { input: { n: 2 } })).resolves.toEqual({ text: 'n=2 {name}', n: 2 });
  });
});
