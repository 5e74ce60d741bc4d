import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { fakeDeps } from '../test-support/fake-deps.js';

describe('health routes', () => {
  it('reports liveness with the version and whole seconds of uptime', async () => {
    const res = await request(createApp(fakeDeps().deps)).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', version: '9.9.9-test', uptime_s: expect.any(Number) });
    expect(Number.isInteger(res.body.uptime_s)).toBe(true);
  });

  it('renders readiness checks in snake_case and answers 200 when ok', async () => {
    const fake = fakeDeps();
    const res = await request(createApp(fake.deps)).get('/api/v3/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', checks: [{ name: 'database', status: 'ok', latency_ms: 1.5 }] });
  });

  it('answers 200 when degraded and keeps the detail of each check', async () => {
    const fake = fakeDeps();
    fake.setReadiness({ status: 'degraded', checks: [{ name: 'ai:openai', status: 'degraded', latencyMs: 900, detail: 'slow' }] });
    const res = await request(createApp(fake.deps)).get('/api/v3/health');
    expect(res.status).toBe(200);
    expect(res.body.checks[0]).toEqual({ name: 'ai:openai', status: 'degraded', latency_ms: 900, detail: 'slow' });
  });

  it('answers 503 when down', async () => {
    const fake = fakeDeps();
    fake.setReadiness({ status: 'down', checks: [{ name: 'database', status: 'down', latencyMs: 5000, detail: 'connection refused' }] });
    const res = await request(createApp(fake.deps)).get('/api/v3/health');
    expect(res.status).toBe(503);
    expect(res.body.status).toBe('down');
  });
});
