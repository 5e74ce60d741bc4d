import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import { inputErrors, stepErrorsFrom } from './step-errors';

const steps = [
  { id: 'fetch', type: 'http.request', input: {} },
  { id: 'wait', type: 'delay', input: {} },
];

describe('server refusals shown on the steps', () => {
  it('reads the [{step, field, message}] list of invalid_step_input', () => {
    const error = new ApiError(400, 'invalid_step_input', 'refused', [
      { step: 'fetch', field: 'input.url', message: 'missing required field `url` (uri)' },
      { step: 'wait', field: 'input', message: 'expected one of …' },
    ]);
    const errors = stepErrorsFrom(error, steps)!;
    expect(errors.fetch).toEqual({ 'input.url': ['missing required field `url` (uri)'] });
    expect(inputErrors(errors.fetch)).toEqual({ url: ['missing required field `url` (uri)'] });
    expect(errors.wait).toEqual({ input: ['expected one of …'] });
  });

  it('maps the field paths of invalid_workflow to step ids', () => {
    const error = new ApiError(400, 'invalid_workflow', 'refused', { 'steps.1.depends_on.0': ['unknown step "x"'], name: ['required'] });
    expect(stepErrorsFrom(error, steps)).toEqual({ wait: { 'depends_on.0': ['unknown step "x"'] }, '': { name: ['required'] } });
  });

  it('ignores errors that are not refusals of the definition', () => {
    expect(stepErrorsFrom(new ApiError(500, 'internal', 'boom', null), steps)).toBeNull();
  });
});
