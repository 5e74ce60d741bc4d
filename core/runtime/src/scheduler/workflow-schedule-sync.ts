import type { EventBus } from '@dwc/sdk';
import type { Logger } from 'pino';
import { describeZodError } from '@dwc/sdk';
import { scheduleTriggerSettingsSchema } from './schedule-spec.js';
import type { SchedulerService } from './scheduler-service.js';

/** Emitted when a workflow is activated, deactivated or saved: `{workflow_id, active, trigger}` (`trigger`: `{type, ...settings}`). */
export const TRIGGER_CHANGED = 'workflow.trigger_changed';

/**
 * Keeps the schedule row a workflow's `schedule` trigger owns in step with the workflow: an active
 * workflow with a schedule trigger gets an active row, anything else pauses it. The row lives in the
 * database, so after a restart active workflows' schedules are there without replaying anything.
 */
export function syncWorkflowSchedules(deps: { events: EventBus; scheduler: SchedulerService; logger: Logger }): () => void {
  let chain: Promise<unknown> = Promise.resolve();
  return deps.events.on(TRIGGER_CHANGED, (event) => {
    const { workflow_id: workflowId, active, trigger, name } = event.payload as { workflow_id?: unknown; active?: unknown; trigger?: { type?: unknown } & Record<string, unknown>; name?: unknown };
    if (typeof workflowId !== 'string') return;
    // One change at a time, in the order they were emitted.
    chain = chain.then(async () => {
      try {
        if (trigger?.type !== 'schedule') return await deps.scheduler.pauseWorkflowTrigger(workflowId);
        const { type: _type, ...settings } = trigger;
        const parsed = scheduleTriggerSettingsSchema.safeParse(settings);
        if (!parsed.success) {
          deps.logger.warn({ workflow_id: workflowId }, `the workflow's schedule trigger is invalid (${describeZodError(parsed.error)}); its schedule is paused`);
          return await deps.scheduler.pauseWorkflowTrigger(workflowId);
        }
        await deps.scheduler.syncWorkflowTrigger(workflowId, parsed.data as never, active === true, typeof name === 'string' ? name : `workflow ${workflowId}`);
      } catch (error) {
        deps.logger.error({ err: error, workflow_id: workflowId }, 'could not update the schedule of a workflow trigger');
      }
    });
  });
}
