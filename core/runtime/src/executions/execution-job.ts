import type { JobPriority, NewJob } from '../queue/job-types.js';

/** The queue job that runs an execution: it has the execution's id. */
export function executionJob(id: string, priority: JobPriority = 'normal'): NewJob & { id: string } {
  return { id, kind: 'execution', name: `execution ${id}`, taskType: 'workflow.execution', priority, payload: { execution_id: id } };
}
