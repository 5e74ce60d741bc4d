import { ConflictError, NotFoundError, PermissionError, type DwcEvent, type EventBus } from '@dwc/sdk';
import type { Logger } from 'pino';
import type { ExecutionRecord } from '../executions/execution-types.js';
import type { AuditRecorder } from '../security/audit-recorder.js';
import { auditActor, type Principal } from '../security/principal.js';
import { awaitedTypesOf, eventData, matchesEvent } from './event-match.js';
import type { WaitRecord, WaitStore } from './wait-store.js';

export type WaitService = ReturnType<typeof createWaitService>;

export type ApprovalDecision = 'approved' | 'rejected';

/** How often each process re-reads which event types steps wait for (waits opened on other processes are also announced by `step.waiting`). */
const AWAITED_REFRESH_MS = 30_000;

/**
 * What people and events do to waiting steps: approve or reject an approval (only a user holding
 * one of its roles, or named by id), and resume `wait.event` steps when a matching event arrives.
 * Each resolution is one conditional update (the first wins) that makes the execution's job due,
 * then `onWake` tells the workers.
 */
export function createWaitService(deps: {
  waits: WaitStore;
  executions: { get(id: string): Promise<ExecutionRecord | undefined> };
  events: EventBus;
  audit: AuditRecorder;
  logger: Logger;
  onWake: () => void;
}) {
  async function decide(executionId: string, stepId: string, decision: ApprovalDecision, principal: Principal, comment: string | null) {
    const execution = await deps.executions.get(executionId);
    if (!execution) throw new NotFoundError(`No execution with id "${executionId}".`, { code: 'execution_not_found' });
    const wait = await deps.waits.get(executionId, stepId);
    if (!wait || wait.kind !== 'approval') {
      throw new NotFoundError(`Execution ${executionId} has no approval step "${stepId}" that has started.`, { code: 'approval_not_found' });
    }
    const target = `execution:${executionId}/step:${stepId}`;
    if (!mayDecide(wait, principal)) {
      await deps.audit.record({ action: `approval.${decision === 'approved' ? 'approve' : 'reject'}`, outcome: 'failure', actor: auditActor(principal), actorLabel: principal.label, target, detail: { reason: 'not an approver', approvers: wait.approvers } });
      throw new PermissionError(`Only ${(wait.approvers ?? []).join(', ')} may decide this approval.`, { code: 'approval_forbidden', details: { approvers: wait.approvers } });
    }
    if (wait.status !== 'waiting' || execution.status === 'succeeded' || execution.status === 'failed' || execution.status === 'cancelled') {
      throw new ConflictError(`The approval "${stepId}" of execution ${executionId} was already decided or ended (execution ${execution.status}).`, { code: 'approval_not_pending', details: { outcome: wait.outcome } });
    }
    const outcome = {
      decision, approved: decision === 'approved', timed_out: false,
      decided_by: { user_id: principal.userId, label: principal.label }, decided_at: new Date().toISOString(), comment,
    };
    if (!(await deps.waits.resolve(executionId, stepId, outcome))) {
      throw new ConflictError(`The approval "${stepId}" of execution ${executionId} was decided by someone else (or timed out) just now.`, { code: 'approval_not_pending' });
    }
    await deps.audit.record({ action: `approval.${decision === 'approved' ? 'approve' : 'reject'}`, outcome: 'success', actor: auditActor(principal), actorLabel: principal.label, target, after: { decision, comment } });
    deps.events.emit('approval.decided', { execution_id: executionId, workflow_id: execution.workflowId, step_id: stepId, ...outcome });
    deps.onWake();
    return { execution_id: executionId, step_id: stepId, ...outcome };
  }

  // Event types some step waits for, so most events (every step.* of every run) cost no query.
  const awaited = new Set<string>();
  async function refreshAwaited(): Promise<void> {
    // Only added to: a type nobody waits for any more costs one indexed query per such event.
    for (const type of await deps.waits.awaitedEventTypes()) awaited.add(type);
  }

  async function onEvent(event: DwcEvent): Promise<void> {
    const types = awaitedTypesOf(event.type).filter((type) => awaited.has(type));
    if (types.length === 0) return;
    const data = eventData(event);
    const payload = event.payload as { user_id?: unknown };
    for (const wait of await deps.waits.waitingForEvents(types)) {
      if (!matchesEvent(wait.match, data)) continue;
      const outcome = {
        timed_out: false,
        event: { type: wait.eventType!, timestamp: event.timestamp, data, user_id: typeof payload.user_id === 'string' ? payload.user_id : null },
        resumed_at: new Date().toISOString(),
      };
      if (await deps.waits.resolve(wait.executionId, wait.stepId, outcome)) deps.onWake();
    }
  }

  return {
    approve: (executionId: string, stepId: string, principal: Principal, comment: string | null) => decide(executionId, stepId, 'approved', principal, comment),
    reject: (executionId: string, stepId: string, principal: Principal, comment: string | null) => decide(executionId, stepId, 'rejected', principal, comment),

    /** Approvals still open that `principal` may decide, oldest first. */
    async openApprovals(principal: Principal, limit = 100): Promise<WaitRecord[]> {
      return (await deps.waits.openApprovals(limit * 4)).filter((wait) => mayDecide(wait, principal)).slice(0, limit);
    },

    /** Starts resuming `wait.event` steps on matching events; returns the stop function. */
    async listen(): Promise<() => void> {
      await refreshAwaited();
      const timer = setInterval(() => void refreshAwaited().catch((error: unknown) => deps.logger.warn({ err: error }, 'reading awaited event types failed')), AWAITED_REFRESH_MS);
      timer.unref();
      const off = deps.events.on('*', (event) => {
        if (event.type === 'step.waiting') {
          const type = (event.payload as { event_type?: unknown }).event_type;
          if (typeof type === 'string') awaited.add(type);
          return;
        }
        if (awaitedTypesOf(event.type).some((type) => awaited.has(type))) {
          onEvent(event).catch((error: unknown) => deps.logger.error({ err: error, event: event.type }, 'resuming steps waiting for an event failed'));
        }
      });
      return () => {
        clearInterval(timer);
        off();
      };
    },
  };
}

/** Whether `principal` is one of the approval's approvers: by role, or by user id. */
export function mayDecide(wait: Pick<WaitRecord, 'approvers'>, principal: Pick<Principal, 'role' | 'userId'>): boolean {
  return (wait.approvers ?? []).some((approver) => approver === principal.role || (principal.userId !== null && approver === principal.userId));
}
