import { describeZodError, InputError, NotFoundError, TimeoutError, toFieldErrors, z, type ActionDefinition, type Logger as SdkLogger } from '@dwc/sdk';
import { retryDelayMs, shouldRetry, stepExpressions } from '../engine/index.js';
import type { Registries } from '../plugin-host/registries.js';
import type { JobStore } from './job-store.js';
import { jobPrioritySchema, type JobRecord, type JobStats, type JobStatus } from './job-types.js';
import type { JobHandler } from './worker-pool.js';

/** A background task as submitted: API.md `POST /api/v3/background/tasks/submit`. */
export const taskSubmissionSchema = z.object({
  name: z.string().min(1).max(200),
  task_type: z.string().min(1).max(100).describe('An action type (e.g. `transform`, `http.request`, `delay`), `data_processing`, or `analytics_report` (payload `{time_range, channel, recipients}`)'),
  priority: jobPrioritySchema.default('normal'),
  payload: z.record(z.string(), z.unknown()).default({}).describe('The action input'),
  delay_ms: z.number().int().min(0).max(30 * 24 * 3_600_000).default(0),
  timeout_ms: z.number().int().min(1).max(24 * 3_600_000).optional(),
  max_retries: z.number().int().min(0).max(20).default(0),
});
export type TaskSubmission = z.input<typeof taskSubmissionSchema>;

/** Task types that are names for an action with a default input shape. */
const aliases: Record<string, { action: string; input: (payload: Record<string, unknown>) => unknown }> = {
  data_processing: { action: 'transform', input: (payload) => ({ expression: payload.expression ?? '$', data: payload.data ?? payload }) },
  analytics_report: { action: 'analytics.report', input: (payload) => payload },
};

const TASK_BACKOFF = { backoff_ms: 1_000, max_backoff_ms: 300_000 };
/** Claims a task gets even without retries, so a crash of its worker alone does not fail it. */
const MIN_CLAIMS = 3;

export type TaskService = ReturnType<typeof createTaskService>;

