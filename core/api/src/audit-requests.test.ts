import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { AUTH, fakeDeps, SUBJECT } from './test-support/fake-deps.js';

const waitForAudit = async (audited: unknown[], count: number) => {
  for (let i = 0; i < 100 && audited.length < count; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('audit of mutating requests', () => {
  it('records a mutating request with actor, IP, user agent, route template, params, status and field names only', async () => {
    const fake = fakeDeps();
    const res = await request(createApp(fake.deps))
      .put(`/api/v3/plugins/${encodeURIComponent('@dwc/plugin-ai-openai')}/config`)
      .set(AUTH)
      .set('user-agent', 'unit/1')
      .send({ api_key_secret: 'sk-should-not-appear' });
    expect(res.status).toBe(200);
    await waitForAudit(fake.audited, 1);
    expect(fake.audited).toEqual([
      {
        action: 'http.request',
        outcome: 'success',
        actor: `user:${SUBJECT}`,
        actorLabel: `${SUBJECT}@example.com`,
        ip: expect.stringMatching(/127\.0\.0\.1/),
        userAgent: 'unit/1',
        target: 'PUT /api/v3/plugins/{name}/config',
        after: { fields: ['api_key_secret'], id: '@dwc/plugin-ai-openai' },
        detail: { status: 200, request_id: res.headers['x-request-id'], params: { name: '@dwc/plugin-ai-openai' }, duration_ms: expect.any(Number) },
      },
    ]);
    expect(JSON.stringify(fake.audited)).not.toContain('sk-should-not-appear');
  });

  it('records a refused request as a failure without an actor, and skips reads and paths outside the API', async () => {
    const fake = fakeDeps();
    const app = createApp(fake.deps);
    await request(app).post(`/api/v3/plugins/${encodeURIComponent('@dwc/plugin-ai-openai')}/enable`).set('Authorization', 'Bearer wrong').expect(401);
    await request(app).get('/api/v3/plugins').set(AUTH).expect(200);
    await request(app).post('/health').expect(405);
    await request(app).post('/api/v3/no-such-route').set(AUTH).send({ password: 'p' }).expect(404);
    await waitForAudit(fake.audited, 2);
    expect(fake.audited).toMatchObject([
      { outcome: 'failure', actor: null, target: 'POST /api/v3/plugins/{name}/enable', detail: { status: 401 } },
      { outcome: 'failure', actor: null, target: 'POST /api/v3/no-such-route', after: { fields: ['password'] }, detail: { status: 404 } },
    ]);
    expect(fake.audited).toHaveLength(2);
  });
});
