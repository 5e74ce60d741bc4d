/** The workflow definition of API.md ("Workflows and executions"), as the UI edits it. */
export interface WorkflowStep {
  id: string;
  name?: string;
  type: string;
  input: Record<string, unknown>;
  depends_on?: string[];
  when?: string;
  for_each?: string;
  concurrency?: number;
  retry?: { max_attempts?: number; backoff_ms?: number };
  timeout_ms?: number;
  continue_on_error?: boolean;
}

export interface WorkflowDefinition {
  name: string;
  description?: string;
  trigger: { type: string; [key: string]: unknown };
  steps: WorkflowStep[];
  /** Kept as the server sent it, so a save does not drop the workflow's own retention. */
  settings?: { retention?: { days?: number; count?: number; delete_documents?: boolean } };
}

export interface Workflow extends WorkflowDefinition {
  id: string;
  version: number;
  /** Whether the trigger listens (`PATCH` with `{"active"}`); kept across versions. */
  active: boolean;
  description?: string;
  created_at: string;
  updated_at: string;
}

/** A workflow as `GET /api/v3/workflows` lists it (`WorkflowListItem`): with its newest execution. */
export interface WorkflowListItem extends Workflow {
  last_execution: { id: string; status: string; created_at: string; started_at: string | null; finished_at: string | null } | null;
}

export interface StepRun {
  id: string;
  status: string;
  attempts: number;
  input: unknown;
  output: unknown;
  error: { code?: string; message?: string } | null;
  started_at: string | null;
  finished_at: string | null;
}

export interface Execution {
  id: string;
  workflow_id: string;
  version: number;
  status: string;
  input: unknown;
  output: unknown;
  error: { code?: string; message?: string } | null;
  started_at: string | null;
  finished_at: string | null;
  created_at?: string;
  steps?: StepRun[];
}
