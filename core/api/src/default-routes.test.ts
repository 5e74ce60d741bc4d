import { describe, expect, it } from 'vitest';
import { defaultRoutes } from './default-routes.js';

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
    const weak = defaultRoutes.filter((route) => route.method !== 'GET' && !route.public && route.permission.endsWith(':read'));
    expect(weak.map((route) => `${route.method} ${route.path}`)).toEqual([]);
  });
});
