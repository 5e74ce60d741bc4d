import { describe, expect, it } from 'vitest';
import { roleAllows, scopesAllow, scopeWithinRole } from './roles.js';

describe('roles and scopes', () => {
  it.each([
    ['viewer', 'workflows:read', true],
    ['viewer', 'workflows:write', false],
    ['viewer', 'account:write', true],
    ['editor', 'documents:write', true],
    ['editor', 'plugins:admin', false],
    ['admin', 'users:admin', true],
    ['owner', 'anything:admin', true],
  ] as const)('%s on %s -> %s', (role, permission, allowed) => {
    expect(roleAllows(role, permission)).toBe(allowed);
  });

  it('matches scopes by area and level, with wildcards', () => {
    expect(scopesAllow(['workflows:read'], 'workflows:read')).toBe(true);
    expect(scopesAllow(['workflows:read'], 'workflows:write')).toBe(false);
    expect(scopesAllow(['workflows:read'], 'documents:read')).toBe(false);
    expect(scopesAllow(['workflows:*'], 'workflows:admin')).toBe(true);
    expect(scopesAllow(['*:read'], 'documents:read')).toBe(true);
    expect(scopesAllow(['*:read'], 'documents:write')).toBe(false);
    expect(scopesAllow(['workflows:write'], 'workflows:read')).toBe(true);
    expect(scopesAllow([], 'workflows:read')).toBe(false);
  });

  it('refuses scopes wider than the role', () => {
    expect(scopeWithinRole('viewer', '*:read')).toBe(true);
    expect(scopeWithinRole('viewer', 'workflows:write')).toBe(false);
    expect(scopeWithinRole('editor', 'workflows:*')).toBe(false);
    expect(scopeWithinRole('admin', '*:*')).toBe(true);
  });
});
