import { ConfigError } from '@dwc/sdk';
import { describe, expect, it } from 'vitest';
import { describePostgresUrl, isPostgresUrl, scrubPassword } from './postgres-url.js';

describe('postgres URL handling', () => {
  it('recognises postgres:// and postgresql:// only', () => {
    expect(isPostgresUrl('postgres://h/db')).toBe(true);
    expect(isPostgresUrl('postgresql://h/db')).toBe(true);
    expect(isPostgresUrl('mysql://h/db')).toBe(false);
    expect(isPostgresUrl(undefined)).toBe(false);
  });

  it('describes host:port/database and keeps the password aside', () => {
    expect(describePostgresUrl('postgres://u:p%40ss@db.example:6543/dwc')).toEqual({ where: 'db.example:6543/dwc', password: 'p@ss' });
    expect(describePostgresUrl('postgresql://u@localhost/app')).toEqual({ where: 'localhost:5432/app', password: undefined });
  });

  it('refuses a malformed URL without echoing it', () => {
    expect(() => describePostgresUrl('postgres://u:secret@[bad/db')).toThrow(ConfigError);
    expect(() => describePostgresUrl('postgres://u:secret@[bad/db')).not.toThrow(/secret/);
  });

  it('scrubs the raw and the URL-encoded password', () => {
    expect(scrubPassword('a p@ss b p%40ss c', 'p@ss')).toBe('a *** b *** c');
    expect(scrubPassword('nothing here', undefined)).toBe('nothing here');
  });
});
