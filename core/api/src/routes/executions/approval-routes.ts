import { z } from 'zod';
import { defineRoute, type RouteContext } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';

const tags = ['executions'];
const stepParams = z.object({ execution_id: z.string().min(1).max(64), step_id: z.string().min(1).max(64) });
const decisionBody = z.strictObject({ comment: z.string().max(5000).nullable().optional().meta({ description: 'Why; kept in the step output and the audit log.' }) });

const decisionSchema = z.object({
  execution_id: z.string(),
  step_id: z.string(),
  decision: z.enum(['approved', 'rejected']),
  approved: z.boolean(),
  timed_out: z.boolean(),
  decided_by: z.object({ user_id: z.string().nullable(), label: z.string() }),
  decided_at: z.string(),
  comment: z.string().nullable(),
});

const responses = {
  200: { description: "The decision, as it becomes the step's output (the execution then resumes)", schema: decisionSchema },
  403: errorResponse('The caller is not one of the approvers'),
  404: errorResponse('No such execution, or no approval step of that id has started'),
  409: errorResponse('Already decided, timed out, or the execution ended'),
};

/** `POST …/steps/{step_id}/approve` or `/reject`. */
const decisionRoute = (decision: 'approve' | 'reject') =>
  defineRoute({
    method: 'POST',
    path: `/api/v3/workflows/executions/{execution_id}/steps/{step_id}/${decision}`,
    operationId: `${decision}Step`,
    permission: 'workflows:read',
    summary: `${decision === 'approve' ? 'Approve' : 'Reject'} a waiting approval step (only its approvers, by role or user id, may)`,
    tags,
    errors: ['approval_not_found', 'approval_forbidden', 'approval_not_pending', 'execution_not_found'],
    request: { params: stepParams, body: decisionBody },
    responses,
    handler: async ({ deps, params, body, auth }: RouteContext<{ params: typeof stepParams; body: typeof decisionBody }>) =>
      deps.engine.waits[decision](params.execution_id, params.step_id, auth!, body.comment ?? null),
  });

export const approveStepRoute = decisionRoute('approve');
export const rejectStepRoute = decisionRoute('reject');

export const listApprovalsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/approvals',
  operationId: 'listApprovals',
  permission: 'workflows:read',
  summary: 'Open approvals the caller may decide, oldest first (the approvals inbox)',
  tags,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }) },
  responses: {
    200: {
      description: 'Open approvals',
      schema: z.object({
        items: z.array(z.object({
          execution_id: z.string(), step_id: z.string(), message: z.string().nullable(), approvers: z.array(z.string()),
          created_at: z.string(), timeout_at: z.string().nullable(),
        })),
      }),
    },
  },
  handler: async ({ deps, query, auth }) => ({
    items: (await deps.engine.waits.openApprovals(auth!, query.limit)).map((wait) => ({
      execution_id: wait.executionId, step_id: wait.stepId, message: wait.message, approvers: wait.approvers ?? [],
      created_at: wait.createdAt.toISOString(), timeout_at: wait.wakeAt === null ? null : new Date(wait.wakeAt).toISOString(),
    })),
  }),
});
