import { z } from 'zod';
import type { ApiDeps } from '../../api-deps.js';
import { defineRoute } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';
import { workflowIdParams } from '../workflows/workflow-wire.js';
import { executionSchema, toExecutionWire } from './execution-wire.js';

/** Steps included in a waited-for execution; the steps route pages through the rest. */
const STEPS_SHOWN = 100;

export const waitQuery = z.object({
  wait: z.enum(['true', 'false']).default('false').transform((v) => v === 'true').meta({ description: 'Answer with the finished execution' }),
  timeout_ms: z.coerce.number().int().min(1).max(300_000).default(30_000).meta({ description: 'With wait: answer with the current state after this long' }),
  priority: z.enum(['low', 'normal', 'high', 'critical']).default('normal'),
});
export const executeResponses = {
  200: { description: 'With `wait=true`: the execution when it ended (or its state at the timeout)', schema: executionSchema },
  202: { description: 'The queued execution', schema: executionSchema },
  404: errorResponse('No such workflow'),
};

/** Starts a run of the workflow's latest version; with `wait`, answers with it once it ended. */
export async function execute(deps: ApiDeps, workflowId: string, input: unknown, query: z.output<typeof waitQuery>, res: { status(code: number): unknown }) {
  const options = { trigger: { type: 'api_call' }, priority: query.priority };
  if (!query.wait) {
    res.status(202);
    return toExecutionWire(await deps.engine.executions.start(workflowId, input, options));
  }
  const ended = await deps.engine.executions.startAndWait(workflowId, input, options, query.timeout_ms);
  res.status(ended.finishedAt ? 200 : 202);
  const steps = ended.steps?.slice(0, STEPS_SHOWN) ?? (await deps.engine.executionQueries.steps(ended.id, { limit: STEPS_SHOWN, offset: 0 }));
  return toExecutionWire(ended, steps);
}

export const executeWorkflowRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/workflows/{id}/execute',
  operationId: 'executeWorkflow',
  permission: 'workflows:write',
  summary: "Run a workflow's latest version; the body is the input",
  tags: ['executions'],
  request: { params: workflowIdParams, query: waitQuery, body: z.record(z.string(), z.unknown()).default({}).meta({ description: 'Input, read by templates as `input.*`' }) },
  responses: executeResponses,
  handler: ({ deps, params, query, body, res }) => execute(deps, params.id, body, query, res),
});

export const advancedExecuteRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/advanced/workflows/execute',
  operationId: 'advancedExecuteWorkflow',
  permission: 'workflows:write',
  summary: 'Run a workflow by id with parameters as its input',
  tags: ['executions'],
  request: {
    query: waitQuery,
    body: z.object({ workflow_id: z.string().min(1), parameters: z.record(z.string(), z.unknown()).default({}) }),
  },
  responses: executeResponses,
  handler: ({ deps, query, body, res }) => execute(deps, body.workflow_id, body.parameters, query, res),
});
