import { describe, expect, it } from 'vitest';
import { roleCan } from './roles';

describe('roleCan', () => {
  it('grants what core/runtime grants: viewers read, editors write, admins and owners administer', () => {
    expect(roleCan('viewer', 'workflows:read')).toBe(true);
    expect(roleCan('viewer', 'workflows:write')).toBe(false);
    expect(roleCan('editor', 'workflows:write')).toBe(true);
    expect(roleCan('editor', 'users:admin')).toBe(false);
    expect(roleCan('admin', 'users:admin')).toBe(true);
    expect(roleCan('owner', 'audit:admin')).toBe(true);
  });

  it('lets every role write its own account and nobody signed out do anything', () => {
    expect(roleCan('viewer', 'account:write')).toBe(true);
    expect(roleCan('viewer', 'account:admin')).toBe(false);
    expect(roleCan(undefined, 'workflows:read')).toBe(false);
  });
});
