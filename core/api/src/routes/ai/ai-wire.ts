import { AiCallCancelledError } from '@dwc/runtime';
import type { AiCallInfo } from '@dwc/sdk';
import { z } from 'zod';

const providerName = z.string().regex(/^[a-z][a-z0-9]*([.-][a-z0-9]+)*$/, 'must be an AI provider type such as "openai" or "local"').max(100);

/** Routing fields of the AI routes: an explicit provider (tried first), a fallback list, a model. */
export const routingBody = {
  provider: providerName.optional().meta({ description: 'Provider to use; else DWC_AI_FALLBACK, else the first registered' }),
  fallback: z.array(providerName).max(10).optional().meta({ description: 'Providers to try next on timeouts, 429, 5xx, connection errors or missing configuration' }),
  model: z.string().min(1).max(200).optional().meta({ description: 'Model of the first provider tried' }),
  timeout_ms: z.int().min(100).max(600_000).optional(),
};

export const routingOf = (body: { provider?: string | undefined; fallback?: string[] | undefined; model?: string | undefined; timeout_ms?: number | undefined }) => ({
  ...(body.provider ? { provider: body.provider } : {}),
  ...(body.fallback ? { fallback: body.fallback } : {}),
  ...(body.model ? { model: body.model } : {}),
  ...(body.timeout_ms ? { timeoutMs: body.timeout_ms } : {}),
});

export const callInfoSchema = {
  provider: z.string().meta({ description: 'The provider that answered' }),
  model: z.string(),
  usage: z.object({ input_tokens: z.number().int(), output_tokens: z.number().int(), cost_usd: z.number().nullable(), cached: z.boolean(), latency_ms: z.number() }),
  attempts: z.array(z.object({ provider: z.string(), outcome: z.enum(['failed', 'skipped']), reason: z.string(), message: z.string(), latency_ms: z.number() })).meta({ description: 'Providers passed over, and why' }),
};

export function callInfoWire(info: AiCallInfo) {
  return {
    provider: info.provider,
    model: info.model,
    usage: { input_tokens: info.usage.inputTokens, output_tokens: info.usage.outputTokens, cost_usd: info.usage.costUsd, cached: info.usage.cached, latency_ms: info.usage.latencyMs },
    attempts: info.attempts.map((a) => ({ provider: a.provider, outcome: a.outcome, reason: a.reason, message: a.message, latency_ms: a.latencyMs })),
  };
}

export const usageAggregateSchema = z
  .object({
    key: z.string().nullable(),
    calls: z.number().int(),
    failed: z.number().int(),
    cached: z.number().int(),
    input_tokens: z.number().int(),
    output_tokens: z.number().int(),
    cost_usd: z.number().nullable(),
    avg_latency_ms: z.number(),
  })
  .meta({ id: 'AiUsageAggregate' });

export function usageAggregateWire(a: { key: string | null; calls: number; failed: number; cached: number; inputTokens: number; outputTokens: number; costUsd: number | null; avgLatencyMs: number }) {
  return { key: a.key, calls: a.calls, failed: a.failed, cached: a.cached, input_tokens: a.inputTokens, output_tokens: a.outputTokens, cost_usd: a.costUsd, avg_latency_ms: a.avgLatencyMs };
}

/**
 * An AbortSignal that fires when the client goes away before the response is complete, and a
 * wrapper that turns the resulting cancellation into "nothing to send" instead of a logged 500.
 */
export interface ClientAbort {
  signal: AbortSignal;
  unlessGone<T>(work: Promise<T>): Promise<T | undefined>;
}

export function clientAbort(res: { on(event: 'close', listener: () => void): unknown; writableFinished: boolean }): ClientAbort {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return {
    signal: controller.signal,
    async unlessGone<T>(work: Promise<T>): Promise<T | undefined> {
      try {
        return await work;
      } catch (error) {
        if (error instanceof AiCallCancelledError && controller.signal.aborted) return undefined;
        throw error;
      }
    },
  };
}
