import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventBus } from '../events/event-bus.js';
import { parseWorkflowDefinition, type WorkflowDefinition } from '../engine/index.js';
import { createExecutionService } from '../executions/execution-service.js';
import { createExecutionStore } from '../executions/execution-store.js';
import { createJobStore } from '../queue/job-store.js';
import { sqlClientOf, type SqlClient, type SqlQueries } from '../storage/sql-client.js';
import { openTestDatabase, silentLogger, type TestDatabase } from '../storage/test-support/open-test-database.js';
import { createWorkflowStore } from './workflow-store.js';

const definition = (text: string) => parseWorkflowDefinition({ name: 'echo', steps: [{ id: 'only', type: 'transform', input: { expression: '$', data: { text } } }] });

/** `sql` with every statement it is given written down in `seen`. */
function recording(sql: SqlClient, seen: string[]): SqlClient {
  const wrap = (q: SqlQueries): SqlQueries => ({
    run: (text, params) => (seen.push(text), q.run(text, params)),
    all: (text, params) => (seen.push(text), q.all(text, params)),
    get: (text, params) => (seen.push(text), q.get(text, params)),
  });
  return {
    ...sql,
    ...wrap(sql),
    transaction: (work) => sql.transaction((tx) => work(wrap(tx))),
    batch: (work) => sql.batch((tx) => work(wrap(tx))),
    readTogether: (reads) => sql.readTogether((q) => reads(wrap(q))),
  };
}

describe.each(['sqlite', 'postgres'] as const)('workflow store on %s', (dialect) => {
  let test: TestDatabase;
  let sql: SqlClient;
  beforeEach(async () => {
    test = await openTestDatabase(dialect);
    await test.database.migrate();
    sql = sqlClientOf(test.database);
  });
  afterEach(() => test.cleanup());

  it('gives the latest version number after each update, and workflow_not_found for a missing or deleted workflow', async () => {
    const workflows = createWorkflowStore<WorkflowDefinition>(sql);
    const workflow = await workflows.create(definition('one'));
    expect(await workflows.latestVersion(workflow.id)).toBe(1);
    await workflows.update(workflow.id, definition('two'));
    expect(await workflows.latestVersion(workflow.id)).toBe(2);
    await expect(workflows.latestVersion('no-such-workflow')).rejects.toMatchObject({ code: 'workflow_not_found' });
    await workflows.delete(workflow.id);
    await expect(workflows.latestVersion(workflow.id)).rejects.toMatchObject({ code: 'workflow_not_found' });
  });

  it('starts a run reading at most the version number, never the definition', async () => {
    const seen: string[] = [];
    const workflows = createWorkflowStore<WorkflowDefinition>(recording(sql, seen));
    const executions = createExecutionStore(sql, createJobStore(sql), { inlineOutputLimit: 10_000 });
    const service = createExecutionService({ executions, workflows, events: createEventBus(silentLogger), onQueued: () => undefined });
    const workflow = await workflows.create(definition('one'));
    await service.start(workflow.id, {});
    seen.length = 0;
    const started = await Promise.all([service.start(workflow.id, {}), service.start(workflow.id, {})]);
    expect(started.map((execution) => execution.version)).toEqual([1, 1]);
    // SQLite's one writer keeps the latest version in memory; on Postgres another process may have saved a newer one.
    const perStart = dialect === 'sqlite' ? [] : ['SELECT latest_version FROM workflows WHERE id = ? AND deleted_at IS NULL'];
    expect(seen).toEqual([...perStart, ...perStart]);
  });

  it.skipIf(dialect === 'sqlite')("sees a version another process saved at once", async () => {
    const here = createWorkflowStore<WorkflowDefinition>(sql);
    const elsewhere = createWorkflowStore<WorkflowDefinition>(sql);
    const workflow = await here.create(definition('one'));
    expect(await here.latestVersion(workflow.id)).toBe(1);
    await elsewhere.update(workflow.id, definition('two'));
    expect(await here.latestVersion(workflow.id)).toBe(2);
    expect((await here.version(workflow.id, 2))?.definition).toEqual(definition('two'));
  });
});
