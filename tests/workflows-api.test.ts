import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '@dwc/api';
import { createLogger, createRuntime, loadConfig, type Runtime } from '@dwc/runtime';
import { bundledPluginsDir, composeApiDeps } from '@dwc/server';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noRateLimitEnv, ownerEnv, TEST_OWNER } from '../bench/lib/server-process.js';
import { createTestDatabase, type ScratchDatabase } from './support/postgres.js';

let auth: { authorization: string } = { authorization: '' };

describe.each(['sqlite', 'postgres'] as const)('workflow, execution, document and background routes on %s', (dialect) => {
  let runtime: Runtime;
  let app: ReturnType<typeof createApp>;
  let dir: string;
  let scratch: ScratchDatabase | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dwc-api-'));
    scratch = dialect === 'postgres' ? await createTestDatabase() : undefined;
    const config = loadConfig({ env: { DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: scratch?.url ?? '', DWC_WORKER_CONCURRENCY: '4', ...ownerEnv, ...noRateLimitEnv }, cwd: dir, defaults: { pluginsDir: bundledPluginsDir } });
    runtime = await createRuntime({ config, logger: createLogger({ level: 'silent' }) });
    app = createApp(composeApiDeps(runtime));
    const login = await request(app).post('/api/v3/auth/login').send({ username: TEST_OWNER.email, password: TEST_OWNER.password });
    auth = { authorization: `Bearer ${login.body.access_token as string}` };
  });
  afterAll(async () => {
    await runtime.close();
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (path: string, body: object) => request(app).post(path).set(auth).send(body);
  const get = (path: string) => request(app).get(path).set(auth);

  const summarize = {
    name: 'Summarize and publish',
    trigger: { type: 'manual' },
    steps: [
      { id: 'shape', type: 'transform', input: { expression: '{ "words": $count($split(text, " ")), "title": $uppercase(topic) }', data: '{{ input }}' } },
      { id: 'publish', type: 'document.create', input: { title: '{{ steps.shape.output.result.title }}', content: 'Words: {{ steps.shape.output.result.words }}' } },
    ],
  };

  it('creates a workflow, runs it to the end with ?wait=true, and stores its document', async () => {
    const created = await post('/api/v3/workflows', summarize);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), version: 1, name: 'Summarize and publish' });
    const run = await post(`/api/v3/workflows/${created.body.id}/execute?wait=true`, { text: 'one two three', topic: 'news' });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ status: 'succeeded', version: 1, output: { title: 'NEWS', format: 'markdown' } });
    expect(run.body.steps.map((s: { id: string; status: string }) => `${s.id}:${s.status}`)).toEqual(['shape:succeeded', 'publish:succeeded']);

    const documents = await get(`/api/v3/documents?execution_id=${run.body.id}`);
    expect(documents.body.items).toHaveLength(1);
    const document = await get(`/api/v3/documents/${documents.body.items[0].id}`);
    expect(document.body).toMatchObject({ title: 'NEWS', content: 'Words: 3', step_id: 'publish', execution_id: run.body.id });
    const markdown = await get(`/api/v3/documents/${document.body.id}/export?format=md`);
    expect(markdown.headers['content-type']).toMatch(/text\/markdown/);
    expect(markdown.text).toBe('# NEWS\n\nWords: 3\n');
    const html = await get(`/api/v3/documents/${document.body.id}/export?format=html`);
    expect(html.text).toContain('<pre>Words: 3</pre>');
    const json = await get(`/api/v3/documents/${document.body.id}/export?format=json`);
    expect(JSON.parse(json.text)).toMatchObject({ id: document.body.id, title: 'NEWS' });
    expect((await get(`/api/v3/documents/${document.body.id}/lineage`)).body).toMatchObject({ ancestors: [], descendants: [] });
  });

  it('refuses an invalid definition with the field that is wrong, and stores nothing', async () => {
    const before = (await get('/api/v3/workflows')).body.total;
    const bad = await post('/api/v3/workflows', { name: 'bad', steps: [{ id: 'a', type: 'transform', depends_on: ['ghost'], input: {} }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toHaveProperty(['body.steps.0.depends_on.0']);
    const badExpression = await post('/api/v3/workflows', { name: 'bad', steps: [{ id: 'a', type: 'transform', when: '{{ input.( }}', input: {} }] });
    expect(badExpression.status).toBe(400);
    expect(Object.keys(badExpression.body.error.details)).toEqual(['body.steps.0.when']);
    expect((await get('/api/v3/workflows')).body.total).toBe(before);
  });

  it('makes a new version on update and on step edits, keeping the old ones', async () => {
    const { body: workflow } = await post('/api/v3/workflows', summarize);
    const updated = await request(app).put(`/api/v3/workflows/${workflow.id}`).set(auth).send({ ...summarize, name: 'Renamed' });
    expect(updated.body).toMatchObject({ version: 2, name: 'Renamed' });
    const added = await post(`/api/v3/workflows/${workflow.id}/nodes`, { step: { id: 'wait', type: 'delay', input: { duration_ms: 1 } }, after: 'shape' });
    expect(added.body.steps.map((s: { id: string }) => s.id)).toEqual(['shape', 'wait', 'publish']);
    const reordered = await post(`/api/v3/workflows/${workflow.id}/nodes/reorder`, { order: ['shape', 'publish', 'wait'] });
    expect(reordered.body).toMatchObject({ version: 4 });
    const removed = await request(app).delete(`/api/v3/workflows/${workflow.id}/nodes/wait`).set(auth);
    expect(removed.body.steps).toHaveLength(2);
    const versions = await get(`/api/v3/workflows/${workflow.id}/versions`);
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([5, 4, 3, 2, 1]);
    const first = await get(`/api/v3/workflows/${workflow.id}/versions/1`);
    expect(first.body.definition.name).toBe('Summarize and publish');
    expect((await post(`/api/v3/workflows/${workflow.id}/nodes/reorder`, { order: ['shape'] })).status).toBe(400);
    expect((await request(app).delete(`/api/v3/workflows/${workflow.id}/nodes/nope`).set(auth)).status).toBe(404);
  });

  it('queues an execution, reports its failure, and retries it', async () => {
    const { body: workflow } = await post('/api/v3/workflows', {
      name: 'fails on purpose',
      steps: [{ id: 'bad', type: 'transform', input: { expression: '$number(value)', data: '{{ input }}' } }],
    });
    const queued = await post(`/api/v3/workflows/${workflow.id}/execute`, { value: 'not a number' });
    expect(queued.status).toBe(202);
    expect(queued.body.status).toBe('queued');
    const ended = await runtime.executions.waitFor(queued.body.id, 10_000);
    expect(ended.status).toBe('failed');
    const shown = await get(`/api/v3/workflows/executions/${queued.body.id}`);
    expect(shown.body.error).toMatchObject({ code: 'invalid_expression', message: expect.stringMatching(/^step "bad" \(action "transform" of plugin [^)]+\) in workflow "fails on purpose": JSONata expression failed/) });
    expect((await post(`/api/v3/workflows/executions/${queued.body.id}/cancel`, {})).status).toBe(409);
    const retried = await post(`/api/v3/workflows/executions/${queued.body.id}/retry`, {});
    expect(retried.status).toBe(202);
    expect(retried.body.rerun_of).toBe(queued.body.id);
    const list = await get(`/api/v3/workflows/${workflow.id}/executions?status=failed`);
    expect(list.body.items.map((e: { id: string }) => e.id)).toContain(queued.body.id);
    const analytics = await get(`/api/v3/workflows/${workflow.id}/analytics`);
    expect(analytics.body).toMatchObject({ workflow_id: workflow.id, step_failures: [{ step_id: 'bad', failures: expect.any(Number) }] });
    const lastHour = await get(`/api/v3/workflows/${workflow.id}/analytics?time_range=hour`);
    expect(lastHour.body).toMatchObject({ workflow_id: workflow.id, total: analytics.body.total, p50_duration_ms: expect.any(Number), step_failures: [{ step_id: 'bad' }] });
    expect((await get(`/api/v3/workflows/${workflow.id}/analytics?time_range=year`)).status).toBe(400);
  });

  it('lists each workflow with its last execution, null for one that never ran, and shows the item in the OpenAPI document', async () => {
    const { body: ran } = await post('/api/v3/workflows', { ...summarize, name: 'Last-run listed' });
    const { body: idle } = await post('/api/v3/workflows', { ...summarize, name: 'Last-run never' });
    const older = await post(`/api/v3/workflows/${ran.id}/execute?wait=true`, { text: 'a b', topic: 'x' });
    const newer = await post(`/api/v3/workflows/${ran.id}/execute?wait=true`, { text: 'a b c', topic: 'y' });
    expect(newer.body.id > older.body.id).toBe(true);
    const listed = await get('/api/v3/workflows?search=Last-run');
    const byName = Object.fromEntries(listed.body.items.map((w: { name: string }) => [w.name, w]));
    expect(byName['Last-run listed'].last_execution).toEqual({
      id: newer.body.id, status: 'succeeded', created_at: newer.body.created_at, started_at: newer.body.started_at, finished_at: newer.body.finished_at,
    });
    expect(byName['Last-run never']).toMatchObject({ id: idle.id, last_execution: null });
    const openapi = await get('/openapi.json');
    expect(openapi.body.components.schemas.WorkflowListItem.properties.last_execution).toBeDefined();
    expect(openapi.body.components.schemas.LastExecution.required).toEqual(expect.arrayContaining(['id', 'status', 'started_at', 'finished_at']));
  });

  it('re-runs from a step and serves a large step output by its own URL', async () => {
    const { body: workflow } = await post('/api/v3/workflows', {
      name: 'large',
      steps: [
        { id: 'make', type: 'transform', input: { expression: '$join([1..60000].$string(), ",")', data: {} } },
        { id: 'measure', type: 'transform', input: { expression: '$length(text)', data: { text: '{{ steps.make.output.result }}' } } },
      ],
    });
    const run = await post(`/api/v3/workflows/${workflow.id}/execute?wait=true`, {});
    expect(run.body.status).toBe('succeeded');
    const make = run.body.steps.find((s: { id: string }) => s.id === 'make');
    expect(make.output).toBeNull();
    expect(make.output_size_bytes).toBeGreaterThan(300_000);
    const output = await get(make.output_url);
    expect(output.body.result.startsWith('1,2,3')).toBe(true);
    const rerun = await post(`/api/v3/workflows/executions/${run.body.id}/rerun`, { from_step: 'measure' });
    expect(rerun.status).toBe(202);
    const ended = await runtime.executions.waitFor(rerun.body.id, 10_000);
    expect(ended.output).toEqual(run.body.output);
    expect((await post(`/api/v3/workflows/executions/${run.body.id}/rerun`, { from_step: 'ghost' })).status).toBe(400);
  });

  it('answers ?wait=true with exactly the execution and steps that reading them back gives', async () => {
    const { body: workflow } = await post('/api/v3/workflows', {
      name: 'shapes',
      steps: [
        { id: 'big', type: 'transform', input: { expression: '$join([1..60000].$string(), ",")', data: {} } },
        { id: 'small', type: 'transform', depends_on: ['big'], input: { expression: '$length(t)', data: { t: '{{ steps.big.output.result }}' } } },
        { id: 'never', type: 'transform', depends_on: ['big'], when: '{{ input.go == true }}', input: { expression: '1', data: {} } },
        { id: 'broken', type: 'transform', depends_on: ['small'], continue_on_error: true, input: { expression: '$error("no")', data: {} } },
      ],
    });
    const run = await post(`/api/v3/workflows/${workflow.id}/execute?wait=true`, { go: false });
    expect(run.status).toBe(200);
    expect(run.body.steps.map((s: { id: string; status: string }) => `${s.id}:${s.status}`).sort()).toEqual(['big:succeeded', 'broken:failed', 'never:skipped', 'small:succeeded']);
    expect(run.body.steps.find((s: { id: string }) => s.id === 'big').output_size_bytes).toBeGreaterThan(256 * 1024);
    const stored = await get(`/api/v3/workflows/executions/${run.body.id}`);
    expect(run.body).toEqual(stored.body);
  });

  it('runs a workflow through /advanced/workflows/execute with parameters as input', async () => {
    const { body: workflow } = await post('/api/v3/workflows', { name: 'echo', steps: [{ id: 'e', type: 'transform', input: { expression: 'x * 2', data: '{{ input }}' } }] });
    const run = await post('/api/v3/advanced/workflows/execute?wait=true', { workflow_id: workflow.id, parameters: { x: 21 } });
    expect(run.body).toMatchObject({ status: 'succeeded', output: { result: 42 }, input: { x: 21 } });
  });

  it('answers 404 for unknown workflows, executions and documents', async () => {
    expect((await get('/api/v3/workflows/nope')).status).toBe(404);
    expect((await post('/api/v3/workflows/nope/execute', {})).status).toBe(404);
    expect((await get('/api/v3/workflows/executions/nope')).status).toBe(404);
    expect((await get('/api/v3/documents/nope')).status).toBe(404);
    expect((await request(app).delete('/api/v3/workflows/nope').set(auth)).status).toBe(404);
  });

  it('runs background tasks with priorities, and reports stats', async () => {
    const submitted = await post('/api/v3/background/tasks/submit', { name: 'Test Task', task_type: 'data_processing', priority: 'high', payload: { expression: '$sum(values)', data: { values: [1, 2, 3] } } });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ priority: 'high', task_type: 'data_processing' });
    // A free worker may have claimed it before the answer was written (on Postgres another process's too).
    expect(['queued', 'running']).toContain(submitted.body.status);
    const done = await waitForTask(submitted.body.id);
    expect(done).toMatchObject({ status: 'succeeded', result: { result: 6 } });
    const unknown = await post('/api/v3/background/tasks/submit', { name: 'x', task_type: 'no.such.type' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/Unknown task_type "no.such.type"; known: .*transform/);
    const bulk = await post('/api/v3/background/tasks/bulk-submit', { tasks: [
      { name: 'later 1', task_type: 'delay', payload: { duration_ms: 10 }, delay_ms: 60_000 },
      { name: 'later 2', task_type: 'delay', payload: { duration_ms: 10 }, delay_ms: 60_000 },
    ] });
    expect(bulk.status).toBe(201);
    const ids = bulk.body.items.map((t: { id: string }) => t.id);
    const cancelled = await post('/api/v3/background/tasks/bulk-cancel', { ids });
    expect(cancelled.body).toEqual({ cancelled: ids, stopping: [] });
    const badPayload = await post('/api/v3/background/tasks/submit', { name: 'bad', task_type: 'transform', payload: { expression: 42 } });
    expect(badPayload.status).toBe(400);
    expect(badPayload.body.error).toMatchObject({ code: 'invalid_task_payload', details: { 'payload.expression': [expect.any(String)] } });
    const failing = await post('/api/v3/background/tasks/submit', { name: 'bad', task_type: 'transform', payload: { expression: '$number("x")' }, max_retries: 1 });
    const failed = await waitForTask(failing.body.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'invalid_expression' } });
    const stats = await get('/api/v3/background/service/stats');
    expect(stats.body.tasks).toMatchObject({ succeeded: expect.any(Number), cancelled: 2 });
    expect(stats.body.worker).toMatchObject({ concurrency: 4 });
  });

  async function waitForTask(id: string): Promise<Record<string, unknown>> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const task = await get(`/api/v3/background/tasks/${id}`);
      if (['succeeded', 'failed', 'cancelled'].includes(task.body.status) || Date.now() > deadline) return task.body;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
});
