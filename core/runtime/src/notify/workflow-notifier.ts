import type { DwcEvent, EventBus } from '@dwc/sdk';
import type { Logger } from 'pino';
import type { NotificationService } from './notification-service.js';
import type { WorkflowNotifyEvent, WorkflowNotifyRule } from './workflow-notify.js';

/** The part of a workflow version the notifier reads. */
export interface NotifiedWorkflow {
  name: string;
  notify?: WorkflowNotifyRule[] | undefined;
}

const EVENT_OF: Record<string, WorkflowNotifyEvent> = { 'execution.failed': 'failure', 'execution.succeeded': 'success', 'execution.waiting': 'waiting' };

const STANDARD: Record<WorkflowNotifyEvent, (name: string, payload: Record<string, unknown>) => { subject: string; message: string }> = {
  failure: (name, p) => ({
    subject: `Workflow "${name}" failed`,
    message: `Run ${String(p.execution_id)} of "${name}" failed${typeof (p.error as { message?: unknown })?.message === 'string' ? `: ${(p.error as { message: string }).message}` : '.'}`,
  }),
  success: (name, p) => ({ subject: `Workflow "${name}" succeeded`, message: `Run ${String(p.execution_id)} of "${name}" succeeded.` }),
  waiting: (name, p) => ({
    subject: `Workflow "${name}" is waiting`,
    message: `Run ${String(p.execution_id)} of "${name}" is waiting${p.step_id ? ` at step "${String(p.step_id)}"` : ''}${p.reason ? ` for ${String(p.reason)}` : ''}.`,
  }),
};

/**
 * The steps an `execution.waiting` names. A run parks again after each resume while a step still
 * waits, naming it again: keyed by step, it is notified once per waiting step, not once per park.
 */
function waitingSteps(p: Record<string, unknown>): (string | null)[] {
  if (Array.isArray(p.waiting_steps) && p.waiting_steps.length > 0) return p.waiting_steps.map(String);
  return [typeof p.step_id === 'string' ? p.step_id : null];
}

/**
 * Sends what a workflow's `notify` setting asks for when its runs fail, succeed or wait. The
 * idempotency key is the run, the event (and waiting step) and the rule, so every process that
 * hears the event (the Postgres bridge repeats it on each) queues the same rows once.
 */
export function startWorkflowNotifier(options: {
  events: EventBus;
  service: NotificationService;
  workflow(workflowId: string, version: number): Promise<NotifiedWorkflow | undefined>;
  logger: Logger;
}): () => void {
  const handle = async (event: DwcEvent) => {
    const kind = EVENT_OF[event.type];
    const p = event.payload;
    if (kind === undefined || typeof p.workflow_id !== 'string' || typeof p.version !== 'number') return;
    const workflow = await options.workflow(p.workflow_id, p.version);
    const rules = (workflow?.notify ?? []).map((rule, index) => ({ rule, index })).filter(({ rule }) => rule.on.includes(kind));
    for (const { rule, index } of rules) {
      for (const stepId of kind === 'waiting' ? waitingSteps(p) : [null]) {
        const standard = STANDARD[kind](workflow!.name, { ...p, step_id: stepId });
        const data = {
          event: kind,
          workflow: { id: p.workflow_id, name: workflow!.name, version: p.version },
          execution: { id: p.execution_id, status: p.status, error: p.error ?? null },
          step_id: stepId,
        };
        await options.service.sendBulk(
          {
            channel: rule.channel,
            recipients: rule.recipients,
            template: rule.template,
            subject: rule.template ? undefined : (rule.subject ?? standard.subject),
            message: rule.template ? undefined : (rule.message ?? standard.message),
            data,
            priority: rule.priority ?? (kind === 'failure' ? 'high' : 'normal'),
            idempotency_key: `workflow-notify:${String(p.execution_id)}:${kind}${stepId === null ? '' : `:${stepId}`}:${index}`,
          },
          { actor: `execution:${String(p.execution_id)}` },
        );
      }
    }
  };
  const offs = Object.keys(EVENT_OF).map((type) =>
    options.events.on(type, (event) => {
      handle(event).catch((error: unknown) => options.logger.error({ err: error, execution_id: event.payload.execution_id }, 'could not queue the notifications a workflow asks for'));
    }),
  );
  return () => offs.forEach((off) => off());
}
