import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '@dwc/api';
import { createLogger, createRuntime, loadConfig, type Runtime } from '@dwc/runtime';
import { bundledPluginsDir, composeApiDeps } from '@dwc/server';
import type { DwcEvent } from '@dwc/sdk';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookSignature } from '../core/api/src/routes/triggers/webhook-auth.js';
import { noRateLimitEnv, ownerEnv, TEST_OWNER } from '../bench/lib/server-process.js';
import { createTestDatabase, type ScratchDatabase } from './support/postgres.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

describe.each(['sqlite', 'postgres'] as const)('webhook triggers on %s', (dialect) => {
  let runtime: Runtime;
  let app: ReturnType<typeof createApp>;
  let dir: string;
  let scratch: ScratchDatabase | undefined;
  let auth: { authorization: string };
  const changes: DwcEvent[] = [];

  const open = async (): Promise<void> => {
    const config = loadConfig({
      env: { DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: scratch?.url ?? '', DWC_BODY_LIMIT: '2kb', DWC_MASTER_KEY: 'a'.repeat(64), ...ownerEnv, ...noRateLimitEnv },
      cwd: dir,
      defaults: { pluginsDir: bundledPluginsDir },
    });
    runtime = await createRuntime({ config, logger: createLogger({ level: 'silent' }), cwd: repoRoot });
    runtime.events.on('workflow.trigger_changed', (event) => void changes.push(event));
    app = createApp(composeApiDeps(runtime));
    const login = await request(app).post('/api/v3/auth/login').send({ username: TEST_OWNER.email, password: TEST_OWNER.password });
    auth = { authorization: `Bearer ${login.body.access_token as string}` };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dwc-webhook-trigger-'));
    scratch = dialect === 'postgres' ? await createTestDatabase() : undefined;
    await open();
  });
  afterAll(async () => {
    await runtime.close();
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (path: string, body: object) => request(app).post(path).set(auth).send(body);
  const echo = [{ id: 'echo', type: 'transform', input: { expression: '{ "got": body.n, "via": method }', data: '{{ input }}' } }];
  const activeWebhook = async (trigger: object, steps: object[] = echo): Promise<string> => {
    const created = await post('/api/v3/workflows', { name: 'Hook', trigger: { type: 'webhook', ...trigger }, steps });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const patched = await request(app).patch(`/api/v3/workflows/${created.body.id}`).set(auth).send({ active: true });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.active).toBe(true);
    return created.body.id as string;
  };

  it('refuses a trigger its type cannot take, or an unknown type, at save', async () => {
    const bad = await post('/api/v3/workflows', { name: 'Bad', trigger: { type: 'webhook', path: 'a b', respond: 'later' }, steps: echo });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_trigger');
    expect(Object.keys(bad.body.error.details)).toEqual(expect.arrayContaining(['trigger.path', 'trigger.respond']));
    const unknown = await post('/api/v3/workflows', { name: 'Bad', trigger: { type: 'telepathy' }, steps: echo });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('trigger_not_found');
  });

  it('lists trigger types with their settings as JSON Schema', async () => {
    const listed = await request(app).get('/api/v3/triggers').set(auth);
    expect(listed.status).toBe(200);
    const webhook = listed.body.items.find((t: { type: string }) => t.type === 'webhook');
    expect(webhook.settings_schema.properties).toHaveProperty('path');
    expect(webhook.settings_schema.properties).toHaveProperty('condition');
    expect(listed.body.items.map((t: { type: string }) => t.type)).toEqual(expect.arrayContaining(['manual', 'api_call', 'webhook']));
  });

  it('answers 404 on an unknown path and on the path of an inactive workflow', async () => {
    expect((await request(app).post('/webhook/nobody/here').send({})).status).toBe(404);
    const created = await post('/api/v3/workflows', { name: 'Off', trigger: { type: 'webhook', path: 'off' }, steps: echo });
    const off = await request(app).post('/webhook/off').send({});
    expect(off.status).toBe(404);
    expect(off.body.error.code).toBe('webhook_not_found');
    await request(app).patch(`/api/v3/workflows/${created.body.id}`).set(auth).send({ active: true });
    await runtime.triggers.settled();
    expect((await request(app).post('/webhook/off').send({})).status).toBe(202);
    await request(app).patch(`/api/v3/workflows/${created.body.id}`).set(auth).send({ active: false });
    await runtime.triggers.settled();
    expect((await request(app).post('/webhook/off').send({})).status).toBe(404);
  });

  it('answers 202 with the execution id at once, the request being the input without credentials', async () => {
    await activeWebhook({ path: 'orders/new' });
    await runtime.triggers.settled();
    const hit = await request(app).post('/webhook/orders/new?src=shop').set('authorization', 'Bearer hidden').send({ n: 7 });
    expect(hit.status).toBe(202);
    const execution = await runtime.executions.waitFor(hit.body.execution_id as string, 10_000);
    expect(execution.status).toBe('succeeded');
    const input = execution.input as { body: unknown; query: unknown; headers: Record<string, unknown>; method: string; path: string };
    expect(input).toMatchObject({ body: { n: 7 }, query: { src: 'shop' }, method: 'POST', path: 'orders/new' });
    expect(input.headers).not.toHaveProperty('authorization');
    expect(execution.trigger).toMatchObject({ type: 'webhook' });
  });

  it('answers with the output when finished, or 202 after timeout_ms', async () => {
    await activeWebhook({ path: 'sync', respond: 'when_finished', timeout_ms: 10_000 });
    await activeWebhook({ path: 'slow', respond: 'when_finished', timeout_ms: 50 }, [{ id: 'wait', type: 'delay', input: { duration_ms: 1_500 } }]);
    await runtime.triggers.settled();
    const sync = await request(app).post('/webhook/sync').send({ n: 3 });
    expect(sync.status).toBe(200);
    expect(sync.body).toEqual({ result: { got: 3, via: 'POST' } });
    const slow = await request(app).post('/webhook/slow').send({});
    expect(slow.status).toBe(202);
    expect(typeof slow.body.execution_id).toBe('string');
  });

  it('checks an HMAC-SHA256 signature over the raw body, refuses a bad, stale or replayed one', async () => {
    expect((await request(app).put('/api/v3/security/secrets/HOOK_KEY').set(auth).send({ value: 'shh-very-secret' })).status).toBeLessThan(300);
    await activeWebhook({ path: 'signed', auth: { type: 'hmac_sha256', secret: 'HOOK_KEY' } });
    await runtime.triggers.settled();
    const body = Buffer.from('{"n": 1}');
    const now = String(Math.floor(Date.now() / 1000));
    const send = (signature: string, timestamp: string) =>
      request(app).post('/webhook/signed').set('content-type', 'application/json').set('x-signature-256', signature).set('x-webhook-timestamp', timestamp).send(body.toString());
    const good = webhookSignature('shh-very-secret', now, body);
    const accepted = await send(good, now);
    expect(accepted.status).toBe(202);
    const fired = await runtime.executions.waitFor(accepted.body.execution_id as string, 10_000);
    expect((fired.input as { headers: object }).headers).not.toHaveProperty('x-signature-256');
    expect((await send(good, now)).body.error.code).toBe('webhook_replayed');
    const wrong = await send(webhookSignature('other-secret', now, body), now);
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('webhook_signature_invalid');
    const old = String(Number(now) - 3_600);
    const stale = await send(webhookSignature('shh-very-secret', old, body), old);
    expect(stale.status).toBe(401);
    expect(stale.body.error.code).toBe('webhook_signature_invalid');
    expect((await send('', now)).status).toBe(401);
  });

  it('checks a token header against the vault', async () => {
    await request(app).put('/api/v3/security/secrets/HOOK_TOKEN').set(auth).send({ value: 'token-123' });
    await activeWebhook({ path: 'token', auth: { type: 'header', secret: 'HOOK_TOKEN', header: 'X-Token' } });
    await runtime.triggers.settled();
    expect((await request(app).post('/webhook/token').set('x-token', 'token-124').send({})).status).toBe(401);
    expect((await request(app).post('/webhook/token').send({})).status).toBe(401);
    expect((await request(app).post('/webhook/token').set('x-token', 'token-123').send({})).status).toBe(202);
  });

  it('answers 413 past the body limit', async () => {
    await activeWebhook({ path: 'big' });
    await runtime.triggers.settled();
    const big = await request(app).post('/webhook/big').set('content-type', 'text/plain').send('x'.repeat(4_096));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
  });

  it('runs only when the trigger condition holds', async () => {
    await activeWebhook({ path: 'picky', condition: 'input.body.n > 10' });
    await runtime.triggers.settled();
    expect((await request(app).post('/webhook/picky').send({ n: 1 })).body).toEqual({ execution_id: null });
    expect(typeof (await request(app).post('/webhook/picky').send({ n: 11 })).body.execution_id).toBe('string');
  });

  it('refuses a second active workflow on the same webhook path', async () => {
    await activeWebhook({ path: 'unique' });
    const twin = await post('/api/v3/workflows', { name: 'Twin', trigger: { type: 'webhook', path: 'unique' }, steps: echo });
    const patched = await request(app).patch(`/api/v3/workflows/${twin.body.id}`).set(auth).send({ active: true });
    expect(patched.status).toBe(409);
    expect(patched.body.error.code).toBe('webhook_path_in_use');
  });

  it('keeps activation across a new version, tells the bus, and starts again after a restart', async () => {
    const id = await activeWebhook({ path: 'lasting' });
    expect(changes.at(-1)?.payload).toMatchObject({ workflow_id: id, active: true, trigger: { type: 'webhook', path: 'lasting' } });
    const updated = await request(app).put(`/api/v3/workflows/${id}`).set(auth).send({ name: 'Hook v2', trigger: { type: 'webhook', path: 'lasting-v2' }, steps: echo });
    expect(updated.body).toMatchObject({ version: 2, active: true });
    expect(changes.at(-1)?.payload).toMatchObject({ workflow_id: id, active: true, trigger: { path: 'lasting-v2' } });
    await runtime.triggers.settled();
    expect((await request(app).post('/webhook/lasting').send({})).status).toBe(404);
    expect((await request(app).post('/webhook/lasting-v2').send({})).status).toBe(202);

    await runtime.close();
    await open();
    expect((await request(app).post('/webhook/lasting-v2').send({})).status).toBe(202);
  });

  it('publishes an event on the bus as external.<type>', async () => {
    const seen: DwcEvent[] = [];
    const off = runtime.events.on('external.*', (event) => void seen.push(event));
    const published = await post('/api/v3/events', { type: 'content_request', data: { topic: 'x' } });
    off();
    expect(published.status).toBe(202);
    expect(seen[0]).toMatchObject({ type: 'external.content_request', payload: { type: 'content_request', data: { topic: 'x' } } });
    expect(typeof seen[0]!.payload.user_id).toBe('string');
    expect((await post('/api/v3/events', { type: 'Bad Type' })).status).toBe(400);
  });
});

describe('webhook rate limit (SQLite)', () => {
  it('answers 429 past the per-address limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dwc-webhook-limit-'));
    const config = loadConfig({
      env: { DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', ...ownerEnv, DWC_RATE_LIMIT_PER_IP: '4', DWC_RATE_LIMIT_PER_USER: '0' },
      cwd: dir,
      defaults: { pluginsDir: bundledPluginsDir },
    });
    const runtime = await createRuntime({ config, logger: createLogger({ level: 'silent' }), cwd: repoRoot });
    try {
      const app = createApp(composeApiDeps(runtime));
      const statuses: number[] = [];
      for (let n = 0; n < 6; n++) statuses.push((await request(app).post('/webhook/limited').send({})).status);
      expect(statuses).toEqual([404, 404, 404, 404, 429, 429]);
    } finally {
      await runtime.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
