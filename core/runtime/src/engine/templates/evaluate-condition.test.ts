import { afterAll, describe, expect, it } from 'vitest';
import type { ExpressionScope } from '../expressions/evaluate-expression.js';
import { createExpressionEvaluator } from '../expressions/expression-evaluator.js';
import { evaluateCondition, evaluateList } from './evaluate-condition.js';
import { TemplateError } from './template-error.js';

const scope: ExpressionScope = {
  input: { n: 2, zero: 0, blank: '', list: [], items: [{ type: 'a' }, { type: 'b' }], one: 'x', obj: { k: 1 } },
  steps: { summary: { status: 'succeeded', output: { sentiment: { label: 'negative' } } } },
};

describe('evaluateCondition', () => {
  it('accepts the expression wrapped in {{ }} or bare', async () => {
    await expect(evaluateCondition("{{ steps.summary.output.sentiment.label == 'negative' }}", scope)).resolves.toBe(true);
    await expect(evaluateCondition("steps.summary.output.sentiment.label == 'positive'", scope)).resolves.toBe(false);
  });

  it('treats false, null, no match, 0, empty string and empty list as false', async () => {
    for (const expression of ['false', 'null', 'input.missing', 'input.zero', 'input.blank', 'input.list']) {
      await expect(evaluateCondition(expression, scope), expression).resolves.toBe(false);
    }
  });

  it('treats other values as true', async () => {
    for (const expression of ['input.n', 'input.one', 'input.obj', 'input.items']) {
      await expect(evaluateCondition(expression, scope), expression).resolves.toBe(true);
    }
  });

  it('reports a failing condition at the step and its when field', async () => {
    await expect(evaluateCondition("{{ 'a' + 1 }}", scope, { stepId: 'warn' })).rejects.toThrow(/^step "warn" field when: /);
  });
});

describe('evaluateList', () => {
  it('returns the list an expression gives', async () => {
    await expect(evaluateList('{{ input.items }}', scope)).resolves.toEqual([{ type: 'a' }, { type: 'b' }]);
  });

  it('gives an empty list when nothing matches', async () => {
    await expect(evaluateList('input.missing', scope)).resolves.toEqual([]);
  });

  it('refuses a single value that is not a list, naming the step', async () => {
    const error: unknown = await evaluateList("input.items[type='a']", scope, { stepId: 'fan' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).message).toMatch(/^step "fan" field for_each: for_each must give a list, got an object/);
  });

  it('keeps a single match a list when the path ends in []', async () => {
    await expect(evaluateList("input.items[type='a'][]", scope)).resolves.toEqual([{ type: 'a' }]);
  });
});

describe('time limit of when and for_each', () => {
  const evaluator = createExpressionEvaluator({ timeoutMs: 300 });
  afterAll(() => evaluator.close());
  const endless = '{{ ($f := function($n){ $f($n + 1) }; $f(0)) }}';

  it('stops an endless when at the limit with expression_timeout at the step\'s when', async () => {
    const error: unknown = await evaluateCondition(endless, scope, { stepId: 'gate', evaluator }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TemplateError);
    expect(error).toMatchObject({ code: 'expression_timeout', message: expect.stringMatching(/^step "gate" field when: .*300 ms/) });
  });

  it('stops an endless for_each at the limit with expression_timeout at the step\'s for_each', async () => {
    const error: unknown = await evaluateList(endless, scope, { stepId: 'fan', evaluator }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'expression_timeout', details: { path: 'for_each', step: 'fan' } });
  });
});
