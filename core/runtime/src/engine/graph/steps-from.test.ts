import { InputError } from '@dwc/sdk';
import { describe, expect, it } from 'vitest';
import { planWorkflow } from './plan-workflow.js';
import { stepsFrom } from './steps-from.js';

const plan = planWorkflow({
  steps: [
    { id: 'fetch' },
    { id: 'summary' },
    { id: 'translate', depends_on: ['fetch'] },
    { id: 'warn', depends_on: ['summary'] },
    { id: 'report', depends_on: ['warn', 'translate'] },
    { id: 'audit', depends_on: [] },
  ],
});

describe('stepsFrom', () => {
  it('returns the step and everything downstream of it, in plan order', () => {
    expect(stepsFrom(plan, 'summary')).toEqual(['summary', 'warn', 'report']);
  });

  it('returns every dependent step when starting from the first', () => {
    expect(stepsFrom(plan, 'fetch')).toEqual(['fetch', 'summary', 'translate', 'warn', 'report']);
  });

  it('returns only the step itself when nothing depends on it', () => {
    expect(stepsFrom(plan, 'audit')).toEqual(['audit']);
  });

  it('refuses a step the workflow does not have', () => {
    expect(() => stepsFrom(plan, 'nope')).toThrow(InputError);
  });
});
