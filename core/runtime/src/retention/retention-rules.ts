import type { WorkflowRetention } from '../engine/workflow-settings.js';

/** Which workflows' executions a rule covers: one workflow, or every workflow but some. */
export type RuleScope = { workflowId: string } | { except: readonly string[] };

/**
 * One measure of retention over one scope: finished executions older than `days`, or older than
 * the newest `count` executions of the scope, are removed.
 */
export type RetentionRule = { scope: RuleScope } & ({ days: number } | { count: number });

export interface ServerRetention {
  days: number;
  count: number;
}

/**
 * The rules the server's retention and the workflows' own settings make. A workflow setting
 * `days` (or `count`) leaves the server's rule of that measure and gets its own; 0 means never on
 * that measure, so it makes no rule at all.
 */
export function retentionRules(server: ServerRetention, workflows: ReadonlyMap<string, WorkflowRetention>): RetentionRule[] {
  const rules: RetentionRule[] = [];
  const ownDays: string[] = [];
  const ownCount: string[] = [];
  for (const [workflowId, retention] of workflows) {
    if (retention.days !== undefined) {
      ownDays.push(workflowId);
      if (retention.days > 0) rules.push({ scope: { workflowId }, days: retention.days });
    }
    if (retention.count !== undefined) {
      ownCount.push(workflowId);
      if (retention.count > 0) rules.push({ scope: { workflowId }, count: retention.count });
    }
  }
  if (server.days > 0) rules.push({ scope: { except: ownDays }, days: server.days });
  if (server.count > 0) rules.push({ scope: { except: ownCount }, count: server.count });
  return rules;
}
