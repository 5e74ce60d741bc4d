import type { ApiDeps, RateLimitSettings } from '@dwc/api';
import type { Runtime } from '@dwc/runtime';
import { productVersion, uiDistDir } from './paths.js';

/** Wires the runtime into what the HTTP layer needs: the composition root of the server. */
export function composeApiDeps(runtime: Runtime, options: { rateLimitStore?: RateLimitSettings['store'] } = {}): ApiDeps {
  const { config } = runtime;
  return {
    logger: runtime.logger,
    version: productVersion,
    http: {
      corsOrigins: [...config.corsOrigins],
      bodyLimit: config.bodyLimit,
      trustProxy: config.trustProxy,
      uiDir: uiDistDir,
      refreshTtlSeconds: config.refreshTokenTtlSeconds,
      rateLimits: { windowMs: config.rateLimitWindowMs, perIp: config.rateLimitPerIp, perUser: config.rateLimitPerUser, auth: config.rateLimitAuth, store: options.rateLimitStore },
    },
    auth: runtime.security,
    health: { readiness: () => runtime.readiness() },
    errors: runtime.database.storage,
    events: runtime.events,
    cache: runtime.cache,
    audit: runtime.audit,
    vault: runtime.vault,
    notifications: runtime.notify,
    engine: {
      workflows: runtime.workflows,
      actions: runtime.actions,
      triggerTypes: runtime.triggerTypes,
      triggers: runtime.triggers,
      executions: runtime.executions,
      executionQueries: runtime.executionQueries,
      waits: runtime.waits,
      automations: runtime.automations,
      documents: runtime.documentQueries,
      tasks: runtime.tasks,
      scheduler: runtime.scheduler,
      worker: () => ({ id: runtime.workers.workerId, concurrency: config.workerConcurrency, active: runtime.workers.activeCount() }),
    },
    ai: runtime.ai,
    metrics: { ...runtime.metrics, token: config.metricsToken },
    plugins: {
      list: () => runtime.plugins.list(),
      setEnabled: (name, enabled) => runtime.plugins.setEnabled(name, enabled),
      configure: (name, config) => runtime.plugins.configure(name, config),
      storedConfig: (name) => runtime.plugins.storedConfig(name),
    },
  };
}
