import type { EventBus } from '@dwc/sdk';
import type { Logger } from 'pino';
import type { NotificationService } from './notification-service.js';

/** A user as the notifier needs one: who may decide an approval (by role or id). */
export interface ApproverCandidate {
  id: string;
  role: string;
  disabled: boolean;
}

/**
 * Tells each approver of an `approval` step, in the app, that a run waits for them: every enabled
 * user whose role or id the step names. One message per run, step and user (the idempotency key),
 * so every process hearing `step.waiting` queues it once.
 */
export function startApprovalNotifier(options: {
  events: EventBus;
  service: NotificationService;
  users(): Promise<ApproverCandidate[]>;
  channel?: string;
  logger: Logger;
}): () => void {
  const channel = options.channel ?? 'in_app';
  return options.events.on('step.waiting', (event) => {
    const p = event.payload;
    if (p.kind !== 'approval' || !Array.isArray(p.approvers)) return;
    const approvers = new Set(p.approvers.map(String));
    void (async () => {
      const recipients = (await options.users()).filter((u) => !u.disabled && (approvers.has(u.role) || approvers.has(u.id))).map((u) => u.id);
      if (recipients.length === 0) return;
      const step = String(p.step_id);
      const execution = String(p.execution_id);
      await options.service.sendBulk(
        {
          channel,
          recipients,
          subject: `Approval needed: step "${step}"`,
          message: `${typeof p.message === 'string' && p.message !== '' ? `${p.message}\n` : ''}Run ${execution} waits at step "${step}" for your approval (POST /api/v3/workflows/executions/${execution}/steps/${step}/approve or /reject).`,
          data: { execution_id: execution, workflow_id: p.workflow_id, step_id: step, approvers: [...approvers] },
          priority: 'high',
          idempotency_key: `approval-notify:${execution}:${step}`,
        },
        { actor: `execution:${execution}` },
      );
    })().catch((error: unknown) => options.logger.error({ err: error, execution_id: p.execution_id }, 'could not tell the approvers of a waiting step'));
  });
}
