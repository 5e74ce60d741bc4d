// The first page of `GET /api/v3/workflows/executions` over 100,000 stored executions (50
// workflows, 60 days, mostly succeeded, some failed, a few cancelled), with each filter, on SQLite
// and Postgres: median and worst latency of the request through the whole HTTP stack.
// Target (issue 10): the first page answers fast over 100,000 executions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '@dwc/api';
import { createLogger, createRuntime, loadConfig, sqlClientOf } from '@dwc/runtime';
import { bundledPluginsDir, composeApiDeps } from '@dwc/server';
import request from 'supertest';
import { newId } from '../core/runtime/src/storage/new-id.js';
import { benchPostgres } from './lib/postgres.js';
import { median, report, type Row } from './lib/report.js';
import { seedExecutions } from './lib/seed-executions.js';
import { noRateLimitEnv } from './lib/server-process.js';

const EXECUTIONS = Number(process.env.BENCH_LIST_EXECUTIONS ?? 100_000);
const WORKFLOWS = 50;
const REQUESTS = 20;
const DAY = 86_400_000;
const TOKEN = 'bench-token-bench-token-bench-token';

async function measure(label: string, databaseUrl: string): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'dwc-bench-list-'));
  const config = loadConfig({
    env: { DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: databaseUrl, DWC_API_TOKEN: TOKEN, DWC_WORKER_CONCURRENCY: '0', LOG_LEVEL: 'warn', ...noRateLimitEnv },
    cwd: dir,
    defaults: { pluginsDir: bundledPluginsDir },
  });
  const runtime = await createRuntime({ config, logger: createLogger({ level: 'warn' }) });
  try {
    const workflowIds: string[] = [];
    for (let i = 0; i < WORKFLOWS; i++) {
      workflowIds.push((await runtime.workflows.create({ name: `w${i}`, trigger: { type: 'manual' }, steps: [{ id: 's', type: 'transform', input: { expression: '$' }, concurrency: 4, continue_on_error: false }] })).id);
    }
    const now = Date.now();
    const filled = performance.now();
    await seedExecutions(runtime, workflowIds, EXECUTIONS, now);
    const fillSeconds = (performance.now() - filled) / 1000;
    // As autovacuum would after such growth; SQLite plans from its indexes alone.
    if (runtime.database.dialect === 'postgres') await sqlClientOf(runtime.database).run('ANALYZE executions');
    const app = createApp(composeApiDeps(runtime));
    const week = new Date(now - 37 * DAY).toISOString();
    const weekEnd = new Date(now - 30 * DAY).toISOString();
    const middle = (await request(app).get('/api/v3/workflows/executions?limit=1&before=' + newId(now - 30 * DAY)).set('authorization', `Bearer ${TOKEN}`)).body.items[0].id as string;
    const cases: [string, string][] = [
      ['no filter', ''],
      ['workflow_id', `workflow_id=${workflowIds[7]}`],
      ['status=failed', 'status=failed'],
      ['status=cancelled + workflow_id', `status=cancelled&workflow_id=${workflowIds[3]}`],
      ['from/to (one week)', `from=${week}&to=${weekEnd}`],
      ['workflow_id + from/to', `workflow_id=${workflowIds[7]}&from=${week}&to=${weekEnd}`],
      ['before (page in the middle)', `before=${middle}`],
    ];
    const rows: Row[] = [];
    for (const [name, query] of cases) {
      const times: number[] = [];
      let items = 0;
      for (let i = 0; i < REQUESTS; i++) {
        const started = performance.now();
        const res = await request(app).get(`/api/v3/workflows/executions?limit=100&${query}`).set('authorization', `Bearer ${TOKEN}`);
        times.push(performance.now() - started);
        if (res.status !== 200) throw new Error(`${name}: ${res.status} ${JSON.stringify(res.body)}`);
        items = res.body.items.length;
      }
      rows.push({ database: label, filter: name, items, 'p50 ms': Math.round(median(times) * 10) / 10, 'max ms': Math.round(Math.max(...times) * 10) / 10, 'fill s': Math.round(fillSeconds) });
    }
    return rows;
  } finally {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows = await measure('sqlite', '');
if (process.env.BENCH_SKIP_POSTGRES !== '1') {
  const postgres = await benchPostgres();
  try {
    rows.push(...(await measure('postgres', await postgres.createDatabase())));
  } finally {
    await postgres.stop();
  }
}
report('execution-list', rows, { executions: EXECUTIONS, workflows: WORKFLOWS, requests_per_filter: REQUESTS, page: 100 });
