import type { AiProviderDefinition, Logger as SdkLogger } from '@dwc/sdk';
import type { Logger } from 'pino';

/** Longest a health probe may take. */
export const AI_HEALTH_TIMEOUT_MS = 3_000;

export interface ProviderHealth {
  ok: boolean;
  detail?: string;
  /** False when nobody configured the provider (no key, no address): not in use rather than broken. */
  configured?: boolean;
  latencyMs: number;
  checkedAt: Date;
}

/**
 * Provider health answers reused for `ttlMs`, so readiness probes do not hammer providers; one
 * probe at a time per provider (concurrent callers share it), each bounded by AI_HEALTH_TIMEOUT_MS.
 */
export function createHealthCache(options: { ttlMs: number; logger: Logger; timeoutMs?: number }) {
  const timeoutMs = options.timeoutMs ?? AI_HEALTH_TIMEOUT_MS;
  const answers = new Map<string, { at: number; health: Promise<ProviderHealth> }>();

  async function probe(provider: AiProviderDefinition): Promise<ProviderHealth> {
    const started = performance.now();
    const signal = AbortSignal.timeout(timeoutMs);
    const done = (ok: boolean, detail?: string, configured?: boolean): ProviderHealth => ({
      ok,
      ...(detail ? { detail } : {}),
      ...(configured === undefined ? {} : { configured }),
      latencyMs: Math.round(performance.now() - started),
      checkedAt: new Date(),
    });
    try {
      const result = await Promise.race([
        provider.health({ log: options.logger.child({ ai_provider: provider.type }) as unknown as SdkLogger, signal }),
        new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error(`no answer within ${timeoutMs} ms`)), { once: true })),
      ]);
      return done(result.ok, result.detail, result.configured);
    } catch (error) {
      return done(false, (error as Error).message);
    }
  }

  return {
    check(provider: AiProviderDefinition): Promise<ProviderHealth> {
      const cached = answers.get(provider.type);
      if (cached && Date.now() - cached.at < options.ttlMs) return cached.health;
      const health = probe(provider);
      answers.set(provider.type, { at: Date.now(), health });
      return health;
    },
  };
}
