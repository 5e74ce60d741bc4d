import type { AiProviderDefinition } from '@dwc/sdk';
import type { Logger } from 'pino';
import type { CacheBackend, CacheStore } from '../cache/cache-store.js';
import { createHealthCache, type ProviderHealth } from '../ai/health-cache.js';
import type { PluginStatus } from '../plugin-host/plugin-status.js';

export interface HealthCheck {
  name: string;
  status: 'ok' | 'degraded' | 'down';
  latencyMs: number;
  detail?: string;
}

export interface ReadinessReport {
  status: 'ok' | 'degraded' | 'down';
  checks: HealthCheck[];
}

const CACHE_PING_TIMEOUT_MS = 2_000;

/**
 * Readiness: the database must answer (else `down`); a failed plugin, a cache backend or an AI
 * provider that does not answer makes the whole `degraded` (a provider that says it is not
 * configured does not). Checks run in parallel, each bounded in time.
 */
export async function checkReadiness(options: {
  pingDatabase(): Promise<{ ok: boolean; latencyMs: number; error?: string }>;
  plugins: PluginStatus[];
  aiProviders: AiProviderDefinition[];
  /** Probes a provider (e.g. through a short-lived cache); defaults to calling its `health` with a timeout. */
  aiHealth?: (provider: AiProviderDefinition) => Promise<ProviderHealth>;
  logger: Logger;
  cache?: { backend: CacheBackend; store: Pick<CacheStore, 'ping'> };
}): Promise<ReadinessReport> {
  const aiHealth = options.aiHealth ?? createHealthCache({ ttlMs: 0, logger: options.logger }).check;
  const checks = await Promise.all([
    options.pingDatabase().then(
      (ping): HealthCheck => ({ name: 'database', status: ping.ok ? 'ok' : 'down', latencyMs: ping.latencyMs, ...(ping.error ? { detail: ping.error } : {}) }),
    ),
    Promise.resolve(pluginsCheck(options.plugins)),
    ...(options.cache ? [cacheCheck(options.cache.backend, options.cache.store)] : []),
    ...options.aiProviders.map((provider) => aiHealth(provider).then((health) => aiProviderCheck(provider.type, health))),
  ]);
  const status = checks.some((c) => c.status === 'down' && c.name === 'database')
    ? 'down'
    : checks.some((c) => c.status !== 'ok')
      ? 'degraded'
      : 'ok';
  return { status, checks };
}

function pluginsCheck(plugins: PluginStatus[]): HealthCheck {
  const failed = plugins.filter((p) => p.state === 'failed');
  const active = plugins.filter((p) => p.state === 'active').length;
  return {
    name: 'plugins',
    status: failed.length > 0 ? 'degraded' : 'ok',
    latencyMs: 0,
    detail: failed.length > 0
      ? `${active} active, ${failed.length} failed: ${failed.map((p) => p.error ?? p.name).join('; ')}`
      : `${active} active`,
  };
}

async function cacheCheck(backend: CacheBackend, store: Pick<CacheStore, 'ping'>): Promise<HealthCheck> {
  const started = performance.now();
  try {
    await Promise.race([
      store.ping?.(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${CACHE_PING_TIMEOUT_MS} ms`)), CACHE_PING_TIMEOUT_MS).unref()),
    ]);
    return { name: 'cache', status: 'ok', latencyMs: Math.round(performance.now() - started), detail: backend };
  } catch (error) {
    return { name: 'cache', status: 'degraded', latencyMs: Math.round(performance.now() - started), detail: `${backend}: ${(error as Error).message}` };
  }
}

function aiProviderCheck(type: string, health: ProviderHealth): HealthCheck {
  // A provider nobody has configured (no key, no address) is not in use, so it does not degrade readiness.
  const unused = !health.ok && health.configured === false;
  const detail = unused ? `not configured: ${health.detail ?? 'no credentials set'}` : health.detail;
  return { name: `ai:${type}`, status: health.ok || unused ? 'ok' : 'degraded', latencyMs: health.latencyMs, ...(detail ? { detail } : {}) };
}
