import { z } from '@dwc/sdk';
import { describe, expect, it } from 'vitest';
import { createActionCatalog } from '../actions/action-catalog.js';
import { createRegistries } from '../plugin-host/registries.js';
import { checkStepInputs, stepCheckError } from './check-step-inputs.js';

const registries = createRegistries();
const action = (type: string, input: z.ZodType) => ({ kind: 'action' as const, type, title: type, description: `${type} action`, input, output: z.object({}), run: async () => ({}) });
registries.actions.register(
  action('delay', z.union([z.strictObject({ duration_ms: z.int().min(0).meta({ title: 'Milliseconds' }) }), z.strictObject({ until: z.iso.datetime({ offset: true }) })])),
  '@dwc/plugin-action-delay',
);
registries.actions.register(
  action(
    'http.request',
    z.strictObject({
      url: z.url().refine((value) => new URL(value).username === '', 'no user name'),
      method: z.enum(['GET', 'POST']).default('GET'),
      timeout_ms: z.int().min(1).default(30_000),
    }),
  ),
  '@dwc/plugin-action-http',
);
const catalog = createActionCatalog(registries);
const check = (type: string, input: Record<string, unknown>) => checkStepInputs([{ id: 's', type, input }], catalog);

describe('checkStepInputs', () => {
  it('accepts literal inputs the action takes', () => {
    expect(check('delay', { duration_ms: 10 })).toEqual({ unknownTypes: [], inputs: [] });
    expect(check('http.request', { url: 'https://example.com' })).toEqual({ unknownTypes: [], inputs: [] });
  });

  it('refuses an unknown field, naming the step, the field and the alternatives', () => {
    expect(check('delay', { ms: 4000 }).inputs).toEqual([
      { step: 's', field: 'input.ms', message: 'unknown field `ms`; expected `duration_ms` (milliseconds) or `until` (date-time)' },
    ]);
  });

  it('does not judge a template by its type, wherever it sits', () => {
    expect(check('delay', { duration_ms: '{{ input.wait }}' }).inputs).toEqual([]);
    expect(check('delay', { until: '{when}' }).inputs).toEqual([]);
    // The refinement would throw on the template's text; it never sees it.
    expect(check('http.request', { url: 'https://{{ input.host }}/x', timeout_ms: '{{ input.limit }}' }).inputs).toEqual([]);
  });

  it('still judges the literal fields beside a template, and unknown keys holding one', () => {
    expect(check('http.request', { url: '{{ input.url }}', method: 'FETCH', retries: '{{ input.n }}' }).inputs).toEqual([
      { step: 's', field: 'input.method', message: expect.stringMatching(/"GET"|GET/) },
      { step: 's', field: 'input.retries', message: 'unknown field `retries`; expected one of `url`, `method`, `timeout_ms`' },
    ]);
  });

  it('refuses a required field that is absent', () => {
    expect(check('http.request', { method: 'POST' }).inputs).toEqual([{ step: 's', field: 'input.url', message: 'missing required field `url` (uri)' }]);
  });

  it('takes escaped braces as the literal text the action will see', () => {
    expect(check('http.request', { url: 'https://example.com/\\{id}' }).inputs).toEqual([]);
    expect(check('delay', { until: '\\{not a date}' }).inputs).toEqual([{ step: 's', field: 'input.until', message: 'Invalid ISO datetime' }]);
  });

  it('knows the engine\'s own workflow.call and checks its input', () => {
    expect(check('workflow.call', { workflow_id: '{{ input.target }}', input: { a: 1 } }).inputs).toEqual([]);
    expect(check('workflow.call', { input: {} }).inputs).toEqual([{ step: 's', field: 'input.workflow_id', message: 'missing required field `workflow_id` (workflow id)' }]);
  });

  it('names an unknown type with the close matches, or with every known type', () => {
    expect(check('dealy', {}).unknownTypes).toEqual([{ step: 's', field: 'type', message: expect.stringContaining('did you mean "delay"?') }]);
    expect(check('http', {}).unknownTypes[0]?.message).toContain('did you mean "http.request"?');
    expect(check('frobnicate', {}).unknownTypes[0]?.message).toContain('the known types are "approval", "delay", "http.request", "wait.event", "wait.until", "workflow.call"');
  });
});

describe('stepCheckError', () => {
  const steps = [{ id: 'wait', type: 'delay' }, { id: 'x', type: 'dealy' }];

  it('is action_not_found when a type is unknown, listing every problem', () => {
    const error = stepCheckError(checkStepInputs([{ id: 'wait', type: 'delay', input: { ms: 1 } }, { id: 'x', type: 'dealy', input: {} }], catalog), steps);
    expect(error).toMatchObject({ code: 'action_not_found', details: [{ step: 'x', field: 'type' }, { step: 'wait', field: 'input.ms' }] });
    expect(error?.message).toMatch(/^step "x" \(dealy\), type: no action "dealy" is registered/);
  });

  it('is invalid_step_input naming the step and the field otherwise, and nothing when all is well', () => {
    const error = stepCheckError(checkStepInputs([{ id: 'wait', type: 'delay', input: { ms: 1 } }], catalog), steps);
    expect(error).toMatchObject({ code: 'invalid_step_input' });
    expect(error?.message).toBe('step "wait" (delay), input.ms: unknown field `ms`; expected `duration_ms` (milliseconds) or `until` (date-time).');
    expect(stepCheckError(checkStepInputs([{ id: 'wait', type: 'delay', input: { duration_ms: 1 } }], catalog), steps)).toBeUndefined();
  });
});
