import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, loopbackHostGuard } from './loopback-host-guard.js';

const request = (headers: Record<string, string>): IncomingMessage => ({ headers }) as unknown as IncomingMessage;

describe('loopbackHostGuard', () => {
  const guard = loopbackHostGuard(8123, ['https://tools.example']);

  it('lets 127.0.0.1, localhost and [::1] on its own port through, with or without a same-origin Origin', () => {
    for (const host of ['127.0.0.1:8123', 'localhost:8123', 'LOCALHOST:8123', '[::1]:8123']) {
      expect(guard(request({ host }), undefined)).toBeUndefined();
      expect(guard(request({ host, origin: `http://${host}` }), undefined)).toBeUndefined();
    }
  });

  it('refuses a foreign Host with 421 host_header_refused (a DNS-rebound name)', () => {
    expect(guard(request({ host: 'evil.example:8123' }), undefined)).toMatchObject({ status: 421, code: 'host_header_refused' });
    expect(guard(request({ host: '127.0.0.1.evil.example:8123' }), undefined)).toMatchObject({ status: 421 });
    expect(guard(request({}), undefined)).toMatchObject({ status: 421 });
  });

  it('refuses its own names on another port', () => {
    expect(guard(request({ host: '127.0.0.1:8124' }), undefined)).toMatchObject({ status: 421 });
    expect(guard(request({ host: 'localhost' }), undefined)).toMatchObject({ status: 421 });
  });

  it('refuses a foreign Origin with 403 origin_not_allowed, also "null" and https on its own name', () => {
    for (const origin of ['http://evil.example', 'http://evil.example:8123', 'null', 'https://127.0.0.1:8123', 'http://127.0.0.1:9999']) {
      expect(guard(request({ host: '127.0.0.1:8123', origin }), undefined)).toMatchObject({ status: 403, code: 'origin_not_allowed' });
    }
  });

  it('lets an origin listed in DWC_CORS_ORIGINS through', () => {
    expect(guard(request({ host: '127.0.0.1:8123', origin: 'https://tools.example' }), undefined)).toBeUndefined();
  });
});

describe('isLoopbackHost', () => {
  it('knows loopback addresses from the rest', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1'].map(isLoopbackHost)).toEqual([true, true, true, true]);
    expect(['::', '0.0.0.0', '192.168.1.2', 'example.com'].map(isLoopbackHost)).toEqual([false, false, false, false]);
  });
});
