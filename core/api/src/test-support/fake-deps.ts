import { createMemoryCacheStore } from '@dwc/runtime';
import { InputError, NotFoundError } from '@dwc/sdk';
import { pino } from 'pino';
import type { AuditEntry, AuditService, SecretVault } from '@dwc/runtime';
import type { EngineDeps } from '../engine-deps.js';
import type { ApiDeps, PluginStatus, ReadinessReport } from '../api-deps.js';
import { fakeAuth, testPrincipal } from './fake-auth.js';
import { memoryEventBus } from './memory-event-bus.js';

export const GOOD_TOKEN = 'good-token';
/** A token of a user with the viewer role. */
export const VIEWER_TOKEN = 'viewer-token';
export const SUBJECT = 'user-1';

export interface FakeDeps {
  deps: ApiDeps;
  /** Every log line written so far, parsed. */
  logs: Record<string, unknown>[];
  /** The fake's plugin store; tests may change it. */
  plugins: PluginStatus[];
  /** Tokens passed to verifyBearer, in order. */
  tokensSeen: string[];
  /** What readiness() returns next. */
  setReadiness(report: ReadinessReport): void;
  /** Entries recorded in the audit log, in order. */
  audited: AuditEntry[];
}

/** A stand-in whose every member throws: for parts the HTTP unit tests do not reach (tested against a real runtime elsewhere). */
function unreachable<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get: (_target, key) => {
      throw new Error(`fake deps: ${name}.${String(key)} is not part of the HTTP layer's unit tests`);
    },
  });
}

export function samplePlugin(overrides: Partial<PluginStatus> = {}): PluginStatus {
  return {
    name: '@dwc/plugin-ai-openai',
    version: '1.2.0',
    description: 'OpenAI provider',
    kinds: ['ai-provider'],
    state: 'active',
    capabilities: [{ kind: 'ai-provider', type: 'openai' }],
    configSchema: { type: 'object', properties: { api_key_secret: { type: 'string' } } },
    permissions: { network: ['api.openai.com'], secrets: ['OPENAI_API_KEY'], filesystem: [] },
    source: 'folder',
    ...overrides,
  };
}

/** An `ApiDeps` backed by memory: one valid token, a plugin store, an event bus and a log capture. */
export function fakeDeps(http: Partial<ApiDeps['http']> = {}): FakeDeps {
  const logs: Record<string, unknown>[] = [];
  const tokensSeen: string[] = [];
  const plugins: PluginStatus[] = [samplePlugin(), samplePlugin({ name: 'broken-plugin', state: 'failed', error: 'setup threw', configSchema: undefined })];
  let readiness: ReadinessReport = { status: 'ok', checks: [{ name: 'database', status: 'ok', latencyMs: 1.5 }] };
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });

  const find = (name: string): PluginStatus => {
    const plugin = plugins.find((candidate) => candidate.name === name);
    if (plugin === undefined) throw new NotFoundError(`No plugin named "${name}"`);
    return plugin;
  };

  const audited: AuditEntry[] = [];
  const audit = unreachable<AuditService>('audit');
  const deps: ApiDeps = {
    logger,
    version: '9.9.9-test',
    http: { corsOrigins: [], bodyLimit: '1kb', trustProxy: false, ...http },
    auth: fakeAuth({ [GOOD_TOKEN]: testPrincipal(SUBJECT, 'admin'), [VIEWER_TOKEN]: testPrincipal('viewer-1', 'viewer') }, tokensSeen),
    health: { readiness: async () => readiness },
    events: memoryEventBus(),
    cache: createMemoryCacheStore({ maxBytes: 1024 * 1024, defaultTtlMs: 0 }),
    // The engine routes are tested end to end against a real runtime (tests/workflows-api.test.ts).
    engine: new Proxy({} as EngineDeps, {
      get: (_target, key) => {
        throw new Error(`fake deps: engine.${String(key)} is not part of the HTTP layer's unit tests`);
      },
    }),
    // The audit log and vault are tested against real storage (routes/security/*.test.ts).
    audit: new Proxy(audit, {
      get: (target, key) => (key === 'record' ? async (entry: AuditEntry) => void audited.push(entry) : Reflect.get(target, key)),
    }),
    vault: unreachable<SecretVault>('vault'),
    // Notifications are tested against a real runtime (tests/notifications-api.test.ts).
    notifications: unreachable<ApiDeps['notifications']>('notifications'),
    ai: new Proxy({} as ApiDeps['ai'], {
      get: (_target, key) => {
        throw new Error(`fake deps: ai.${String(key)} is tested against a real runtime (core/api/src/routes/ai/*.test.ts)`);
      },
    }),
    plugins: {
      list: () => plugins.map((plugin) => ({ ...plugin })),
      setEnabled: async (name, enabled) => {
        const plugin = find(name);
        plugin.state = enabled ? 'active' : 'disabled';
        return { ...plugin };
      },
      configure: async (name, config) => {
        const plugin = find(name);
        const value = (config as Record<string, unknown>).api_key_secret;
        if (typeof value !== 'string') {
          throw new InputError('Invalid config for the plugin', { details: { api_key_secret: ['Expected a string'] } });
        }
        return { ...plugin };
      },
      storedConfig: async (name) => (find(name), {}),
    },
  };
  return { deps, logs, plugins, tokensSeen, audited, setReadiness: (report) => void (readiness = report) };
}

/** The Authorization header for the fake's valid token. */
export const AUTH = { Authorization: `Bearer ${GOOD_TOKEN}` } as const;
