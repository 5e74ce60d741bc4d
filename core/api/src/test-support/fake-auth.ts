import { createMemoryAuditRecorder, type AuditEntry, type Principal, type Role, type SecurityServices } from '@dwc/runtime';

/** A principal for tests: a signed-in user of `role` whose id is `subject`. */
export function testPrincipal(subject: string, role: Role = 'admin', overrides: Partial<Principal> = {}): Principal {
  return { subject, kind: 'user', userId: subject, role, scopes: null, sessionId: `session-${subject}`, apiKeyId: null, label: `${subject}@example.com`, expiresAt: null, ...overrides };
}

/**
 * `SecurityServices` for HTTP-layer tests and benchmarks that need only bearer checks: each token in
 * `tokens` maps to its principal, the audit recorder keeps entries in `audit`, and any other
 * service throws (the real ones are tested against a real runtime).
 */
export function fakeAuth(tokens: Record<string, Principal>, seen: string[] = []): SecurityServices & { entries: AuditEntry[] } {
  const audit = createMemoryAuditRecorder();
  const unused = (name: string) =>
    new Proxy({}, { get: (_target, key) => { throw new Error(`fake auth: ${name}.${String(key)} is not part of this test`); } });
  return {
    auth: {
      ...(unused('auth') as SecurityServices['auth']),
      verifyBearer: async (token: string) => {
        seen.push(token);
        return tokens[token] ?? null;
      },
    } as SecurityServices['auth'],
    accounts: unused('accounts') as SecurityServices['accounts'],
    onboarding: unused('onboarding') as SecurityServices['onboarding'],
    mfa: unused('mfa') as SecurityServices['mfa'],
    apiKeys: unused('apiKeys') as SecurityServices['apiKeys'],
    audit,
    entries: audit.entries,
    passwordStrength: () => {
      throw new Error('fake auth: passwordStrength is not part of this test');
    },
    allowRegistration: false,
  };
}
