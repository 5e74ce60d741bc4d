import { InputError } from '@dwc/sdk';
import { describe, expect, it } from 'vitest';
import { parseWorkflowDefinition } from './workflow-definition.js';

const apiExample = {
  name: 'Summarize a page and warn on bad news',
  description: 'optional',
  trigger: { type: 'manual' },
  steps: [
    { id: 'fetch', type: 'http.request', input: { url: '{{ input.url }}', method: 'GET' } },
    {
      id: 'summary',
      type: 'ai.analyze',
      input: { text: '{{ steps.fetch.output.body }}', tasks: ['summary', 'sentiment'] },
      retry: { max_attempts: 3, backoff_ms: 500 },
      timeout_ms: 30000,
    },
    {
      id: 'warn',
      type: 'notify.send',
      depends_on: ['summary'],
      when: "{{ steps.summary.output.sentiment.label == 'negative' }}",
      input: { channel: 'in_app', message: '{{ steps.summary.output.summary }}' },
    },
  ],
};

/** The field errors of the InputError that parsing `body` throws. */
function fieldErrors(body: unknown): Record<string, string[]> {
  try {
    parseWorkflowDefinition(body);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).details as Record<string, string[]>;
  }
  throw new Error('expected the definition to be refused');
}

function withSteps(steps: unknown[]): unknown {
  return { name: 'w', steps };
}

describe('parseWorkflowDefinition', () => {
  it('parses the API.md example and fills in defaults', () => {
    const definition = parseWorkflowDefinition(apiExample);
    expect(definition.steps.map((step) => step.id)).toEqual(['fetch', 'summary', 'warn']);
    expect(definition.steps[1]?.retry).toEqual({ max_attempts: 3, backoff_ms: 500, max_backoff_ms: 300_000 });
    expect(definition.steps[0]).toMatchObject({ continue_on_error: false, concurrency: 4 });
  });

  it('keeps settings.retention, defaulting delete_documents to false', () => {
    const definition = parseWorkflowDefinition({ ...apiExample, settings: { retention: { days: 3, count: 50 } } });
    expect(definition.settings).toEqual({ retention: { days: 3, count: 50, delete_documents: false } });
  });

  it('refuses a retention that is negative, fractional or has an unknown key, at its path', () => {
    expect(fieldErrors({ ...apiExample, settings: { retention: { days: -1, count: 2.5, keep: true } } })).toEqual({
      'settings.retention.keep': ['unknown field `keep`; expected one of `days`, `count`, `delete_documents`'],
      'settings.retention.days': [expect.any(String)],
      'settings.retention.count': [expect.any(String)],
    });
  });

  it('defaults the trigger to manual and keeps trigger settings', () => {
    expect(parseWorkflowDefinition(withSteps([{ id: 'a', type: 'transform' }])).trigger).toEqual({ type: 'manual' });
    const scheduled = parseWorkflowDefinition({ ...apiExample, trigger: { type: 'schedule', cron: '0 * * * *' } });
    expect(scheduled.trigger).toEqual({ type: 'schedule', cron: '0 * * * *' });
  });

  it('refuses a duplicate step id at the second occurrence', () => {
    const errors = fieldErrors(withSteps([{ id: 'a', type: 'transform' }, { id: 'a', type: 'transform' }]));
    expect(errors['steps.1.id']?.[0]).toMatch(/duplicate step id "a"/);
  });

  it('refuses a depends_on naming no step, at its position in the list', () => {
    const errors = fieldErrors(
      withSteps([
        { id: 'a', type: 'transform' },
        { id: 'b', type: 'transform' },
        { id: 'c', type: 'transform', depends_on: ['a', 'nope'] },
      ]),
    );
    expect(errors).toEqual({ 'steps.2.depends_on.1': ['no step has id "nope"'] });
  });

  it('refuses a step that depends on itself', () => {
    const errors = fieldErrors(withSteps([{ id: 'a', type: 'transform', depends_on: ['a'] }]));
    expect(errors['steps.0.depends_on.0']?.[0]).toMatch(/cannot depend on itself/);
  });

  it('refuses a cycle and names it', () => {
    const errors = fieldErrors(
      withSteps([
        { id: 'a', type: 'transform', depends_on: ['b'] },
        { id: 'b', type: 'transform', depends_on: ['a'] },
      ]),
    );
    expect(errors['steps.0.depends_on']).toEqual(['steps form a cycle: a -> b -> a']);
  });

  it('counts the implicit "follows the step before" edge when looking for cycles', () => {
    const errors = fieldErrors(
      withSteps([
        { id: 'a', type: 'transform', depends_on: ['b'] },
        { id: 'b', type: 'transform' },
      ]),
    );
    expect(errors['steps.0.depends_on']).toEqual(['steps form a cycle: a -> b -> a']);
  });

  it('refuses an expression in when that does not compile, at steps.N.when', () => {
    const errors = fieldErrors(withSteps([{ id: 'a', type: 'transform' }, { id: 'b', type: 'transform', when: '{{ input.n > }}' }]));
    expect(Object.keys(errors)).toEqual(['steps.1.when']);
    expect(errors['steps.1.when']?.[0]).toMatch(/JSONata expression failed at position \d+/);
  });

  it('refuses an expression deep in input that does not compile, at its full path', () => {
    const errors = fieldErrors(
      withSteps([{ id: 'a', type: 'transform', input: { options: { list: ['ok', 'x {{ $sum( }} y'] } } }]),
    );
    expect(Object.keys(errors)).toEqual(['steps.0.input.options.list.1']);
  });

  it('refuses a for_each that mixes text and an expression', () => {
    const errors = fieldErrors(withSteps([{ id: 'a', type: 'transform', for_each: 'items: {{ input.items }}' }]));
    expect(errors['steps.0.for_each']?.[0]).toMatch(/one expression/);
  });

  it('refuses unknown step keys, so a misspelt depends_on is not silently ignored', () => {
    const errors = fieldErrors(withSteps([{ id: 'a', type: 'transform', dependsOn: ['x'] }]));
    expect(errors).toEqual({ 'steps.0.dependsOn': [expect.stringMatching(/^unknown field `dependsOn`; expected one of `id`, .*`depends_on`/)] });
  });

  it('refuses out-of-range numbers and bad ids', () => {
    const errors = fieldErrors(
      withSteps([{ id: '1a', type: 'Transform!', concurrency: 0, retry: { max_attempts: 21 }, timeout_ms: 0 }]),
    );
    expect(Object.keys(errors).sort()).toEqual([
      'steps.0.concurrency',
      'steps.0.id',
      'steps.0.retry.max_attempts',
      'steps.0.timeout_ms',
      'steps.0.type',
    ]);
  });

  it('refuses an empty step list and a missing name', () => {
    expect(Object.keys(fieldErrors({ steps: [] })).sort()).toEqual(['name', 'steps']);
  });
});
