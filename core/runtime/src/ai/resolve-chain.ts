import type { AiRouting } from '@dwc/sdk';

/**
 * Which providers to try, in order: the request's `provider` (then its `fallback`), else the
 * request's `fallback`, else the workflow's chain, else the global chain (`DWC_AI_FALLBACK`), else
 * the first registered provider. Duplicates are dropped.
 */
export function resolveChain(routing: AiRouting, workflowChain: readonly string[] | undefined, globalChain: readonly string[], registered: readonly string[]): string[] {
  let chain: readonly string[];
  if (routing.provider) chain = [routing.provider, ...(routing.fallback ?? [])];
  else if (routing.fallback?.length) chain = routing.fallback;
  else if (workflowChain?.length) chain = workflowChain;
  else if (globalChain.length) chain = globalChain;
  else chain = registered.slice(0, 1);
  return [...new Set(chain)];
}
