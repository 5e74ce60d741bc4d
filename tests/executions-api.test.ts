import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from '@dwc/api';
import { createLogger, createRuntime, loadConfig, type Runtime } from '@dwc/runtime';
import { bundledPluginsDir, composeApiDeps } from '@dwc/server';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noRateLimitEnv, ownerEnv, TEST_OWNER } from '../bench/lib/server-process.js';
import { createTestDatabase, type ScratchDatabase } from './support/postgres.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const FIXTURE_PLUGIN = 'dwc-fixture-action-failing';

describe.each(['sqlite', 'postgres'] as const)('executions as a user meets them on %s', (dialect) => {
  let runtime: Runtime;
  let app: ReturnType<typeof createApp>;
  let dir: string;
  let scratch: ScratchDatabase | undefined;
  let auth: { authorization: string };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dwc-executions-api-'));
    scratch = dialect === 'postgres' ? await createTestDatabase() : undefined;
    const config = loadConfig({
      env: {
        DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: scratch?.url ?? '', DWC_WORKER_CONCURRENCY: '4', DWC_MAX_CALL_DEPTH: '3',
        DWC_PLUGINS: './tests/fixtures/plugins/action-failing', ...ownerEnv, ...noRateLimitEnv,
      },
      cwd: dir,
      defaults: { pluginsDir: bundledPluginsDir },
    });
    runtime = await createRuntime({ config, logger: createLogger({ level: 'silent' }), cwd: repoRoot });
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
  const put = (path: string, body: object) => request(app).put(path).set(auth).send(body);
  const get = (path: string) => request(app).get(path).set(auth);
  const createWorkflow = async (definition: object): Promise<{ id: string }> => {
    const created = await post('/api/v3/workflows', definition);
    expect(created.status).toBe(201);
    return created.body;
  };

  describe('a failed step keeps its code and says who failed', () => {
    it('answers action_not_found, naming the step, action and workflow, when the plugin providing the action is disabled', async () => {
      const workflow = await createWorkflow({ name: 'Needs the fixture', steps: [{ id: 'refuse', type: 'fixture.refuse', input: { code: 'upstream_down' } }] });
      expect((await post(`/api/v3/plugins/${FIXTURE_PLUGIN}/disable`, {})).status).toBe(200);
      try {
        const run = await post(`/api/v3/workflows/${workflow.id}/execute?wait=true`, {});
        expect(run.status).toBe(200);
        const details = { workflow_id: workflow.id, workflow: 'Needs the fixture', step_id: 'refuse', action: 'fixture.refuse', plugin: null };
        expect(run.body).toMatchObject({ status: 'failed', error: { code: 'action_not_found', details } });
        expect(run.body.error.message).toMatch(/^step "refuse" \(action "fixture\.refuse"\) in workflow "Needs the fixture": no action "fixture\.refuse" is registered/);
        expect(run.body.steps).toEqual([expect.objectContaining({ id: 'refuse', status: 'failed', error: expect.objectContaining({ code: 'action_not_found', details }) })]);
      } finally {
        expect((await post(`/api/v3/plugins/${FIXTURE_PLUGIN}/enable`, {})).status).toBe(200);
      }
    });

    it("keeps a throwing plugin action's own code and details, naming its plugin", async () => {
      const workflow = await createWorkflow({ name: 'Calls upstream', steps: [{ id: 'call', type: 'fixture.refuse', input: { code: 'upstream_down' } }] });
      const run = await post(`/api/v3/workflows/${workflow.id}/execute?wait=true`, {});
      expect(run.body.error).toEqual({
        code: 'upstream_down',
        message: `step "call" (action "fixture.refuse" of plugin ${FIXTURE_PLUGIN}) in workflow "Calls upstream": the remote service said no`,
        details: { workflow_id: workflow.id, workflow: 'Calls upstream', step_id: 'call', action: 'fixture.refuse', plugin: FIXTURE_PLUGIN, cause: { upstream_status: 503 } },
      });
      const step = await get(`/api/v3/workflows/executions/${run.body.id}/steps`);
      expect(step.body.items[0].error).toEqual(run.body.error);
    });

    it('keeps the code a plugin set on a plain Error', async () => {
      const workflow = await createWorkflow({ name: 'Plain', steps: [{ id: 'plain', type: 'fixture.plain', input: { code: 'quota_exhausted' } }] });
      const run = await post(`/api/v3/workflows/${workflow.id}/execute?wait=true`, {});
      expect(run.body.error).toMatchObject({ code: 'quota_exhausted', details: { plugin: FIXTURE_PLUGIN, action: 'fixture.plain', step_id: 'plain' } });
    });
  });

  describe('workflow.call cannot multiply runs without end', () => {
    it('refuses A → B → A with one failed run, the root, whose error names the chain; ?wait=true answers', async () => {
      const a = await createWorkflow({ name: 'A', steps: [{ id: 'noop', type: 'transform', input: { expression: '1', data: {} } }] });
      const b = await createWorkflow({ name: 'B', steps: [{ id: 'call_a', type: 'workflow.call', input: { workflow_id: a.id } }] });
      expect((await put(`/api/v3/workflows/${a.id}`, { name: 'A', steps: [{ id: 'call_b', type: 'workflow.call', input: { workflow_id: b.id } }] })).status).toBe(200);

      const run = await post(`/api/v3/workflows/${a.id}/execute?wait=true&timeout_ms=20000`, {});
      expect(run.status).toBe(200);
      expect(run.body).toMatchObject({ status: 'failed', error: { code: 'workflow_call_cycle', details: { step_id: 'call_b', action: 'workflow.call' } } });
      expect(run.body.error.message).toContain(`"A" (${a.id}) → "B" (${b.id}) → "A" (${a.id})`);
      expect(run.body.error.details.cause.chain).toEqual([{ workflow_id: a.id, name: 'A' }, { workflow_id: b.id, name: 'B' }, { workflow_id: a.id, name: 'A' }]);
      const ofA = await get(`/api/v3/workflows/executions?workflow_id=${a.id}`);
      const ofB = await get(`/api/v3/workflows/executions?workflow_id=${b.id}`);
      expect(ofA.body.items.map((e: { id: string; status: string }) => [e.id, e.status])).toEqual([[run.body.id, 'failed']]);
      expect(ofB.body.items).toEqual([]);
    });

    it('refuses a call deeper than DWC_MAX_CALL_DEPTH, failing the root with call_depth_exceeded', async () => {
      const leaf = await createWorkflow({ name: 'W5', steps: [{ id: 'noop', type: 'transform', input: { expression: '1', data: {} } }] });
      let next = leaf.id;
      for (const name of ['W4', 'W3', 'W2', 'W1']) next = (await createWorkflow({ name, steps: [{ id: 'call', type: 'workflow.call', input: { workflow_id: next } }] })).id;
      const run = await post(`/api/v3/workflows/${next}/execute?wait=true&timeout_ms=20000`, {});
      expect(run.status).toBe(200);
      expect(run.body).toMatchObject({ status: 'failed', error: { code: 'call_depth_exceeded', details: { workflow: 'W1', origin: { workflow: 'W4', step_id: 'call' }, cause: { limit: 3 } } } });
      expect(run.body.error.message).toContain('over the limit of 3 (DWC_MAX_CALL_DEPTH)');
      expect((await get(`/api/v3/workflows/executions?workflow_id=${leaf.id}`)).body.items).toEqual([]);
    });
  });

  describe('GET /api/v3/workflows/executions', () => {
    let first: { id: string };
    let second: { id: string };
    let runs: { id: string; status: string; workflow_id: string; created_at: string }[];

    beforeAll(async () => {
      first = await createWorkflow({ name: 'Listed one', steps: [{ id: 'double', type: 'transform', input: { expression: 'x * 2', data: '{{ input }}' } }] });
      second = await createWorkflow({ name: 'Listed two', steps: [{ id: 'refuse', type: 'fixture.refuse', input: { code: 'nope' } }] });
      runs = [];
      for (const workflow of [first, second, first, second, first]) {
        runs.push((await post(`/api/v3/workflows/${workflow.id}/execute?wait=true`, { x: 1 })).body);
        await sleep(3); // distinct creation times, for the from/to bounds
      }
    });
    const ids = (body: { items: { id: string }[] }) => body.items.map((e) => e.id);
    const newestFirst = () => [...runs].reverse();
    const since = () => encodeURIComponent(runs[0]!.created_at);

    it('lists executions of every workflow, newest first, answering the path that looks like a workflow id', async () => {
      const listed = await get(`/api/v3/workflows/executions?from=${since()}`);
      expect(listed.status).toBe(200);
      expect(ids(listed.body)).toEqual(newestFirst().map((r) => r.id));
      expect(listed.body.next_before).toBeNull();
      expect(listed.body.items[0]).toMatchObject({ workflow_id: first.id, status: 'succeeded', output: { result: 2 } });
    });

    it('filters by workflow_id and by status', async () => {
      expect(ids((await get(`/api/v3/workflows/executions?workflow_id=${second.id}`)).body)).toEqual(newestFirst().filter((r) => r.workflow_id === second.id).map((r) => r.id));
      const failed = await get(`/api/v3/workflows/executions?status=failed&from=${since()}`);
      expect(ids(failed.body)).toEqual(newestFirst().filter((r) => r.status === 'failed').map((r) => r.id));
      expect(ids((await get(`/api/v3/workflows/executions?status=failed&workflow_id=${first.id}`)).body)).toEqual([]);
    });

    it('filters by from and to on the creation time, both included', async () => {
      const from = encodeURIComponent(runs[1]!.created_at);
      const to = encodeURIComponent(runs[3]!.created_at);
      expect(ids((await get(`/api/v3/workflows/executions?from=${from}&to=${to}`)).body)).toEqual([runs[3]!.id, runs[2]!.id, runs[1]!.id]);
      expect(ids((await get(`/api/v3/workflows/executions?workflow_id=${first.id}&from=${from}&to=${to}`)).body)).toEqual([runs[2]!.id]);
    });

    it('pages with limit and before in the shape of the per-workflow list', async () => {
      const seen: string[] = [];
      let before: string | null = null;
      do {
        const page = await get(`/api/v3/workflows/executions?from=${since()}&limit=2${before ? `&before=${before}` : ''}`);
        expect(Object.keys(page.body).sort()).toEqual(['items', 'next_before']);
        seen.push(...ids(page.body));
        before = page.body.next_before;
      } while (before);
      expect(seen).toEqual(newestFirst().map((r) => r.id));
      const perWorkflow = await get(`/api/v3/workflows/${first.id}/executions?limit=2`);
      expect(perWorkflow.body.next_before).toBe(perWorkflow.body.items[1].id);
    });

    it('refuses a from that is not an ISO date-time, naming the field', async () => {
      const bad = await get('/api/v3/workflows/executions?from=yesterday');
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.error.details)).toEqual(['query.from']);
    });
  });
});
