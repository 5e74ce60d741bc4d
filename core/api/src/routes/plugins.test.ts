import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { AUTH, fakeDeps } from '../test-support/fake-deps.js';

function setup() {
  const fake = fakeDeps();
  return { fake, app: createApp(fake.deps) };
}

const OPENAI = encodeURIComponent('@dwc/plugin-ai-openai');

describe('plugin routes', () => {
  it('lists plugins in snake_case with their config schema, permissions and failures', async () => {
    const res = await request(setup().app).get('/api/v3/plugins').set(AUTH);
    expect(res.status).toBe(200);
    expect(res.body.plugins).toHaveLength(2);
    expect(res.body.plugins[0]).toEqual({
      name: '@dwc/plugin-ai-openai',
      version: '1.2.0',
      description: 'OpenAI provider',
      kinds: ['ai-provider'],
      state: 'active',
      source: 'folder',
      capabilities: [{ kind: 'ai-provider', type: 'openai' }],
      config_schema: { type: 'object', properties: { api_key_secret: { type: 'string' } } },
      permissions: { network: ['api.openai.com'], secrets: ['OPENAI_API_KEY'], filesystem: [] },
    });
    expect(res.body.plugins[1]).toMatchObject({ name: 'broken-plugin', state: 'failed', error: 'setup threw' });
    expect(res.body.plugins[1]).not.toHaveProperty('config_schema');
  });

  it('gets one plugin by its URL-encoded scoped name', async () => {
    const res = await request(setup().app).get(`/api/v3/plugins/${OPENAI}`).set(AUTH);
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('@dwc/plugin-ai-openai');
  });

  it('answers 404 for a plugin that is not installed', async () => {
    const res = await request(setup().app).get('/api/v3/plugins/nope').set(AUTH);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('"nope"');
  });

  it('disables and enables a plugin', async () => {
    const { app, fake } = setup();
    const disabled = await request(app).post(`/api/v3/plugins/${OPENAI}/disable`).set(AUTH);
    expect(disabled.status).toBe(200);
    expect(disabled.body.state).toBe('disabled');
    expect(fake.plugins[0]!.state).toBe('disabled');
    const enabled = await request(app).post(`/api/v3/plugins/${OPENAI}/enable`).set(AUTH);
    expect(enabled.body.state).toBe('active');
  });

  it('answers 404 when enabling an unknown plugin', async () => {
    const res = await request(setup().app).post('/api/v3/plugins/nope/enable').set(AUTH);
    expect(res.status).toBe(404);
  });

  it('applies a valid config and returns the plugin', async () => {
    const res = await request(setup().app).put(`/api/v3/plugins/${OPENAI}/config`).set(AUTH).send({ api_key_secret: 'OPENAI_API_KEY' });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('@dwc/plugin-ai-openai');
  });

  it('answers an invalid config with 400 and the runtime field errors', async () => {
    const res = await request(setup().app).put(`/api/v3/plugins/${OPENAI}/config`).set(AUTH).send({ api_key_secret: 42 });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_input', details: { api_key_secret: ['Expected a string'] } });
  });

  it('refuses a config body that is not an object', async () => {
    const res = await request(setup().app).put(`/api/v3/plugins/${OPENAI}/config`).set(AUTH).send([1, 2]);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.details)).toEqual(['body']);
  });

  it('requires a token for every plugin route', async () => {
    const app = setup().app;
    const calls = [
      request(app).get('/api/v3/plugins'),
      request(app).get(`/api/v3/plugins/${OPENAI}`),
      request(app).post(`/api/v3/plugins/${OPENAI}/enable`),
      request(app).post(`/api/v3/plugins/${OPENAI}/disable`),
      request(app).put(`/api/v3/plugins/${OPENAI}/config`).send({}),
    ];
    for (const res of await Promise.all(calls)) expect(res.status).toBe(401);
  });
});
