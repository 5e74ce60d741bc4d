import { scheduleCreateSchemas, scheduleKinds, type ScheduleKind } from '@dwc/runtime';
import { z } from 'zod';
import { defineRoute, type Route } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';
import { scheduleRunSchema, scheduleSchema, toRunWire, toScheduleWire } from './schedule-wire.js';

const tags = ['scheduler'];
const idParams = z.object({ id: z.string().min(1).max(64) });
const page = { limit: z.coerce.number().int().min(1).max(500).default(50), before: z.string().max(64).optional() };
const NEXT_RUN_TIMES = 5;

const createRoute = (kind: ScheduleKind) =>
  defineRoute({
    method: 'POST',
    path: `/api/v3/scheduler/schedules/${kind}`,
    operationId: `create${kind[0]!.toUpperCase()}${kind.slice(1)}Schedule`,
    errors: ['invalid_schedule', 'workflow_not_found', 'unknown_task_type', 'invalid_task_payload'],
    permission: 'schedules:write',
    summary: `Create a ${kind} schedule`,
    description: 'Each planned occurrence starts one execution of `workflow_id`, or the background task `payload` names (`task_type`), or else publishes a `schedule.fired` event.',
    tags,
    request: { body: scheduleCreateSchemas[kind].meta({ id: `${kind[0]!.toUpperCase()}${kind.slice(1)}ScheduleCreate` }) },
    responses: { 201: { description: 'The schedule', schema: scheduleSchema }, 400: errorResponse('Invalid schedule'), 404: errorResponse('No such workflow') },
    handler: async ({ deps, body, res }) => {
      res.status(201);
      const schedule = await deps.engine.scheduler.create(kind, body as never);
      return toScheduleWire(schedule, await deps.engine.scheduler.upcoming(schedule, NEXT_RUN_TIMES));
    },
  });

export const listSchedulesRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/scheduler/schedules',
  operationId: 'listSchedules',
  permission: 'schedules:read',
  summary: 'List schedules, newest first',
  tags,
  request: { query: z.object({ status: z.enum(['active', 'paused']).optional(), workflow_id: z.string().max(26).optional(), ...page }) },
  responses: { 200: { description: 'A page of schedules', schema: z.object({ items: z.array(scheduleSchema), next_before: z.string().nullable() }) } },
  handler: async ({ deps, query }) => {
    const result = await deps.engine.scheduler.list({ status: query.status, workflowId: query.workflow_id, limit: query.limit, before: query.before });
    return { items: result.items.map((s) => toScheduleWire(s)), next_before: result.nextBefore };
  },
});

export const getScheduleRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/scheduler/schedules/{id}',
  operationId: 'getSchedule',
  errors: ['schedule_not_found'],
  permission: 'schedules:read',
  summary: 'Get a schedule with its next run times',
  tags,
  request: { params: idParams },
  responses: { 200: { description: 'The schedule', schema: scheduleSchema }, 404: errorResponse('No such schedule') },
  handler: async ({ deps, params }) => {
    const schedule = await deps.engine.scheduler.get(params.id);
    return toScheduleWire(schedule, await deps.engine.scheduler.upcoming(schedule, NEXT_RUN_TIMES));
  },
});

const stateRoute = (action: 'pause' | 'resume') =>
  defineRoute({
    method: 'POST',
    path: `/api/v3/scheduler/schedules/{id}/${action}`,
    operationId: `${action}Schedule`,
    errors: ['schedule_not_found'],
    permission: 'schedules:write',
    summary: action === 'pause' ? 'Pause a schedule' : 'Resume a schedule from its next occurrence after now',
    tags,
    request: { params: idParams },
    responses: { 200: { description: 'The schedule afterwards', schema: scheduleSchema }, 404: errorResponse('No such schedule') },
    handler: async ({ deps, params }) => {
      const schedule = await deps.engine.scheduler[action](params.id);
      return toScheduleWire(schedule, await deps.engine.scheduler.upcoming(schedule, NEXT_RUN_TIMES));
    },
  });

export const deleteScheduleRoute = defineRoute({
  method: 'DELETE',
  path: '/api/v3/scheduler/schedules/{id}',
  operationId: 'deleteSchedule',
  errors: ['schedule_not_found'],
  permission: 'schedules:write',
  summary: 'Delete a schedule and its history',
  tags,
  request: { params: idParams },
  responses: { 204: { description: 'Deleted' }, 404: errorResponse('No such schedule') },
  handler: async ({ deps, params }) => {
    await deps.engine.scheduler.remove(params.id);
  },
});

export const scheduleHistoryRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/scheduler/schedules/{id}/history',
  operationId: 'getScheduleHistory',
  errors: ['schedule_not_found'],
  permission: 'schedules:read',
  summary: 'A schedule\'s runs, newest first',
  tags,
  request: { params: idParams, query: z.object(page) },
  responses: { 200: { description: 'A page of runs', schema: z.object({ items: z.array(scheduleRunSchema), next_before: z.string().nullable() }) }, 404: errorResponse('No such schedule') },
  handler: async ({ deps, params, query }) => {
    const result = await deps.engine.scheduler.history(params.id, query);
    return { items: result.items.map(toRunWire), next_before: result.nextBefore };
  },
});

export const schedulerStatsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/scheduler/service/stats',
  operationId: 'getSchedulerStats',
  permission: 'schedules:read',
  summary: 'Scheduler statistics',
  tags,
  responses: {
    200: {
      description: 'Stats',
      schema: z.object({
        schedules: z.object({ active: z.number(), paused: z.number() }),
        runs: z.object({ started: z.number(), skipped: z.number() }),
        fire_delay_ms: z.object({ p50: z.number().nullable(), p99: z.number().nullable(), max: z.number().nullable(), sample: z.number() }).meta({ description: 'Over the latest 1,000 started runs: fired minus planned time' }),
        this_process: z.object({ running: z.boolean(), fired: z.number(), missed: z.number(), poll_ms: z.number() }),
        next_due_at: z.string().nullable(),
      }),
    },
  },
  handler: async ({ deps }) => {
    const stats = await deps.engine.scheduler.stats();
    return {
      schedules: stats.schedules, runs: stats.runs, fire_delay_ms: stats.fireDelayMs,
      this_process: { running: stats.thisProcess.running, fired: stats.thisProcess.fired, missed: stats.thisProcess.missed, poll_ms: stats.thisProcess.pollMs },
      next_due_at: stats.nextDueAt === null ? null : new Date(stats.nextDueAt).toISOString(),
    };
  },
});

/** Every scheduler route; literal paths before `{id}` ones. */
export const schedulerRoutes: readonly Route[] = [
  ...scheduleKinds.map(createRoute),
  listSchedulesRoute,
  schedulerStatsRoute,
  getScheduleRoute,
  stateRoute('pause'),
  stateRoute('resume'),
  deleteScheduleRoute,
  scheduleHistoryRoute,
];
