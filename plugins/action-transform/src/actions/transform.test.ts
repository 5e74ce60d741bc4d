import type { StepContext } from '@dwc/sdk';
import { describe, expect, it } from 'vitest';
import { transformAction } from './transform.js';

// What the expressions do is tested against the runtime's evaluator in tests/transform-action.test.ts.
describe('transform action', () => {
  it('rejects an empty expression at input validation', () => {
    expect(transformAction.input.safeParse({ expression: '' }).success).toBe(false);
    expect(transformAction.input.safeParse({ expression: 'x', data: { x: 1 } }).success).toBe(true);
  });

  it('refuses to run without the host expression evaluator instead of compiling JSONata itself', async () => {
    const ctx = { signal: new AbortController().signal } as StepContext;
    await expect(transformAction.run(transformAction.input.parse({ expression: '1 + 1' }), ctx)).rejects.toMatchObject({ code: 'expressions_unavailable' });
  });
});
