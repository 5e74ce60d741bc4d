import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { fakeDeps } from './test-support/fake-deps.js';

const ALLOWED = 'http://ui.example.com';

describe('CORS', () => {
  it('allows a configured origin and exposes X-Request-Id', async () => {
    const app = createApp(fakeDeps({ corsOrigins: [ALLOWED] }).deps);
    const res = await request(app).get('/health').set('Origin', ALLOWED);
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(res.headers['access-control-expose-headers']).toContain('X-Request-Id');
  });

  it('answers a preflight from a configured origin allowing Authorization', async () => {
    const app = createApp(fakeDeps({ corsOrigins: [ALLOWED] }).deps);
    const res = await request(app)
      .options('/api/v3/plugins')
      .set('Origin', ALLOWED)
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(res.headers['access-control-allow-headers']).toContain('Authorization');
  });

  it('sends no allow-origin header to an origin not in the list', async () => {
    const app = createApp(fakeDeps({ corsOrigins: [ALLOWED] }).deps);
    const res = await request(app).get('/health').set('Origin', 'http://evil.example.com');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends no CORS headers at all when no origin is configured', async () => {
    const app = createApp(fakeDeps({ corsOrigins: [] }).deps);
    const res = await request(app).get('/health').set('Origin', ALLOWED);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows any origin when the list contains *', async () => {
    const app = createApp(fakeDeps({ corsOrigins: ['*'] }).deps);
    const res = await request(app).get('/health').set('Origin', 'http://anything.example');
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });
});
