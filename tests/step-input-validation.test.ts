import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noRateLimitEnv } from '../bench/lib/server-process.js';
import { startAuthTestApp, type AuthTestApp } from './support/auth-test-app.js';

// Saving checks each step against its action's input schema; the checks need no particular
// database, so these run on SQLite only (tests/workflows-api.test.ts covers both dialects).
describe('saving a workflow checks each step against its action', () => {
  let testApp: AuthTestApp;
  let app: AuthTestApp['app'];
  let auth = { authorization: '' };

  beforeAll(async () => {
    testApp = await startAuthTestApp('sqlite', noRateLimitEnv);
    app = testApp.app;
    auth = { authorization: `Bearer ${testApp.owner.token}` };
  });
  afterAll(async () => {
    await testApp?.close();
  });

  const send = (method: 'post' | 'put', path: string, body: object) => request(app)[method](path).set(auth).send(body);
  const count = async () => (await request(app).get('/api/v3/workflows').set(auth)).body.total as number;
  const waitFor = (input: Record<string, unknown>) => ({ name: 'Wait', steps: [{ id: 'wait', type: 'delay', input }] });
  const EXPECTED = 'expected `duration_ms` (milliseconds) or `until` (date-time)';

  it('refuses a delay given {"ms": 4000} with 400 naming the step, the field and both alternatives, and stores nothing', async () => {
    const before = await count();
    const response = await send('post', '/api/v3/workflows', waitFor({ ms: 4000 }));
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({
      code: 'invalid_step_input',
      message: `step "wait" (delay), input.ms: unknown field \`ms\`; ${EXPECTED}.`,
      details: [{ step: 'wait', field: 'input.ms', message: `unknown field \`ms\`; ${EXPECTED}` }],
    });
    expect(response.body.error.message).not.toContain('Invalid input');
    expect(await count()).toBe(before);
  });

  it('says which alternatives a delay takes when it is given none', async () => {
    const response = await send('post', '/api/v3/workflows', waitFor({}));
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([{ step: 'wait', field: 'input', message: EXPECTED }]);
  });

  it('accepts templates in required fields, judging them only when the run resolves them', async () => {
    const created = await send('post', '/api/v3/workflows', {
      name: 'Templated',
      steps: [
        { id: 'wait', type: 'delay', input: { duration_ms: '{{ input.wait }}' } },
        { id: 'note', type: 'document.create', input: { title: '{topic}', content: 'waited {{ steps.wait.output.waited_ms }} ms' } },
      ],
    });
    expect(created.status).toBe(201);
    const ran = await send('post', `/api/v3/workflows/${created.body.id}/execute?wait=true`, { wait: 1, topic: 'News' });
    expect(ran.body).toMatchObject({ status: 'succeeded', output: { title: 'News' } });

    // A template that resolves to a value the action cannot take fails the run with the same readable words.
    const failed = await send('post', `/api/v3/workflows/${created.body.id}/execute?wait=true`, { wait: 'soon', topic: 'News' });
    expect(failed.body.status).toBe('failed');
    expect(failed.body.error).toMatchObject({ code: 'invalid_step_input' });
    expect(failed.body.error.message).toContain('duration_ms: expected number, received string');
  });

  it('refuses unknown keys and absent required fields that no template fills', async () => {
    const response = await send('post', '/api/v3/workflows', {
      name: 'Fetch',
      steps: [{ id: 'fetch', type: 'http.request', input: { method: 'GET', verb: '{{ input.verb }}' } }],
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_step_input');
    expect(response.body.error.details).toEqual([
      { step: 'fetch', field: 'input.url', message: 'missing required field `url` (uri)' },
      { step: 'fetch', field: 'input.verb', message: expect.stringMatching(/^unknown field `verb`; expected one of `url`, `method`/) },
    ]);
  });

  it('refuses an unknown action type with action_not_found, naming the step and the close match', async () => {
    const typo = await send('post', '/api/v3/workflows', { name: 'Typo', steps: [{ id: 'pause', type: 'dealy', input: { duration_ms: 5 } }] });
    expect(typo.status).toBe(400);
    expect(typo.body.error.code).toBe('action_not_found');
    expect(typo.body.error.message).toContain('step "pause" (dealy), type: no action "dealy" is registered');
    expect(typo.body.error.message).toContain('did you mean "delay"?');
    expect(typo.body.error.details).toEqual([{ step: 'pause', field: 'type', message: expect.any(String) }]);

    const unknown = await send('post', '/api/v3/workflows', { name: 'Unknown', steps: [{ id: 'x', type: 'frobnicate' }] });
    expect(unknown.body.error.code).toBe('action_not_found');
    expect(unknown.body.error.message).toMatch(/the known types are .*"delay".*"http\.request".*"workflow\.call"/);
  });

  it('checks updates and step edits the same way', async () => {
    const created = await send('post', '/api/v3/workflows', waitFor({ duration_ms: 1 }));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await send('put', `/api/v3/workflows/${id}`, waitFor({ ms: 1 }))).body.error.code).toBe('invalid_step_input');
    const added = await send('post', `/api/v3/workflows/${id}/nodes`, { step: { id: 'call', type: 'workflow.call', input: { input: {} } } });
    expect(added.status).toBe(400);
    expect(added.body.error.details).toEqual([{ step: 'call', field: 'input.workflow_id', message: 'missing required field `workflow_id` (workflow id)' }]);
    const replaced = await send('put', `/api/v3/workflows/${id}/nodes/wait`, { id: 'wait', type: 'delay', input: { until: 'tomorrow' } });
    expect(replaced.body.error).toMatchObject({ code: 'invalid_step_input', details: [{ step: 'wait', field: 'input.until', message: 'Invalid ISO datetime' }] });
    expect((await request(app).get(`/api/v3/workflows/${id}`).set(auth)).body.version).toBe(1);
  });

  it('lists every step type with its schemas for any signed-in user', async () => {
    const viewer = { email: 'viewer@example.com', password: 'a long and quiet viewer passphrase 7' };
    expect((await send('post', '/api/v3/auth/users', { ...viewer, role: 'viewer' })).status).toBe(201);
    const login = await request(app).post('/api/v3/auth/login').send({ username: viewer.email, password: viewer.password });
    const response = await request(app).get('/api/v3/actions').set({ authorization: `Bearer ${login.body.access_token as string}` });
    expect(response.status).toBe(200);
    const byType = new Map((response.body.items as { type: string }[]).map((item) => [item.type, item]));
    expect([...byType.keys()]).toEqual(expect.arrayContaining(['delay', 'http.request', 'transform', 'document.create', 'workflow.call']));
    expect(byType.get('delay')).toEqual({
      type: 'delay',
      title: 'Delay',
      description: expect.any(String),
      plugin: '@dwc/plugin-action-delay',
      i18n: { es: { name: 'Espera', description: expect.any(String) } },
      input_schema: expect.objectContaining({ $schema: 'https://json-schema.org/draft/2020-12/schema', anyOf: [expect.objectContaining({ required: ['duration_ms'] }), expect.objectContaining({ required: ['until'] })] }),
      output_schema: expect.objectContaining({ type: 'object', required: ['waited_ms', 'resumed_at'] }),
    });
    expect(byType.get('workflow.call')).toMatchObject({ plugin: '@dwc/runtime', input_schema: { required: ['workflow_id'] } });
    expect((await request(app).get('/api/v3/actions')).status).toBe(401);
    const openapi = await request(app).get('/openapi.json');
    expect(openapi.body.paths['/api/v3/actions'].get.responses['200']).toBeDefined();
  });
});
