import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineRoute, requiresAuth } from './define-route.js';

const ok = { 200: { description: 'ok', schema: z.object({ id: z.string() }) } };

describe('defineRoute', () => {
  it('converts {placeholders} to the Express path', () => {
    const route = defineRoute({
      method: 'GET',
      path: '/api/v3/a/{first}/b/{second}',
      operationId: 'getB', permission: 'workflows:read',
      summary: 's',
      tags: [],
      request: { params: z.object({ first: z.string(), second: z.string() }) },
      responses: ok,
      handler: ({ params }) => ({ id: params.first + params.second }),
    });
    expect(route.expressPath).toBe('/api/v3/a/:first/b/:second');
    expect(route.public).toBe(false);
  });

  it('refuses a path placeholder the params schema does not declare', () => {
    expect(() =>
      defineRoute({ method: 'GET', path: '/x/{id}', operationId: 'x', permission: 'workflows:read', summary: 's', tags: [], responses: ok, handler: () => undefined }),
    ).toThrow(/request.params must declare exactly the path placeholders \(id\)/);
  });

  it('refuses a params schema field that is not in the path', () => {
    expect(() =>
      defineRoute({
        method: 'GET',
        path: '/x',
        operationId: 'x', permission: 'workflows:read',
        summary: 's',
        tags: [],
        request: { params: z.object({ id: z.string() }) },
        responses: ok,
        handler: () => undefined,
      }),
    ).toThrow(/placeholders/);
  });

  it('refuses Express-style :params and a route without responses', () => {
    expect(() => defineRoute({ method: 'GET', path: '/x/:id', operationId: 'x', permission: 'workflows:read', summary: 's', tags: [], responses: ok, handler: () => undefined })).toThrow(/\{name\}/);
    expect(() => defineRoute({ method: 'GET', path: '/x', operationId: 'x', permission: 'workflows:read', summary: 's', tags: [], responses: {}, handler: () => undefined })).toThrow(/at least one response/);
  });

  it('refuses a route without a permission, or with a malformed one, so it cannot start unguarded', () => {
    const base = { method: 'GET' as const, path: '/x', operationId: 'x', summary: 's', tags: [], responses: ok, handler: () => undefined };
    // @ts-expect-error -- the missing field is the point of the test
    expect(() => defineRoute(base)).toThrow(/permission must be/);
    expect(() => defineRoute({ ...base, permission: 'workflows:delete' as 'workflows:read' })).toThrow(/permission must be/);
    expect(defineRoute({ ...base, permission: 'public' }).public).toBe(true);
    expect(defineRoute({ ...base, permission: 'plugins:admin' }).permission).toBe('plugins:admin');
  });

  it('requires auth on /api/v3 routes unless public, and never elsewhere', () => {
    expect(requiresAuth({ path: '/api/v3/plugins', public: false })).toBe(true);
    expect(requiresAuth({ path: '/api/v3/health', public: true })).toBe(false);
    expect(requiresAuth({ path: '/health', public: false })).toBe(false);
  });

  it('types handler input from the schemas and its result from the responses', () => {
    defineRoute({
      method: 'POST',
      path: '/t/{id}',
      operationId: 't', permission: 'workflows:read',
      summary: 's',
      tags: [],
      request: { params: z.object({ id: z.string() }), body: z.object({ count: z.number() }) },
      responses: ok,
      handler: ({ params, body, query }) => {
        const count: number = body.count;
        // @ts-expect-error query has no schema, so it is undefined
        void query.anything;
        // @ts-expect-error params.id is a string
        const wrong: number = params.id;
        void count;
        void wrong;
        return { id: params.id };
      },
    });
    defineRoute({
      method: 'GET',
      path: '/t',
      operationId: 't2', permission: 'workflows:read',
      summary: 's',
      tags: [],
      responses: ok,
      // @ts-expect-error the body does not match the 200 schema
      handler: () => ({ id: 1 }),
    });
    expect(true).toBe(true);
  });
});
