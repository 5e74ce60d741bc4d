import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { fakeDeps } from './test-support/fake-deps.js';

describe('request context', () => {
  it('echoes a safe incoming X-Request-Id', async () => {
    const res = await request(createApp(fakeDeps().deps)).get('/health').set('X-Request-Id', 'abc-123_x.y:z');
    expect(res.headers['x-request-id']).toBe('abc-123_x.y:z');
  });

  it('replaces an unsafe or overlong X-Request-Id with a generated one', async () => {
    const app = createApp(fakeDeps().deps);
    for (const bad of ['has space', 'x'.repeat(65), '<script>']) {
      const res = await request(app).get('/health').set('X-Request-Id', bad);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('generates a distinct request id when none is sent', async () => {
    const app = createApp(fakeDeps().deps);
    const first = await request(app).get('/health');
    const second = await request(app).get('/health');
    expect(first.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
  });

  it('writes one log line per request with request id, method, path without query, status and duration', async () => {
    const fake = fakeDeps();
    await request(createApp(fake.deps)).get('/api/v3/plugins?token=secret').set('X-Request-Id', 'req-1');
    const lines = fake.logs.filter((line) => line.msg === 'request completed');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ request_id: 'req-1', method: 'GET', path: '/api/v3/plugins', status: 401 });
    expect(typeof lines[0]!.duration_ms).toBe('number');
    expect(JSON.stringify(fake.logs)).not.toContain('secret');
  });

  it('turns off X-Powered-By and sets security headers', async () => {
    const res = await request(createApp(fakeDeps().deps)).get('/health');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });
});
