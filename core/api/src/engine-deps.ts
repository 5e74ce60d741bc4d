import type { DocumentStore, ExecutionService, ExecutionStore, JobStore, TaskService, WorkflowDefinition, WorkflowStore } from '@dwc/runtime';

/** What the workflow, execution, document and background routes need from the runtime. */
export interface EngineDeps {
  workflows: WorkflowStore<WorkflowDefinition>;
  executions: ExecutionService;
  executionStore: ExecutionStore;
  documents: DocumentStore;
  tasks: TaskService;
  jobs: JobStore;
  /** This process's worker: its id, concurrency and how many jobs it runs now. */
  worker(): { id: string; concurrency: number; active: number };
}
