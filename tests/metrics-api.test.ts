import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '@dwc/api';
import { createLogger, createRuntime, loadConfig, type Runtime } from '@dwc/runtime';
import { bundledPluginsDir, composeApiDeps } from '@dwc/server';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noRateLimitEnv, ownerEnv, TEST_OWNER } from '../bench/lib/server-process.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

describe('metrics, analytics and the Prometheus scrape of a running server (SQLite)', () => {
  let runtime: Runtime;
  let app: ReturnType<typeof createApp>;
  let dir: string;
  let auth: { authorization: string };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dwc-metrics-api-'));
    const config = loadConfig({
      env: { DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', DWC_WORKER_CONCURRENCY: '2', DWC_METRICS_TOKEN: METRICS_TOKEN, DWC_PLUGINS: './tests/fixtures/plugins/action-failing', ...ownerEnv, ...noRateLimitEnv },
      cwd: dir,
      defaults: { pluginsDir: bundledPluginsDir },
    });
    runtime = await createRuntime({ config, logger: createLogger({ level: 'silent' }), cwd: repoRoot });
    app = createApp(composeApiDeps(runtime));
    const login = await request(app).post('/api/v3/auth/login').send({ username: TEST_OWNER.email, password: TEST_OWNER.password });
    auth = { authorization: `Bearer ${login.body.access_token as string}` };

    const ok = await request(app).post('/api/v3/workflows').set(auth).send({ name: 'Count words', steps: [{ id: 'count', type: 'transform', input: { expression: '{ "n": 1 }', data: '{{ input }}' } }] });
    const bad = await request(app).post('/api/v3/workflows').set(auth).send({ name: 'Always fails', steps: [{ id: 'refuse', type: 'fixture.refuse', input: { code: 'upstream_down' } }] });
    for (let i = 0; i < 3; i++) expect((await request(app).post(`/api/v3/workflows/${ok.body.id as string}/execute?wait=true`).set(auth).send({})).status).toBe(200);
    await request(app).post(`/api/v3/workflows/${bad.body.id as string}/execute?wait=true`).set(auth).send({});
  });
  afterAll(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records a custom counter from the seed body under its Prometheus name, and refuses bad names and type changes', async () => {
    const recorded = await request(app).post('/api/v3/metrics/metrics/counter').set(auth).send({ name: 'custom.metric', value: 1, metric_type: 'counter', category: 'application' });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toEqual({ name: 'dwc_custom_metric_total', metric_type: 'counter', labels: { category: 'application' } });
    const badName = await request(app).post('/api/v3/metrics/metrics/gauge').set(auth).send({ name: '...', value: 1, metric_type: 'gauge', category: 'application' });
    expect(badName.status).toBe(400);
    expect(badName.body.error.code).toBe('invalid_metric_name');
    const negative = await request(app).post('/api/v3/metrics/metrics/counter').set(auth).send({ name: 'custom.metric', value: -1, metric_type: 'counter', category: 'application' });
    expect(negative.body.error.code).toBe('invalid_metric_value');
    const conflict = await request(app).post('/api/v3/metrics/metrics/counter').set(auth).send({ name: 'custom.metric', value: 1, metric_type: 'counter', category: 'application', labels: { region: 'eu' } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('metric_conflict');
    const wrongType = await request(app).post('/api/v3/metrics/metrics/gauge').set(auth).send({ name: 'custom.metric', value: 1, metric_type: 'counter', category: 'application' });
    expect(wrongType.status).toBe(400);
  });

  it('serves /metrics to loopback and to the token, not through a proxy, and promtool accepts it', async () => {
    const scrape = await request(app).get('/metrics');
    expect(scrape.status).toBe(200);
    expect(scrape.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const check = spawnSync('promtool', ['check', 'metrics'], { input: scrape.text, encoding: 'utf8' });
    expect({ status: check.status, out: check.stdout + check.stderr }).toEqual({ status: 0, out: '' });
    const families = Object.fromEntries(parsePrometheusTextFormat(scrape.text).map((f) => [f.name, f]));
    expect(families.dwc_executions_total!.metrics).toEqual(expect.arrayContaining([
      { labels: { workflow: 'Count words', status: 'succeeded' }, value: '3' },
      { labels: { workflow: 'Always fails', status: 'failed' }, value: '1' },
    ]));
    expect(families.dwc_steps_total!.metrics).toEqual(expect.arrayContaining([{ labels: { action: 'transform', status: 'succeeded' }, value: '3' }]));
    expect(families.dwc_http_requests_total!.metrics).toEqual(expect.arrayContaining([expect.objectContaining({ labels: { method: 'POST', route: '/api/v3/workflows/{id}/execute', status: '200' } })]));
    expect(families.dwc_custom_metric_total!.metrics).toEqual([{ labels: { category: 'application' }, value: '1' }]);
    expect(families.dwc_process_resident_memory_bytes!.type).toBe('GAUGE');

    const proxied = await request(app).get('/metrics').set('x-forwarded-for', '203.0.113.9');
    expect(proxied.status).toBe(403);
    expect(proxied.body.error.code).toBe('metrics_forbidden');
    expect((await request(app).get('/metrics').set('x-forwarded-for', '203.0.113.9').set('authorization', 'Bearer wrong-token-0123456789')).status).toBe(403);
    expect((await request(app).get('/metrics').set('x-forwarded-for', '203.0.113.9').set('authorization', `Bearer ${METRICS_TOKEN}`)).status).toBe(200);
  });

  it('stores this process\'s series and answers them from the 1-minute rollup', async () => {
    expect(await runtime.metrics.flush()).toBe(true);
    const res = await request(app).get('/api/v3/metrics/metrics').query({ name: 'dwc_executions_total', step: '1m' }).set(auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'dwc_executions_total', type: 'counter', step: '1m', processes: [runtime.metrics.process] });
    const succeeded = res.body.series.find((s: { labels: Record<string, string> }) => s.labels.status === 'succeeded');
    expect(succeeded.points.reduce((n: number, p: { value: number }) => n + p.value, 0)).toBe(3);
    const hist = await request(app).get('/api/v3/metrics/metrics').query({ name: 'dwc_step_duration_seconds', step: '1h' }).set(auth);
    expect(hist.body.series[0].points[0]).toMatchObject({ count: expect.any(Number), p50: expect.any(Number), p95: expect.any(Number) });
    const backwards = await request(app).get('/api/v3/metrics/metrics').query({ name: 'x', from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }).set(auth);
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.code).toBe('invalid_time_range');
  });

  it('summarises the last day beside the day before', async () => {
    const res = await request(app).get('/api/v3/advanced/analytics/summary?time_range=day').set(auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      time_range: 'day',
      executions: { value: 4, previous: 0, change: null },
      succeeded: { value: 3 },
      failed: { value: 1 },
      success_rate: { value: 0.75 },
      p50_duration_ms: { value: expect.any(Number) },
    });
    expect(res.body.busiest_workflows[0]).toMatchObject({ name: 'Count words', executions: { value: 3 } });
    expect((await request(app).get('/api/v3/advanced/analytics/summary?time_range=year').set(auth)).status).toBe(400);
    const insights = await request(app).get('/api/v3/advanced/analytics/insights?time_range=week').set(auth);
    expect(insights.status).toBe(200);
    expect(insights.body.insights).toEqual([]);
  });

  it('reports the system overview and the metrics service\'s stats', async () => {
    const overview = await request(app).get('/api/v3/metrics/metrics/system/overview').set(auth);
    expect(overview.status).toBe(200);
    expect(overview.body).toMatchObject({ process: runtime.metrics.process, memory: { resident_bytes: expect.any(Number) }, data_disk: { free_bytes: expect.any(Number) } });
    const stats = await request(app).get('/api/v3/metrics/service/stats').set(auth);
    expect(stats.body).toMatchObject({ enabled: true, flushes: expect.any(Number), dropped_samples: 0, exporters: [{ type: 'prometheus', mode: 'pull' }], stored_processes: [runtime.metrics.process] });
    expect((await request(app).get('/api/v3/metrics/service/stats')).status).toBe(401);
  });
});
