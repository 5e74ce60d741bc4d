import type { Route } from './define-route.js';
import { listActionsRoute } from './routes/actions/list-actions.js';
import { schedulerRoutes } from './routes/scheduler/schedule-routes.js';
import { listTriggersRoute, publishEventRoute, setWorkflowActiveRoute } from './routes/triggers/trigger-routes.js';
import { webhookRoutes } from './routes/triggers/webhook-routes.js';
import { backgroundStatsRoute, bulkCancelTasksRoute, bulkSubmitTasksRoute, cancelTaskRoute, getTaskRoute, listTasksRoute, submitTaskRoute } from './routes/background/task-routes.js';
import { documentLineageRoute, exportDocumentRoute, getDocumentRoute, listDocumentsRoute } from './routes/documents/document-routes.js';
import { advancedExecuteRoute, executeWorkflowRoute } from './routes/executions/execute-routes.js';
import {
  cancelExecutionRoute,
  getExecutionRoute,
  getStepOutputRoute,
  listExecutionsRoute,
  listExecutionStepsRoute,
  listWorkflowExecutionsRoute,
  rerunExecutionRoute,
  retryExecutionRoute,
  workflowAnalyticsRoute,
} from './routes/executions/execution-routes.js';
import { automationRoutes } from './routes/automations/automation-routes.js';
import { approveStepRoute, listApprovalsRoute, rejectStepRoute } from './routes/executions/approval-routes.js';
import { addWorkflowNodeRoute, removeWorkflowNodeRoute, reorderWorkflowNodesRoute, updateWorkflowNodeRoute } from './routes/workflows/workflow-node-routes.js';
import {
  createWorkflowRoute,
  deleteWorkflowRoute,
  getWorkflowRoute,
  getWorkflowVersionRoute,
  listWorkflowsRoute,
  listWorkflowVersionsRoute,
  updateWorkflowRoute,
} from './routes/workflows/workflow-routes.js';

/** Workflows, executions, documents and background tasks. Literal paths come before `{id}` ones. */
export const engineRoutes: readonly Route[] = [
  listActionsRoute,
  listTriggersRoute,
  publishEventRoute,
  advancedExecuteRoute,
  listExecutionsRoute,
  getExecutionRoute,
  listExecutionStepsRoute,
  getStepOutputRoute,
  approveStepRoute,
  rejectStepRoute,
  listApprovalsRoute,
  ...automationRoutes,
  cancelExecutionRoute,
  retryExecutionRoute,
  rerunExecutionRoute,
  createWorkflowRoute,
  listWorkflowsRoute,
  getWorkflowRoute,
  updateWorkflowRoute,
  setWorkflowActiveRoute,
  deleteWorkflowRoute,
  listWorkflowVersionsRoute,
  getWorkflowVersionRoute,
  reorderWorkflowNodesRoute,
  addWorkflowNodeRoute,
  updateWorkflowNodeRoute,
  removeWorkflowNodeRoute,
  executeWorkflowRoute,
  listWorkflowExecutionsRoute,
  workflowAnalyticsRoute,
  listDocumentsRoute,
  getDocumentRoute,
  documentLineageRoute,
  exportDocumentRoute,
  submitTaskRoute,
  bulkSubmitTasksRoute,
  bulkCancelTasksRoute,
  listTasksRoute,
  getTaskRoute,
  cancelTaskRoute,
  backgroundStatsRoute,
  ...schedulerRoutes,
  ...webhookRoutes(),
];
