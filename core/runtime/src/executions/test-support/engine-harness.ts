import { setTimeout as sleep } from 'node:timers/promises';
import { defineAction, ExternalServiceError, z, type DwcEvent } from '@dwc/sdk';
import { createEventBus } from '../../events/event-bus.js';
import { parseWorkflowDefinition, type WorkflowDefinition } from '../../engine/index.js';
import { createRegistries } from '../../plugin-host/registries.js';
import { createJobStore } from '../../queue/job-store.js';
import { createWorkerPool } from '../../queue/worker-pool.js';
import { createDocumentStore } from '../../documents/document-store.js';
import { sqlClientOf } from '../../storage/sql-client.js';
import { openTestDatabase, silentLogger } from '../../storage/test-support/open-test-database.js';
import type { Dialect } from '../../storage/dialect.js';
import { createWorkflowStore } from '../../workflows/workflow-store.js';
import type { StepAiFactory } from '../../ai/step-ai.js';
import type { EventBus } from '@dwc/sdk';
import type { Registries } from '../../plugin-host/registries.js';
import type { SqlClient } from '../../storage/sql-client.js';
import type { DocumentStore } from '../../documents/document-store.js';
import { createExecutionRunner } from '../execution-runner.js';
import { createExecutionService } from '../execution-service.js';
import { createExecutionStore } from '../execution-store.js';
import type { ExecutionRecord } from '../execution-types.js';
import type { CallLimits } from '../call-limits.js';
import type { Logger } from 'pino';

/** Counts calls per key, so tests can prove a committed step never ran twice. */
export const calls = new Map<string, number>();
const bump = (key: string) => calls.set(key, (calls.get(key) ?? 0) + 1);

const anything = z.record(z.string(), z.unknown());

/** Small actions made with the SDK, registered as a plugin would. */
export const testActions = [
  defineAction({ type: 'test.echo', title: 'Echo', description: '', input: anything, output: anything, run: async (input) => input }),
  defineAction({
    type: 'test.add', title: 'Add', description: '', input: z.object({ a: z.number(), b: z.number() }), output: z.object({ sum: z.number() }),
    run: async ({ a, b }) => ({ sum: a + b }),
  }),
  defineAction({
    type: 'test.count', title: 'Count', description: 'Counts its calls by key', input: z.object({ key: z.string() }), output: z.object({ calls: z.number() }),
    run: async ({ key }) => {
      bump(key);
      return { calls: calls.get(key)! };
    },
  }),
  defineAction({
    type: 'test.flaky', title: 'Flaky', description: 'Fails until called `failures` + 1 times for a key',
    input: z.object({ key: z.string(), failures: z.number() }), output: z.object({ ok: z.boolean() }),
    run: async ({ key, failures }) => {
      bump(key);
      if (calls.get(key)! <= failures) throw new ExternalServiceError(`flaky failure ${calls.get(key)}`, { retryable: true });
      return { ok: true };
    },
  }),
  defineAction({
    type: 'test.fail', title: 'Fail', description: '', input: z.object({ message: z.string().default('it broke') }), output: z.object({}),
    run: async ({ message }) => {
      throw new ExternalServiceError(message, { retryable: false, code: 'remote_refused' });
    },
  }),
  defineAction({
    type: 'test.throw', title: 'Throw', description: 'Throws a plain Error with a code, as a plugin might', input: z.object({ code: z.string() }), output: z.object({}),
    run: async ({ code }) => {
      throw Object.assign(new Error(`failed with ${code}`), { code });
    },
  }),
  defineAction({
    type: 'test.log', title: 'Log', description: 'Logs a line through ctx.log', input: z.object({ text: z.string() }), output: z.object({}),
    run: async ({ text }, ctx) => {
      ctx.log.info({ text }, 'logged by the action');
      return {};
    },
  }),
  defineAction({
    type: 'test.slow', title: 'Slow', description: 'Waits, honouring the signal', input: z.object({ ms: z.number(), key: z.string().optional() }), output: z.object({ waited: z.number() }),
    run: async ({ ms, key }, ctx) => {
      if (key) bump(key);
      await sleep(ms, undefined, { signal: ctx.signal });
      return { waited: ms };
    },
  }),
  defineAction({
    type: 'test.pure', title: 'Pure', description: 'Only computes (counting its calls by key, which a real pure action would not)', pure: true,
    input: z.object({ key: z.string(), value: z.unknown() }), output: z.object({ value: z.unknown() }),
    run: async ({ key, value }) => {
      bump(key);
      return { value };
    },
  }),
  defineAction({
    type: 'test.big', title: 'Big', description: '', input: z.object({ size: z.number() }), output: z.object({ text: z.string() }),
    run: async ({ size }) => ({ text: 'x'.repeat(size) }),
  }),
  defineAction({
    type: 'test.document', title: 'Document', description: '', input: z.object({ title: z.string(), parent_id: z.string().optional() }), output: z.object({}),
    run: async ({ title, parent_id }, ctx) => {
      ctx.emitDocument({ title, content: `# ${title}`, format: 'markdown', metadata: { by: 'test' }, parentId: parent_id });
      return {};
    },
  }),
];