/** Background tasks: each runs one action with the task's payload as input, on the shared queue. */
export function createTaskService(deps: { jobs: JobStore; registries: Registries; onQueued: () => void }) {
  function resolve(taskType: string): { action: ActionDefinition; input: (payload: Record<string, unknown>) => unknown } | undefined {
    const alias = aliases[taskType];
    const action = deps.registries.actions.get(alias?.action ?? taskType);
    return action ? { action, input: alias?.input ?? ((payload) => payload) } : undefined;
  }

  async function get(id: string): Promise<JobRecord> {
    const job = await deps.jobs.get(id);
    if (!job || job.kind !== 'task') throw new NotFoundError(`No background task with id "${id}".`, { code: 'task_not_found', values: { id } });
    return job;
  }

  function knownTypes(): string[] {
    return [...Object.keys(aliases), ...deps.registries.actions.list().map((entry) => entry.definition.type)].sort();
  }

  function toJob(raw: TaskSubmission) {
    const task = taskSubmissionSchema.parse(raw);
    const resolved = resolve(task.task_type);
    if (!resolved) {
      throw new InputError(`Unknown task_type "${task.task_type}"; known: ${knownTypes().join(', ')}.`, { code: 'unknown_task_type', details: { task_type: ['unknown task type'] } });
    }
    const payload = resolved.input(task.payload);
    const input = resolved.action.input.safeParse(payload);
    if (!input.success) {
      const context = { schema: resolved.action.input, input: payload };
      throw new InputError(`payload is not valid input for ${task.task_type}: ${describeZodError(input.error, context)}`, { code: 'invalid_task_payload', details: prefix(toFieldErrors(input.error, context), 'payload') });
    }
    return {
      kind: 'task' as const, name: task.name, taskType: task.task_type, priority: task.priority, payload: task.payload,
      runAt: Date.now() + task.delay_ms, timeoutMs: task.timeout_ms ?? null, maxRetries: task.max_retries,
    };
  }

  /** Runs a claimed task job and ends it: succeeded, retried later with backoff, or failed. */
  const handle: JobHandler = async (job, ctx) => {
    const fail = (code: string, message: string) => deps.jobs.finish(job.id, ctx.workerId, { status: 'failed', error: { code, message } });
    // A claim after a lost lease counts as an attempt; a task that keeps killing its worker stops after a few.
    if (job.attempts > Math.max(job.maxRetries + 1, MIN_CLAIMS)) {
      return void (await fail('worker_lost', `The task was claimed ${job.attempts - 1} times and each worker stopped before it ended; giving up.`));
    }
    const resolved = resolve(job.taskType);
    if (!resolved) return void (await fail('unknown_task_type', `No action "${job.taskType}" is registered now; is its plugin enabled?`));
    const input = resolved.action.input.safeParse(resolved.input((job.payload ?? {}) as Record<string, unknown>));
    if (!input.success) return void (await fail('invalid_task_payload', `payload is invalid: ${describeZodError(input.error)}`));
    const signal = job.timeoutMs ? AbortSignal.any([ctx.signal, AbortSignal.timeout(job.timeoutMs)]) : ctx.signal;
    try {
      const output = await Promise.race([
        resolved.action.run(input.data, {
          executionId: job.id, workflowId: '', stepId: job.taskType, attempt: job.attempts, signal,
          log: ctx.log as unknown as SdkLogger, emitDocument: () => undefined, expressions: stepExpressions(signal),
        }),
        new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(ctx.signal.aborted ? ctx.signal.reason : new TimeoutError(`task did not finish within ${job.timeoutMs} ms (timeout_ms)`)), { once: true })),
      ]);
      await deps.jobs.finish(job.id, ctx.workerId, { status: 'succeeded', result: output ?? null });
    } catch (error) {
      if (ctx.signal.aborted && (await deps.jobs.isCancelRequested(job.id))) {
        await deps.jobs.finish(job.id, ctx.workerId, { status: 'cancelled', error: { code: 'cancelled', message: 'Cancelled while running.' } });
        return;
      }
      if (ctx.signal.aborted) return; // stopping or lease lost: the job returns to the queue
      const message = error instanceof Error ? error.message : String(error);
      const code = (error as { code?: string }).code ?? 'task_failed';
      const policy = { max_attempts: job.maxRetries + 1, ...TASK_BACKOFF };
      if (shouldRetry(policy, job.attempts, error)) {
        await deps.jobs.retryLater(job.id, ctx.workerId, Date.now() + retryDelayMs(policy, job.attempts), { code, message });
      } else {
        await fail(code, message);
      }
    }
  };

  return {
    handle,
    knownTypes,
    /** Checks a submission and turns it into the job it would queue, for a caller that writes it in its own transaction. */
    prepare: toJob,

    async submit(task: TaskSubmission): Promise<JobRecord> {
      const id = await deps.jobs.enqueue(toJob(task));
      deps.onQueued();
      return (await deps.jobs.get(id))!;
    },

    /** Submits all or none: one invalid task refuses the whole batch, naming its index. */
    async submitMany(tasks: readonly TaskSubmission[]): Promise<JobRecord[]> {
      const jobs = tasks.map((task, index) => {
        try {
          return toJob(task);
        } catch (error) {
          if (error instanceof z.ZodError) throw new InputError(`tasks.${index}: ${describeZodError(error)}`, { details: prefix(toFieldErrors(error), `tasks.${index}`) });
          if (error instanceof InputError) throw new InputError(`tasks.${index}: ${error.message}`, { code: error.code, details: prefix((error.details ?? {}) as Record<string, string[]>, `tasks.${index}`) });
          throw error;
        }
      });
      const ids = await deps.jobs.enqueueMany(jobs);
      deps.onQueued();
      return Promise.all(ids.map(async (id) => (await deps.jobs.get(id))!));
    },

    get,

    /** Newest first; `nextBefore` pages on (null on the last page). */
    async list(filter: { status?: JobStatus | undefined; limit: number; before?: string | undefined }): Promise<{ items: JobRecord[]; nextBefore: string | null }> {
      const items = await deps.jobs.list({ kind: 'task', status: filter.status, limit: filter.limit, before: filter.before });
      return { items, nextBefore: items.length === filter.limit ? items.at(-1)!.id : null };
    },

    /** Cancels a queued task at once or asks a running one to stop; the task afterwards. */
    async cancel(id: string): Promise<JobRecord> {
      await get(id);
      await deps.jobs.cancel([id]);
      return get(id);
    },

    /** Cancels the tasks among `ids` (other ids are ignored): which were cancelled now, which were asked to stop. */
    async cancelMany(ids: readonly string[]): Promise<{ cancelled: string[]; requested: string[] }> {
      const tasks = (await Promise.all(ids.map((id) => deps.jobs.get(id)))).filter((job) => job?.kind === 'task').map((job) => job!.id);
      return deps.jobs.cancel(tasks);
    },

    /** Queue counts and mean wait and run times, of background tasks and of executions. */
    async stats(): Promise<{ tasks: JobStats; executions: JobStats }> {
      return { tasks: await deps.jobs.stats('task'), executions: await deps.jobs.stats('execution') };
    },
  };
}

function prefix(fields: Record<string, string[]>, base: string): Record<string, string[]> {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [`${base}.${key}`, value]));
}
