import { taskSubmissionSchema, type JobRecord, type JobStats } from '@dwc/runtime';
import { z } from 'zod';
import { defineRoute } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';

const tags = ['background'];
const taskSchema = z
  .object({
    id: z.string(), name: z.string(), task_type: z.string(), priority: z.enum(['low', 'normal', 'high', 'critical']),
    status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']), payload: z.unknown(), result: z.unknown(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(), attempts: z.number().int(), max_retries: z.number().int(),
    timeout_ms: z.number().int().nullable(), run_at: z.string(), worker_id: z.string().nullable().meta({ description: 'The server process running it, or that ran it last' }), cancel_requested: z.boolean(), created_at: z.string(),
    started_at: z.string().nullable(), finished_at: z.string().nullable(),
  })
  .meta({ id: 'BackgroundTask' });

const toTaskWire = (job: JobRecord): z.input<typeof taskSchema> => ({
  id: job.id, name: job.name, task_type: job.taskType, priority: job.priority, status: job.status, payload: job.payload, result: job.result,
  error: job.error, attempts: job.attempts, max_retries: job.maxRetries, timeout_ms: job.timeoutMs, run_at: job.runAt.toISOString(), worker_id: job.lockedBy,
  cancel_requested: job.cancelRequested, created_at: job.createdAt.toISOString(), started_at: job.startedAt?.toISOString() ?? null,
  finished_at: job.finishedAt?.toISOString() ?? null,
});
const idParams = z.object({ id: z.string().min(1).max(64) });
const submission = taskSubmissionSchema.meta({ id: 'TaskSubmission' });

export const submitTaskRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/background/tasks/submit',
  operationId: 'submitTask',
  errors: ['unknown_task_type', 'invalid_task_payload'],
  permission: 'tasks:write',
  summary: 'Queue a background task',
  description: '`task_type` names an action (`transform`, `http.request`, `delay`, ...) whose input is `payload`, or `data_processing` (a JSONata `expression` over `data`, `$` when omitted).',
  tags,
  request: { body: submission },
  responses: { 201: { description: 'The queued task', schema: taskSchema }, 400: errorResponse('Invalid task or unknown task type') },
  handler: async ({ deps, body, res }) => {
    res.status(201);
    return toTaskWire(await deps.engine.tasks.submit(body));
  },
});

export const bulkSubmitTasksRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/background/tasks/bulk-submit',
  operationId: 'bulkSubmitTasks',
  errors: ['unknown_task_type', 'invalid_task_payload'],
  permission: 'tasks:write',
  summary: 'Queue several tasks at once: all or none',
  tags,
  request: { body: z.object({ tasks: z.array(submission).min(1).max(1_000) }) },
  responses: { 201: { description: 'The queued tasks', schema: z.object({ items: z.array(taskSchema) }) }, 400: errorResponse('A task is invalid; none was queued') },
  handler: async ({ deps, body, res }) => {
    res.status(201);
    return { items: (await deps.engine.tasks.submitMany(body.tasks)).map(toTaskWire) };
  },
});

export const listTasksRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/background/tasks',
  operationId: 'listTasks',
  permission: 'tasks:read',
  summary: 'List background tasks, newest first',
  tags,
  request: {
    query: z.object({
      status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(50),
      before: z.string().max(64).optional(),
    }),
  },
  responses: { 200: { description: 'A page of tasks', schema: z.object({ items: z.array(taskSchema), next_before: z.string().nullable() }) } },
  handler: async ({ deps, query }) => {
    const page = await deps.engine.tasks.list(query);
    return { items: page.items.map(toTaskWire), next_before: page.nextBefore };
  },
});

export const getTaskRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/background/tasks/{id}',
  operationId: 'getTask',
  errors: ['task_not_found'],
  permission: 'tasks:read',
  summary: 'Get a background task',
  tags,
  request: { params: idParams },
  responses: { 200: { description: 'The task', schema: taskSchema }, 404: errorResponse('No such task') },
  handler: async ({ deps, params }) => toTaskWire(await deps.engine.tasks.get(params.id)),
});

export const cancelTaskRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/background/tasks/{id}/cancel',
  operationId: 'cancelTask',
  errors: ['task_not_found'],
  permission: 'tasks:write',
  summary: 'Cancel a queued task, or ask a running one to stop',
  tags,
  request: { params: idParams },
  responses: { 200: { description: 'The task afterwards', schema: taskSchema }, 404: errorResponse('No such task') },
  handler: async ({ deps, params }) => toTaskWire(await deps.engine.tasks.cancel(params.id)),
});

export const bulkCancelTasksRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/background/tasks/bulk-cancel',
  operationId: 'bulkCancelTasks',
  permission: 'tasks:write',
  summary: 'Cancel several tasks',
  tags,
  request: { body: z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(1_000) }) },
  responses: { 200: { description: 'Which were cancelled now and which were asked to stop', schema: z.object({ cancelled: z.array(z.string()), stopping: z.array(z.string()) }) } },
  handler: async ({ deps, body }) => {
    const result = await deps.engine.tasks.cancelMany(body.ids);
    return { cancelled: result.cancelled, stopping: result.requested };
  },
});

export const backgroundStatsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/background/service/stats',
  operationId: 'getBackgroundStats',
  permission: 'tasks:read',
  summary: 'Queue and worker statistics',
  tags,
  responses: {
    200: {
      description: 'Stats',
      schema: z.object({
        tasks: z.object({ queued: z.number(), running: z.number(), succeeded: z.number(), failed: z.number(), cancelled: z.number(), mean_wait_ms: z.number().nullable(), mean_run_ms: z.number().nullable() }),
        executions: z.object({ queued: z.number(), running: z.number(), succeeded: z.number(), failed: z.number(), cancelled: z.number(), mean_wait_ms: z.number().nullable(), mean_run_ms: z.number().nullable() }),
        worker: z.object({ id: z.string(), concurrency: z.number(), active: z.number() }),
      }),
    },
  },
  handler: async ({ deps }) => {
    const wire = (s: JobStats) => ({
      queued: s.queued, running: s.running, succeeded: s.succeeded, failed: s.failed, cancelled: s.cancelled, mean_wait_ms: s.meanWaitMs, mean_run_ms: s.meanRunMs,
    });
    const stats = await deps.engine.tasks.stats();
    return { tasks: wire(stats.tasks), executions: wire(stats.executions), worker: deps.engine.worker() };
  },
});
