import type { AiRuntime, AuditService, MetricsRuntime, CacheStore, HealthCheck, NotifyRuntime, PluginStatus, ReadinessReport, SecretVault, SecurityServices } from '@dwc/runtime';
import type { EventBus } from '@dwc/sdk';
import type { Logger } from 'pino';
import type { EngineDeps } from './engine-deps.js';
import type { RateLimitSettings } from './rate-limit/rate-limits.js';

export type { HealthCheck, PluginStatus, ReadinessReport };

/** What the HTTP layer needs from the runtime; the server's composition root (or a test) supplies it. */
export interface ApiDeps {
  logger: Logger;
  /** Product version for /health and the OpenAPI info. */
  version: string;
  /**
   * `uiDir`: the built web UI (`ui/dist`) served at `/`; absent, `/` stays a 404.
   * `refreshTtlSeconds`: lifetime of the web UI's refresh cookie (a browser-session cookie when absent).
   */
  http: { corsOrigins: string[]; bodyLimit: string; trustProxy: boolean; rateLimits?: RateLimitSettings; uiDir?: string; refreshTtlSeconds?: number };
  /** Accounts, tokens, API keys, MFA and the audit recorder; `auth.auth.verifyBearer` is the one place credentials are checked. */
  auth: SecurityServices;
  health: { readiness(): Promise<ReadinessReport> };
  /** Turns storage failures the runtime recognises (a full disk) into their errors naming the data folder (`runtime.database.storage`). */
  errors?: { translate(error: unknown): unknown };
  engine: EngineDeps;
  /** AI service, usage accounting, embeddings and AI workflows (the runtime's `ai` without the engine's step factory). */
  ai: Omit<AiRuntime, 'stepAi' | 'close'>;
  /** The process's event bus; the WebSocket gateway fans its lifecycle events out to clients. */
  events: EventBus;
  /** The process's cache store (`/api/v3/advanced/cache`). */
  cache: Pick<CacheStore, 'stats' | 'clear' | 'delete'>;
  /** The hash-chained audit log: mutating requests are recorded into it; the audit routes read it. */
  audit: AuditService;
  /** The encrypted secrets vault behind `/api/v3/security/secrets`. */
  vault: SecretVault;
  /** Sending through the outbox, history, templates, inboxes and push subscriptions (`/api/v3/notifications`). */
  notifications: Pick<NotifyRuntime, 'service' | 'templates' | 'inbox' | 'pushSubscriptions'>;
  /**
   * Metrics, analytics and the Prometheus scrape (`/api/v3/metrics`, `/api/v3/advanced/analytics`,
   * `GET /metrics`); `token` is DWC_METRICS_TOKEN. Absent, those routes answer 503 `metrics_disabled`.
   */
  metrics?: Pick<MetricsRuntime, 'enabled' | 'app' | 'recordCustom' | 'query' | 'systemOverview' | 'serviceStats' | 'summary' | 'insights' | 'render'> & { token?: string | undefined };
  plugins: {
    list(): PluginStatus[];
    /** NotFoundError when no such plugin is installed. */
    setEnabled(name: string, enabled: boolean): Promise<PluginStatus>;
    /** InputError (details: field -> messages) when the config does not match the plugin's schema. */
    configure(name: string, config: unknown): Promise<PluginStatus>;
    /** The stored settings; NotFoundError when no such plugin is installed. */
    storedConfig(name: string): Promise<Record<string, unknown>>;
  };
}
