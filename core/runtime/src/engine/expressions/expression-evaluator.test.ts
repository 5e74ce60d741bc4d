import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createExpressionEvaluator } from './expression-evaluator.js';
import { ExpressionError } from './expression-error.js';

async function failure(promise: unknown): Promise<ExpressionError> {
  const error: unknown = await Promise.resolve(promise).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ExpressionError);
  return error as ExpressionError;
}

/** Counts how often a 10 ms timer fires while `work` runs: the main thread's event loop kept turning. */
async function ticksDuring(work: Promise<unknown>): Promise<number> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 10);
  await work.catch(() => undefined);
  clearInterval(timer);
  return ticks;
}

describe('expression evaluator', () => {
  const evaluator = createExpressionEvaluator({ timeoutMs: 1_000, memoryMb: 64 });
  afterAll(() => evaluator.close());

  it('evaluates a normal expression on the main thread, without the expression process', async () => {
    const fresh = createExpressionEvaluator();
    await expect(fresh.evaluate('{ "total": $sum(items.price), "names": items[price > 10].name }', { items: [{ name: 'a', price: 5 }, { name: 'b', price: 15 }] }))
      .resolves.toEqual({ total: 20, names: 'b' });
    expect(fresh.evaluate('a.b', { a: { b: 1 } })).toBe(1);
    await expect(fresh.evaluate('$x * 2', {}, { bindings: { x: 21 } })).resolves.toBe(42);
    expect(fresh.stats()).toEqual({ offloaded: 0, processStarts: 0 });
  });

  it('stops an endless loop at its time limit while the event loop keeps turning, and the next evaluation works', async () => {
    const running = evaluator.evaluate('($loop := function(){ $loop() }; $loop())', {});
    expect(await ticksDuring(Promise.resolve(running))).toBeGreaterThanOrEqual(20);
    const error = await failure(running);
    expect(error).toMatchObject({ code: 'expression_timeout', details: { limit: 1_000, setting: 'DWC_EXPRESSION_TIMEOUT_MS' } });
    await expect(evaluator.evaluate('$count([1..200000])', {})).resolves.toBe(200_000);
  });

  it('runs the issue\'s expression away from the main thread and fails it over a limit, naming the setting', async () => {
    const running = evaluator.evaluate('$count($map([1..9999999], function($x){$x*2}))', {});
    expect(await ticksDuring(Promise.resolve(running))).toBeGreaterThanOrEqual(5);
    const error = await failure(running);
    expect(['expression_timeout', 'expression_memory_limit']).toContain(error.code);
    expect(error.message).toMatch(/DWC_EXPRESSION_(TIMEOUT_MS|MEMORY_MB)/);
  });

  it('fails an expression over the memory limit with expression_memory_limit; the server process lives on', async () => {
    const small = createExpressionEvaluator({ timeoutMs: 20_000, memoryMb: 64 });
    const error = await failure(small.evaluate('$count([1..9999999])', {}));
    expect(error.code).toBe('expression_memory_limit');
    expect(error.message).toMatch(/memory limit of 64 MB.*DWC_EXPRESSION_MEMORY_MB/);
    expect(error.details).toMatchObject({ limit: 64, unit: 'MB', setting: 'DWC_EXPRESSION_MEMORY_MB' });
    // A new expression process takes over.
    await expect(small.evaluate('$string($count([1..200000])) & " items"', {})).resolves.toBe('200000 items');
    expect(small.stats()).toEqual({ offloaded: 2, processStarts: 2 });
    small.close();
  });

  it('hands large ranges, regular expressions and $eval to the expression process, with the same results', async () => {
    const before = evaluator.stats().offloaded;
    await expect(evaluator.evaluate('$sum([1..n])', { n: 200_000 })).resolves.toBe(20_000_100_000);
    await expect(evaluator.evaluate('$match(text, /b+/).match', { text: 'abbc' })).resolves.toBe('bb');
    await expect(evaluator.evaluate('$eval("1 + x", $)', { x: 2 })).resolves.toBe(3);
    await expect(evaluator.evaluate('$y & $string($count(list))', { list: [1, 2] }, { bindings: { y: 'n=' } })).resolves.toBe('n=2');
    expect(evaluator.stats().offloaded - before).toBe(3);
  });

  it('stops a catastrophically backtracking regular expression at the time limit', async () => {
    const error = await failure(evaluator.evaluate('$contains(text, /^(a+)+$/)', { text: `${'a'.repeat(40)}!` }));
    expect(error.code).toBe('expression_timeout');
  });

  it('reports an evaluation error from the expression process with its position in the text as written', async () => {
    const source = "$match('x', /x/).match == 'x' ? 'a' + 1 : 0";
    const error = await failure(evaluator.evaluate(source, {}));
    expect(error).toMatchObject({ code: 'invalid_expression', position: source.indexOf('+') + 1, details: { jsonata_code: 'T2001', token: '+' } });
  });

  it('refuses a range over JSONata\'s own cap with expression_too_large', async () => {
    const error = await failure(evaluator.evaluate('[1..20000000]', {}));
    expect(error).toMatchObject({ code: 'expression_too_large', details: { limit: 10_000_000, setting: null } });
  });

  it('abandons an evaluation when its signal aborts', async () => {
    const controller = new AbortController();
    const running = evaluator.evaluate('($loop := function(){ $loop() }; $loop())', {}, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('step cancelled')), 100);
    await expect(running).rejects.toThrow('step cancelled');
  });

  it('keeps a process alive while the expression process answers, and not once it is idle', async () => {
    const engine = new URL('../../../dist/engine/index.js', import.meta.url).href;
    const script = `const { createExpressionEvaluator } = await import(${JSON.stringify(engine)});
      console.log(await createExpressionEvaluator().evaluate('$match(text, /b+/).match', { text: 'abbc' }));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { timeout: 20_000 });
    expect(stdout.trim()).toBe('bb');
  });
});
