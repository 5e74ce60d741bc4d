import { ExternalServiceError, InputError, NotFoundError, TimeoutError, z } from '@dwc/sdk';
import { describe, expect, it } from 'vitest';
import { ExpressionError } from './expressions/expression-error.js';
import { retryDelayMs, retryPolicySchema, shouldRetry } from './retry-policy.js';
import { TemplateError } from './templates/template-error.js';

const policy = retryPolicySchema.parse({ max_attempts: 5, backoff_ms: 1000, max_backoff_ms: 5000 });
const top = (): number => 1 - Number.EPSILON;

describe('retryDelayMs', () => {
  it('doubles the delay with each attempt', () => {
    expect([1, 2, 3].map((attempt) => retryDelayMs(policy, attempt, top))).toEqual([1000, 2000, 4000]);
  });

  it('caps the delay at max_backoff_ms', () => {
    expect(retryDelayMs(policy, 4, top)).toBe(5000);
    expect(retryDelayMs(policy, 20, top)).toBe(5000);
  });

  it('jitters the delay between half and all of it', () => {
    expect(retryDelayMs(policy, 2, () => 0)).toBe(1000);
    expect(retryDelayMs(policy, 2, () => 0.5)).toBe(1500);
    for (let i = 0; i < 100; i += 1) {
      const delay = retryDelayMs(policy, 3);
      expect(delay).toBeGreaterThanOrEqual(2000);
      expect(delay).toBeLessThanOrEqual(4000);
    }
  });
});

describe('shouldRetry', () => {
  it('retries a plain error while attempts remain', () => {
    expect(shouldRetry(policy, 4, new Error('reset'))).toBe(true);
    expect(shouldRetry(policy, 5, new Error('reset'))).toBe(false);
  });

  it('never retries a step without a retry policy', () => {
    expect(shouldRetry(undefined, 1, new Error('reset'))).toBe(false);
  });

  it('retries timeouts', () => {
    expect(shouldRetry(policy, 1, new TimeoutError('slow'))).toBe(true);
  });

  it('retries an external service error only when it says it is retryable', () => {
    expect(shouldRetry(policy, 1, new ExternalServiceError('429', { retryable: true }))).toBe(true);
    expect(shouldRetry(policy, 1, new ExternalServiceError('401'))).toBe(false);
  });

  it('does not retry errors that fail the same way every time', () => {
    const templateError = new TemplateError({ stepId: 's', path: 'input.x' }, 'bad', 'x +', 2);
    const expressionError = new ExpressionError('bad', { expression: 'x', position: 1, token: null, jsonata_code: null });
    const zodError = z.string().safeParse(1).error;
    for (const error of [new InputError('bad'), templateError, expressionError, zodError, new NotFoundError('gone')]) {
      expect(shouldRetry(policy, 1, error)).toBe(false);
    }
  });
});