/** The engine over a real database of `dialect`, with the test actions and a worker pool. */
export async function startEngine(
  dialect: Dialect,
  options: { autoStart?: boolean; concurrency?: number; callLimits?: CallLimits; logger?: Logger; stepAi?: (deps: { sql: SqlClient; events: EventBus; registries: Registries; documents: DocumentStore }) => StepAiFactory } = {},
) {
  const db = await openTestDatabase(dialect);
  await db.database.migrate();
  const sql = sqlClientOf(db.database);
  const events = createEventBus(silentLogger);
  const seen: DwcEvent[] = [];
  events.on('*', (event) => seen.push(event));
  const registries = createRegistries();
  for (const action of testActions) registries.actions.register(action, 'test-plugin');
  const jobs = createJobStore(sql);
  const executionStore = createExecutionStore(sql, jobs, { inlineOutputLimit: 10_000 });
  const workflows = createWorkflowStore<WorkflowDefinition>(sql);
  const documents = createDocumentStore(sql);
  const stepAi = options.stepAi?.({ sql, events, registries, documents });
  const runner = createExecutionRunner({ executions: executionStore, workflows, registries, events, logger: options.logger ?? silentLogger, cancelPollMs: 20, ...(stepAi ? { stepAi } : {}), ...(options.callLimits ? { callLimits: options.callLimits } : {}) });
  const pool = createWorkerPool({
    jobs, workerId: 'test-worker', logger: silentLogger, concurrency: options.concurrency ?? 4, leaseMs: 5_000, pollMs: 50,
    handlers: {
      execution: async (job, ctx) => void (await runner.run((job.payload as { execution_id: string }).execution_id, { workerId: ctx.workerId, signal: ctx.signal, abort: ctx.abort })),
      task: async () => undefined,
    },
  });
  const service = createExecutionService({ executions: executionStore, workflows, events, onQueued: () => pool.wake() });
  if (options.autoStart !== false) pool.start();
  return {
    db, sql, events, seen, registries, jobs, executionStore, workflows, service, pool, documents,
    async createWorkflow(definition: unknown) {
      return workflows.create(parseWorkflowDefinition(definition));
    },
    /** Creates the workflow, runs it and waits for the end. */
    async run(definition: unknown, input: unknown = {}): Promise<ExecutionRecord> {
      const workflow = await workflows.create(parseWorkflowDefinition(definition));
      const execution = await service.start(workflow.id, input);
      return service.waitFor(execution.id, 20_000);
    },
    stepsOf: (executionId: string) => executionStore.allSteps(executionId),
    async stop() {
      await pool.stop(2_000);
      await db.cleanup();
    },
  };
}

export type Engine = Awaited<ReturnType<typeof startEngine>>;
