import { workflowDefinitionSchema, type WorkflowDefinition } from '@dwc/runtime';
import { InputError, NotFoundError } from '@dwc/sdk';
import { z } from 'zod';
import type { ApiDeps } from '../../api-deps.js';
import { defineRoute } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';
import { invalidDefinitionResponse, toWorkflowWire, workflowIdParams, workflowSchema } from './workflow-wire.js';

const tags = ['workflows'];
const stepSchema = workflowDefinitionSchema.shape.steps.element.meta({ id: 'WorkflowStep' });
const stepParams = workflowIdParams.extend({ step_id: z.string().min(1).max(64) });
const responses = { 200: { description: 'The workflow at its new version', schema: workflowSchema }, 400: invalidDefinitionResponse, 404: errorResponse('No such workflow or step') };

/** Applies `change` to the latest steps; the runtime checks the result as a whole and saves it as a new version. */
async function editSteps(deps: ApiDeps, workflowId: string, change: (steps: WorkflowDefinition['steps']) => WorkflowDefinition['steps']) {
  return toWorkflowWire(await deps.engine.workflows.editSteps(workflowId, change));
}

function indexOf(steps: WorkflowDefinition['steps'], stepId: string): number {
  const index = steps.findIndex((step) => step.id === stepId);
  if (index < 0) throw new NotFoundError(`The workflow has no step "${stepId}".`, { code: 'step_not_found' });
  return index;
}

export const addWorkflowNodeRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/workflows/{id}/nodes',
  operationId: 'addWorkflowNode',
  permission: 'workflows:write',
  summary: 'Add a step (at the end, or after another step)',
  tags,
  request: { params: workflowIdParams, body: z.object({ step: stepSchema, after: z.string().optional().meta({ description: 'Insert after this step id' }) }) },
  responses,
  handler: ({ deps, params, body }) =>
    editSteps(deps, params.id, (steps) => {
      const at = body.after === undefined ? steps.length : indexOf(steps, body.after) + 1;
      steps.splice(at, 0, body.step);
      return steps;
    }),
});

export const updateWorkflowNodeRoute = defineRoute({
  method: 'PUT',
  path: '/api/v3/workflows/{id}/nodes/{step_id}',
  operationId: 'updateWorkflowNode',
  permission: 'workflows:write',
  summary: 'Replace one step',
  tags,
  request: { params: stepParams, body: stepSchema },
  responses,
  handler: ({ deps, params, body }) =>
    editSteps(deps, params.id, (steps) => {
      steps[indexOf(steps, params.step_id)] = body;
      return steps;
    }),
});

export const removeWorkflowNodeRoute = defineRoute({
  method: 'DELETE',
  path: '/api/v3/workflows/{id}/nodes/{step_id}',
  operationId: 'removeWorkflowNode',
  permission: 'workflows:write',
  summary: 'Remove one step',
  description: 'Refused (400) when other steps still depend on it by `depends_on` or when it is the last step.',
  tags,
  request: { params: stepParams },
  responses,
  handler: ({ deps, params }) =>
    editSteps(deps, params.id, (steps) => {
      steps.splice(indexOf(steps, params.step_id), 1);
      return steps;
    }),
});

export const reorderWorkflowNodesRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/workflows/{id}/nodes/reorder',
  operationId: 'reorderWorkflowNodes',
  permission: 'workflows:write',
  summary: 'Put the steps in a new order (every step id exactly once)',
  tags,
  request: { params: workflowIdParams, body: z.object({ order: z.array(z.string()).min(1) }) },
  responses,
  handler: ({ deps, params, body }) =>
    editSteps(deps, params.id, (steps) => {
      const ids = steps.map((step) => step.id);
      if (body.order.length !== ids.length || new Set(body.order).size !== ids.length || !body.order.every((id) => ids.includes(id))) {
        throw new InputError(`order must list every step id exactly once: ${ids.join(', ')}.`, { details: { order: ['must be a permutation of the step ids'] } });
      }
      return body.order.map((id) => steps[ids.indexOf(id)]!);
    }),
});
