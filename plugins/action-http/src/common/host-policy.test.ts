import { describe, expect, it } from 'vitest';
import { hostAllowed, hostOf } from './host-policy.js';

describe('hostAllowed', () => {
  const allowed = ['api.example.com', '*.example.org', '10.0.0.5', '::1'];

  it('allows any host when the list is empty', () => expect(hostAllowed('anything.test', [])).toBe(true));
  it('matches exact names', () => expect(hostAllowed('api.example.com', allowed)).toBe(true));
  it('matches subdomains of a wildcard but not its apex', () => {
    expect(hostAllowed('a.b.example.org', allowed)).toBe(true);
    expect(hostAllowed('example.org', allowed)).toBe(false);
    expect(hostAllowed('badexample.org', allowed)).toBe(false);
  });
  it('does not match a name that only ends like an exact entry', () => expect(hostAllowed('evilapi.example.com', allowed)).toBe(false));
  it('matches IP literals, IPv6 without brackets', () => {
    expect(hostAllowed('10.0.0.5', allowed)).toBe(true);
    expect(hostAllowed(hostOf(new URL('http://[::1]:8080/')), allowed)).toBe(true);
  });
  it('normalises case and a trailing dot', () => expect(hostOf(new URL('http://API.Example.com./x'))).toBe('api.example.com'));
});
