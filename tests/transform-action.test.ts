import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noRateLimitEnv } from '../bench/lib/server-process.js';
import { startAuthTestApp, type AuthTestApp } from './support/auth-test-app.js';

interface StepView {
  id: string;
  status: string;
  output?: { result: unknown };
  error?: { code: string; message: string; details?: Record<string, unknown> };
}

// The transform action evaluates through the runtime's evaluator (ctx.expressions); these are its
// cases as a workflow author meets them.
describe('the transform action', () => {
  let testApp: AuthTestApp;
  let app: AuthTestApp['app'];
  let auth = { authorization: '' };

  beforeAll(async () => {
    testApp = await startAuthTestApp('sqlite', noRateLimitEnv);
    app = testApp.app;
    auth = { authorization: `Bearer ${testApp.owner.token}` };
  });
  afterAll(async () => {
    await testApp?.close();
  });

  /** Runs one transform step over `data` and returns the step as the API shows it. */
  async function transform(expression: string, data?: unknown): Promise<StepView> {
    const created = await request(app).post('/api/v3/workflows').set(auth).send({ name: 't', steps: [{ id: 't', type: 'transform', input: data === undefined ? { expression } : { expression, data } }] });
    expect(created.status).toBe(201);
    const run = await request(app).post(`/api/v3/workflows/${created.body.id as string}/execute?wait=true`).set(auth).send({});
    return (run.body.steps as StepView[])[0]!;
  }

  it('reshapes data with a JSONata expression', async () => {
    const data = { items: [{ title: 'a', price: 5 }, { title: 'b', price: 15 }, { title: 'c', price: 25 }] };
    expect(await transform('items[price > 10].title', data)).toMatchObject({ status: 'succeeded', output: { result: ['b', 'c'] } });
    expect(await transform('{ "total": $sum(n), "count": $count(n) }', { n: [1, 2, 3] })).toMatchObject({ output: { result: { total: 6, count: 3 } } });
  });

  it('gives null when the expression matches nothing', async () => {
    expect(await transform('missing.field', { other: 1 })).toMatchObject({ status: 'succeeded', output: { result: null } });
  });

  it('gives the same results for what runs in the expression process: regular expressions and large ranges', async () => {
    expect(await transform('$replace(text, /o+/, "0")', { text: 'foo boo' })).toMatchObject({ output: { result: 'f0 b0' } });
    expect(await transform('$sum([1..200000])')).toMatchObject({ output: { result: 20_000_100_000 } });
  });

  it('reports a syntax error with its position and code', async () => {
    const step = await transform('items[price >', {});
    expect(step).toMatchObject({ status: 'failed', error: { code: 'invalid_expression', details: { action: 'transform', cause: { expression: 'items[price >', position: expect.any(Number) } } } });
    expect(step.error!.message).toMatch(/JSONata expression failed at position \d+/);
  });

  it('reports an evaluation error such as calling an unknown function', async () => {
    expect(await transform('$notAFunction(1)', {})).toMatchObject({ status: 'failed', error: { code: 'invalid_expression' } });
  });

  it('cannot reach Node globals: names resolve only inside the data', async () => {
    for (const expression of ['$eval("process.exit(1)")', 'process.env', 'constructor']) {
      expect(await transform(expression, {}), expression).toMatchObject({ status: 'succeeded', output: { result: null } });
    }
  });
});
