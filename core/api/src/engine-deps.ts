import type { ActionCatalog, DocumentStore, ExecutionService, ExecutionStore, JobStore, TaskService, WorkflowService } from '@dwc/runtime';

/** What the workflow, execution, document and background routes need from the runtime. */
export interface EngineDeps {
  /** Saves check each step against its action's input schema. */
  workflows: WorkflowService;
  /** Every step type with its JSON Schemas (`GET /api/v3/actions`). */
  actions: Pick<ActionCatalog, 'describe'>;
  executions: ExecutionService;
  executionStore: ExecutionStore;
  documents: DocumentStore;
  tasks: TaskService;
  jobs: JobStore;
  /** This process's worker: its id, concurrency and how many jobs it runs now. */
  worker(): { id: string; concurrency: number; active: number };
}
