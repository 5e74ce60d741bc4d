import { InputError } from '@dwc/sdk';
import type { WorkflowDefinition } from '../engine/index.js';

import { CALL_WORKFLOW_STEP } from '../engine/workflow-call.js';

/** One run on a chain of `workflow.call`s. */
export interface CallFrame {
  executionId: string;
  workflowId: string;
  name: string;
}

/** How far `workflow.call` may go: nested calls along one chain, and executions started under one root run. */
export interface CallLimits {
  maxDepth: number;
  maxDescendants: number;
}

export const DEFAULT_CALL_LIMITS: CallLimits = { maxDepth: 10, maxDescendants: 1_000 };

/** The executions started under one root run: counted from storage once (a resumed run), then here. */
export interface CallTree {
  rootId: string;
  descendants: number | Promise<number> | undefined;
}

/** A workflow the chain is about to call; its latest definition, to look ahead for cycles. */
export interface CallTarget {
  id: string;
  name: string;
  definition: WorkflowDefinition;
}

const chainText = (frames: readonly { workflowId: string; name: string }[]) => frames.map((f) => `"${f.name}" (${f.workflowId})`).join(' → ');
const chainDetail = (frames: readonly { workflowId: string; name: string }[]) => frames.map((f) => ({ workflow_id: f.workflowId, name: f.name }));

/** A chain of `workflow.call`s that comes back to a workflow already on it. */
export class WorkflowCycleError extends InputError {
  constructor(cycle: readonly { workflowId: string; name: string }[]) {
    super(`workflow.call would run a cycle of workflows: ${chainText(cycle)}; a workflow cannot call itself, directly or through others.`, {
      code: 'workflow_call_cycle', details: { chain: chainDetail(cycle) },
    });
  }
}

export class CallDepthError extends InputError {
  constructor(chain: readonly { workflowId: string; name: string }[], limit: number) {
    super(`workflow.call would nest ${chain.length - 1} calls deep, over the limit of ${limit} (DWC_MAX_CALL_DEPTH): ${chainText(chain)}.`, {
      code: 'call_depth_exceeded', details: { limit, chain: chainDetail(chain) },
    });
  }
}

export class DescendantLimitError extends InputError {
  constructor(rootId: string, limit: number) {
    super(`run ${rootId} has already started ${limit} executions through workflow.call, the limit for one run (DWC_MAX_DESCENDANTS).`, {
      code: 'descendant_limit_exceeded', details: { root_execution_id: rootId, limit },
    });
  }
}

/** The workflow ids a definition calls by a literal id (templated ids are known only at run time). */
export function literalCalls(definition: WorkflowDefinition): string[] {
  const ids: string[] = [];
  for (const step of definition.steps) {
    const id = step.type === CALL_WORKFLOW_STEP ? (step.input as { workflow_id?: unknown } | undefined)?.workflow_id : undefined;
    if (typeof id === 'string' && !id.includes('{')) ids.push(id);
  }
  return ids;
}

/**
 * Refuses a call from the end of `chain` to `target` that would close a cycle, now or further
 * down: the target's own literal calls are followed (latest versions, as a run would start them,
 * at most `limits.maxDepth` deep), so A → B → A is refused before B runs. Then the depth.
 */
export async function checkCall(
  chain: readonly CallFrame[],
  target: CallTarget,
  limits: CallLimits,
  latest: (workflowId: string) => Promise<CallTarget | undefined>,
): Promise<void> {
  const frames = (path: readonly CallTarget[]) => path.map((t) => ({ workflowId: t.id, name: t.name }));
  const closing = (path: readonly CallTarget[]) => {
    const last = path.at(-1)!;
    const onChain = chain.findIndex((frame) => frame.workflowId === last.id);
    if (onChain >= 0) return [...chain.slice(onChain), ...frames(path)];
    const inPath = path.findIndex((t) => t.id === last.id);
    return inPath < path.length - 1 ? frames(path.slice(inPath)) : undefined;
  };
  const seen = new Set<string>();
  const search = async (path: CallTarget[]): Promise<void> => {
    const cycle = closing(path);
    if (cycle) throw new WorkflowCycleError(cycle);
    const here = path.at(-1)!;
    if (seen.has(here.id) || chain.length + path.length > limits.maxDepth) return;
    seen.add(here.id);
    for (const id of literalCalls(here.definition)) {
      const next = await latest(id);
      if (next) await search([...path, next]);
    }
  };
  await search([target]);
  if (chain.length > limits.maxDepth) throw new CallDepthError([...chain, ...frames([target])], limits.maxDepth);
}
