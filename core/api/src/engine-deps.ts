import type { ActionCatalog, AutomationService, DocumentQueries, ExecutionQueries, ExecutionService, SchedulerService, TaskService, TriggerCatalog, TriggerHost, WaitService, WorkflowService } from '@dwc/runtime';

/** What the workflow, execution, document and background routes need from the runtime: its services, never its stores. */
export interface EngineDeps {
  /** Saves check each step against its action's input schema. */
  workflows: WorkflowService;
  /** Every step type with its JSON Schemas (`GET /api/v3/actions`). */
  actions: Pick<ActionCatalog, 'describe'>;
  /** Every trigger type with its settings JSON Schema (`GET /api/v3/triggers`). */
  triggerTypes: Pick<TriggerCatalog, 'describe'>;
  /** Active triggers: the webhook route looks its path up and fires through it. */
  triggers: Pick<TriggerHost, 'webhook' | 'fire'>;
  /** Start, wait for, cancel, retry and re-run executions. */
  executions: ExecutionService;
  /** Read executions: lists, steps, step outputs, analytics. */
  executionQueries: ExecutionQueries;
  /** Approve or reject waiting approval steps; the approvals inbox. */
  waits: Pick<WaitService, 'approve' | 'reject' | 'openApprovals'>;
  /** Automations: CRUD, trigger, runs, feedback, stats, templates. */
  automations: AutomationService;
  /** Read documents: one, a list, lineage. */
  documents: DocumentQueries;
  /** Background tasks: submit, list, cancel, queue stats. */
  tasks: TaskService;
  /** Schedules: create, list, pause, resume, delete, history, stats. */
  scheduler: SchedulerService;
  /** This process's worker: its id, concurrency and how many jobs it runs now. */
  worker(): { id: string; concurrency: number; active: number };
}
