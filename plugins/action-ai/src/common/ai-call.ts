import { ConfigError, z, type AiCallInfo, type AiRouting, type StepAi, type StepContext } from '@dwc/sdk';

/** Routing fields every AI action accepts. */
export const routingInput = {
  provider: z.string().min(1).max(100).optional().describe('AI provider to use (e.g. `openai`, `ollama`, `local`); else the workflow chain, else DWC_AI_FALLBACK'),
  fallback: z.array(z.string().min(1).max(100)).max(10).optional().describe('Providers to try next when one fails with a timeout, 429, 5xx, connection error or missing configuration'),
  model: z.string().min(1).max(200).optional().describe('Model for the first provider tried'),
  timeout_ms: z.int().min(100).max(3_600_000).optional().describe('Per-provider timeout (default DWC_AI_TIMEOUT_MS)'),
  cache: z.boolean().optional().describe('Cache the answer even at temperature > 0 (true) or never (false)'),
};

/** What every AI action returns besides its result: who answered, at what cost, who was skipped. */
export const callInfoOutput = {
  provider: z.string(),
  model: z.string(),
  usage: z.object({
    input_tokens: z.number().int(),
    output_tokens: z.number().int(),
    cost_usd: z.number().nullable(),
    cached: z.boolean(),
    latency_ms: z.number(),
  }),
  attempts: z.array(z.object({ provider: z.string(), outcome: z.enum(['failed', 'skipped']), reason: z.string(), message: z.string(), latency_ms: z.number() })),
};

export function routingOf(input: { provider?: string | undefined; fallback?: string[] | undefined; model?: string | undefined; timeout_ms?: number | undefined; cache?: boolean | undefined }): AiRouting {
  return {
    ...(input.provider ? { provider: input.provider } : {}),
    ...(input.fallback ? { fallback: input.fallback } : {}),
    ...(input.model ? { model: input.model } : {}),
    ...(input.timeout_ms ? { timeoutMs: input.timeout_ms } : {}),
    ...(input.cache !== undefined ? { cache: input.cache } : {}),
  };
}

export function callInfoWire(info: AiCallInfo) {
  return {
    provider: info.provider,
    model: info.model,
    usage: { input_tokens: info.usage.inputTokens, output_tokens: info.usage.outputTokens, cost_usd: info.usage.costUsd, cached: info.usage.cached, latency_ms: info.usage.latencyMs },
    attempts: info.attempts.map((a) => ({ provider: a.provider, outcome: a.outcome, reason: a.reason, message: a.message, latency_ms: a.latencyMs })),
  };
}

/** The host's AI service; a host without one cannot run AI actions. */
export function requireAi(ctx: StepContext): StepAi {
  if (!ctx.ai) throw new ConfigError('This host runs no AI service, so AI actions cannot run here.', { code: 'ai_service_missing' });
  return ctx.ai;
}

/** The text to work on: `text`, or the content of the stored document `document_id`. */
export async function textOf(ai: StepAi, input: { text?: string | undefined; document_id?: string | undefined }): Promise<string> {
  if (input.text !== undefined) return input.text;
  return (await ai.readDocument(input.document_id!)).content;
}

export const textOrDocument = {
  text: z.string().max(1_000_000).optional().describe('The text to work on'),
  document_id: z.string().min(1).max(64).optional().describe('Or a stored document, by id'),
};
export const oneSource = (value: { text?: string | undefined; document_id?: string | undefined }) => (value.text === undefined) !== (value.document_id === undefined);
export const oneSourceMessage = { message: 'give exactly one of "text" or "document_id"', path: ['text'] };
