import jsonata from 'jsonata';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateEagerly, evaluateExpression } from './evaluate-expression.js';
import type { ExpressionScope } from './evaluate-expression.js';
import { createExpressionEvaluator } from './expression-evaluator.js';
import { ExpressionError } from './expression-error.js';
import { toPlainJson } from './to-plain-json.js';

const scope: ExpressionScope = {
  input: { topic: 'AI', items: [{ name: 'a' }, { name: 'b' }] },
  steps: { summary: { status: 'succeeded', output: { sentiment: { label: 'negative' }, summary: 'bad news' } } },
  execution: { id: 'ex1' },
  workflow: { id: 'wf1', version: 2 },
};

async function failure(promise: Promise<unknown>): Promise<ExpressionError> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ExpressionError);
  return error as ExpressionError;
}

describe('evaluateEagerly', () => {
  const scope: ExpressionScope = { input: { n: 2, list: [1, 2] }, steps: { a: { output: { text: 'hi' } } } };

  it('answers a plain path at once, and anything JSONata must run in a promise', async () => {
    expect(evaluateEagerly('steps.a.output.text', scope)).toBe('hi');
    expect(evaluateEagerly('input.missing', scope)).toBeUndefined();
    const computed = evaluateEagerly('input.n * 3', scope);
    expect(computed).toBeInstanceOf(Promise);
    await expect(computed).resolves.toBe(6);
    await expect(evaluateEagerly('input.list', scope)).resolves.toEqual([1, 2]);
  });

  it('throws a syntax error at once', () => {
    expect(() => evaluateEagerly('input.n +', scope)).toThrow(ExpressionError);
  });
});

describe('evaluateExpression', () => {
  const shortLimit = createExpressionEvaluator({ timeoutMs: 300 });
  afterAll(() => shortLimit.close());

  it('evaluates the API.md condition written with ==', async () => {
    await expect(evaluateExpression("steps.summary.output.sentiment.label == 'negative'", scope)).resolves.toBe(true);
    await expect(evaluateExpression("steps.summary.output.sentiment.label != 'negative'", scope)).resolves.toBe(false);
  });

  it('evaluates && and || like and and or', async () => {
    await expect(evaluateExpression("input.topic == 'AI' && workflow.version == 2", scope)).resolves.toBe(true);
    await expect(evaluateExpression("input.topic == 'ML' || execution.id == 'ex1'", scope)).resolves.toBe(true);
  });

  it('does not rewrite operators inside string literals', async () => {
    await expect(evaluateExpression('"a == b" & \' && \'', scope)).resolves.toBe('a == b && ');
  });

  it('returns plain arrays, not JSONata sequences', async () => {
    const names = await evaluateExpression('input.items.name', scope);
    expect(names).toEqual(['a', 'b']);
    expect(Object.keys(names as object)).toEqual(['0', '1']);
  });

  it('returns undefined for no match', async () => {
    await expect(evaluateExpression('steps.missing.output', scope)).resolves.toBeUndefined();
  });

  it('drops functions from results', async () => {
    await expect(evaluateExpression('function($x) { $x }', scope)).resolves.toBeUndefined();
    await expect(evaluateExpression('{ "f": function($x) { $x }, "n": 1 }', scope)).resolves.toEqual({ n: 1 });
  });

  it('stops endless tail recursion at the time limit, naming the limit and the setting that raises it', async () => {
    const error = await failure(evaluateExpression('($f := function($x){ $f($x) }; $f(1))', scope, shortLimit));
    expect(error.code).toBe('expression_timeout');
    expect(error.message).toMatch(/time limit of 300 ms.*DWC_EXPRESSION_TIMEOUT_MS/);
    expect(error.details).toMatchObject({ expression: '($f := function($x){ $f($x) }; $f(1))', limit: 300, unit: 'ms', setting: 'DWC_EXPRESSION_TIMEOUT_MS' });
  });

  it('fails fast with a clear error on deep recursion instead of overflowing the stack', async () => {
    const error = await failure(evaluateExpression('($f := function($x){ 1 + $f($x) }; $f(1))', scope));
    expect(error.message).toMatch(/stack overflow/i);
    expect(error.details).toMatchObject({ jsonata_code: 'D1011' });
  });

  it('gives no access to Node globals or prototypes', async () => {
    await expect(evaluateExpression('process', scope)).resolves.toBeUndefined();
    await expect(evaluateExpression('input.constructor', scope)).resolves.toBeUndefined();
    await expect(evaluateExpression('$eval("process.exit()")', scope)).resolves.toBeUndefined();
    await expect(evaluateExpression('$eval("$.constructor.constructor")', scope)).resolves.toBeUndefined();
  });

  it('reports a syntax error with the position in the text as written', async () => {
    const error = await failure(evaluateExpression('a && (b', scope));
    expect(error.code).toBe('invalid_expression');
    expect(error.expression).toBe('a && (b');
    expect(error.position).toBe(7);
  });

  it('reports an evaluation error with its JSONata code and token', async () => {
    const error = await failure(evaluateExpression("'a' + 1", scope));
    expect(error.details).toMatchObject({ expression: "'a' + 1", jsonata_code: 'T2001', token: '+' });
  });

  it('refuses an empty expression', async () => {
    await failure(evaluateExpression('  ', scope));
  });

  it('reads plain dotted paths exactly as JSONata does', async () => {
    const values: unknown[] = [null, 0, 7, '', 'text', true, false, {}, { x: 1 }, { x: { y: 'deep' } }, [], [1], [{ x: 1 }, { x: 2 }], { x: [{ y: 1 }] }];
    const paths = ['input', 'input.x', 'input.x.y', 'input.missing', 'input.x.length', 'input.constructor', 'input.toString', 'input.__proto__', 'steps.a.output.x', 'item', 'index'];
    for (const value of values) {
      const data: ExpressionScope = { input: value, steps: { a: { status: 'succeeded', output: value } }, item: value, index: 3 };
      for (const path of paths) {
        const expected = await jsonata(path).evaluate(data);
        const actual = await evaluateExpression(path, data);
        expect({ path, value, actual }).toEqual({ path, value, actual: toPlainJson(expected) });
      }
    }
    await expect(evaluateExpression(' true ', scope)).resolves.toBe(true);
    await expect(evaluateExpression('null', scope)).resolves.toBeNull();
  });

  it('compiles an expression once and reuses it', () => {
    expect(shortLimit.compile('input.topic')).toBe(shortLimit.compile('input.topic'));
  });
});
