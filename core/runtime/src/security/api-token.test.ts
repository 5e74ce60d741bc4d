import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStaticTokenAuth, resolveApiToken } from './api-token.js';

describe('API token', () => {
  it('prefers the configured token', () => {
    expect(resolveApiToken({ configured: 'x'.repeat(24), dataDir: '/nonexistent' })).toEqual({ token: 'x'.repeat(24), source: 'config' });
  });

  it('generates a token once into a 0600 file and reuses it', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'dwc-token-')), 'data');
    const first = resolveApiToken({ dataDir });
    expect(first.source).toBe('generated');
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(first.path!).mode & 0o777).toBe(0o600);
    const second = resolveApiToken({ dataDir });
    expect(second).toEqual({ token: first.token, source: 'file', path: first.path });
  });

  it('accepts only the exact token', async () => {
    const auth = createStaticTokenAuth('s3cret-token-that-is-long-enough');
    await expect(auth.verifyBearer('s3cret-token-that-is-long-enough')).resolves.toEqual({ subject: 'api-token' });
    await expect(auth.verifyBearer('s3cret-token-that-is-long-enougH')).resolves.toBeNull();
    await expect(auth.verifyBearer('')).resolves.toBeNull();
  });
});
