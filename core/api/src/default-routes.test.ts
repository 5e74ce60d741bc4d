import { describe, expect, it } from 'vitest';
import { defaultRoutes } from './default-routes.js';
import { buildOpenApiDocument } from './openapi-document.js';

const PERMISSION = /^(public|[a-z][a-z0-9_-]*:(read|write|admin))$/;

describe('the mounted route table', () => {
  it.each(defaultRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))('%s declares a valid permission', (_name, route) => {
    expect(route.permission).toMatch(PERMISSION);
  });

  it('keeps public only what must work without credentials', () => {
    const publicApi = defaultRoutes.filter((route) => route.public && route.path.startsWith('/api/v3/')).map((route) => route.operationId).sort();
    expect(publicApi).toEqual(['getReadiness', 'login', 'refreshToken', 'register', 'securityLogin', 'setupFirstOwner', 'validatePassword'].sort());
  });

  it('guards every mutating route with a write or admin level (or the caller\'s own account)', () => {
    // POSTs that only read: a search whose query travels in the body.
    const readOnlyPosts = new Set(['searchDocumentsPost']);
    // Approval decisions: the step's own `approvers` (roles or user ids, a viewer included) decide who may; the runtime checks it (403 approval_forbidden).
    const approverGuarded = new Set(['approveStep', 'rejectStep']);
    const weak = defaultRoutes.filter((route) => route.method !== 'GET' && !route.public && route.permission.endsWith(':read') && !readOnlyPosts.has(route.operationId) && !approverGuarded.has(route.operationId));
    expect(weak.map((route) => `${route.method} ${route.path}`)).toEqual([]);
  });

  it('documents each protected operation\'s permission and its 403', () => {
    const document = buildOpenApiDocument(defaultRoutes, { version: 'test' }) as unknown as { paths: Record<string, Record<string, { 'x-permission'?: string; responses: Record<string, unknown> }>> };
    const create = document.paths['/api/v3/workflows']!.post!;
    expect(create['x-permission']).toBe('workflows:write');
    expect(create.responses['403']).toBeDefined();
    expect(document.paths['/api/v3/auth/login']!.post!['x-permission']).toBeUndefined();
  });
});
