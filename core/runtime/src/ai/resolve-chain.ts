import type { AiRouting } from '@dwc/sdk';

/**
 * The providers named for a call, in order: the request's `provider` (then its `fallback`), else the
 * request's `fallback`, else the workflow's chain, else the global chain (`DWC_AI_FALLBACK`).
 * Duplicates are dropped. Empty when none is named: the AI service then builds its default chain.
 */
export function resolveChain(routing: AiRouting, workflowChain: readonly string[] | undefined, globalChain: readonly string[]): string[] {
  let chain: readonly string[];
  if (routing.provider) chain = [routing.provider, ...(routing.fallback ?? [])];
  else if (routing.fallback?.length) chain = routing.fallback;
  else if (workflowChain?.length) chain = workflowChain;
  else chain = globalChain;
  return [...new Set(chain)];
}
