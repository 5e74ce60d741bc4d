import type { Request, RequestHandler, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { runChain } from './run-chain.js';

const req = {} as Request;
const res = {} as Response;

function run(chain: RequestHandler[]): Promise<{ done: boolean; error?: unknown }> {
  return new Promise((resolve) => runChain(chain, req, res, () => resolve({ done: true }), (error) => resolve({ done: false, error })));
}

describe('runChain', () => {
  it('runs middlewares in order, including ones that go on later, then done', async () => {
    const seen: number[] = [];
    const result = await run([
      (_q, _s, next) => void (seen.push(1), next()),
      async (_q, _s, next) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        seen.push(2);
        next();
      },
      (_q, _s, next) => void (seen.push(3), next()),
    ]);
    expect(result).toEqual({ done: true });
    expect(seen).toEqual([1, 2, 3]);
  });

  it('stops at next(error), a throw or a rejected promise, and reports that error', async () => {
    const boom = new Error('boom');
    const never: RequestHandler = () => {
      throw new Error('must not run');
    };
    expect(await run([(_q, _s, next) => next(boom), never])).toEqual({ done: false, error: boom });
    expect(await run([() => { throw boom; }, never])).toEqual({ done: false, error: boom });
    expect(await run([async () => { throw boom; }, never])).toEqual({ done: false, error: boom });
  });
});
