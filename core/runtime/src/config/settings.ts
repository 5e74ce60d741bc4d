import { z } from 'zod';
import { parseMasterKey } from '../security/vault/master-key-format.js';
import type { DeepReadonly } from './deep-freeze.js';
import { parseSchedule, SVIX_SCHEDULE_MS } from '../notify/retry-schedule.js';

const commaList = z
  .string()
  .transform((s) => s.split(',').map((item) => item.trim()).filter((item) => item.length > 0));
const list = z.union([z.array(z.string().min(1)), commaList]);
const byteSize = z
  .preprocess(
    (value) => (typeof value === 'number' ? String(value) : value),
    z.string().regex(/^\d+(b|kb|mb|gb)?$/i, 'must be a number of bytes or look like 512kb, 64mb or 1gb'),
  )
  .transform((s) => {
    const [, digits, unit = 'b'] = /^(\d+)([a-z]*)$/i.exec(s)!;
    return Number(digits) * 1024 ** ['b', 'kb', 'mb', 'gb'].indexOf(unit.toLowerCase());
  })
  .pipe(z.number().min(1024, 'must be at least 1kb'));
const priceEntry = z.strictObject({
  input_per_1m: z.number().min(0, 'must be 0 or more (USD per million input tokens)'),
  output_per_1m: z.number().min(0, 'must be 0 or more (USD per million output tokens)'),
});
const priceTable = z.record(z.string().regex(/^[^/\s]+\/\S+$/, 'keys must look like "provider/model" (or "provider/*")'), priceEntry);
const jsonText = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be JSON, e.g. {"openai/gpt-4o-mini": {"input_per_1m": 0.15, "output_per_1m": 0.6}}' });
    return z.NEVER;
  }
});
const flag = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')]);

/**
 * Every setting the runtime reads: its key in `dwc.config.json`, its environment variable (which
 * wins over the file), its schema and what it is for. The README's configuration table lists these.
 */
export const settings = {
  port: {
    env: 'PORT',
    schema: z.coerce.number({ error: 'must be a whole number from 0 to 65535' }).int().min(0).max(65535).default(8000),
    doc: 'HTTP port (0 picks a free one).',
  },
  host: {
    env: 'HOST',
    schema: z.string().min(1).optional(),
    doc: 'Interface to listen on; unset listens on all interfaces (IPv4 and IPv6).',
  },
  dataDir: {
    env: 'DWC_DATA_DIR',
    schema: z.string().min(1).default('./data'),
    doc: 'Folder for the SQLite database and other local state.',
  },
  databaseUrl: {
    env: 'DATABASE_URL',
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql:// (leave unset for SQLite)')
      .optional(),
    doc: 'Postgres connection URL; unset uses SQLite in the data folder.',
    secret: true,
  },
  pluginsDir: {
    env: 'DWC_PLUGINS_DIR',
    schema: z.string().min(1).optional(),
    doc: 'Folder scanned for plugin packages (default: the bundled `plugins/` folder).',
  },
  plugins: {
    env: 'DWC_PLUGINS',
    schema: list.default([]),
    doc: 'Extra plugin package names to load, comma-separated.',
  },
  logLevel: {
    env: 'LOG_LEVEL',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    doc: 'Log level.',
  },
  logFormat: {
    env: 'LOG_FORMAT',
    schema: z.enum(['pretty', 'json'], { error: 'must be pretty or json' }).optional(),
    doc: 'Log output: `pretty` (readable lines and a start banner) or `json` (JSON lines); unset: pretty when the output is a terminal, json otherwise.',
  },
  apiToken: {
    env: 'DWC_API_TOKEN',
    schema: z.string().min(24, 'must be at least 24 characters').optional(),
    doc: 'Optional service token: a bearer credential acting as an admin (for scripts and probes). Unset means none; never generated.',
    secret: true,
  },
  adminEmail: {
    env: 'DWC_ADMIN_EMAIL',
    schema: z.email({ error: 'must be an e-mail address' }).optional(),
    doc: 'E-mail of the first owner, created at start when no owner exists (with DWC_ADMIN_PASSWORD).',
  },
  adminPassword: {
    env: 'DWC_ADMIN_PASSWORD',
    schema: z.string().min(1).max(256).optional(),
    doc: 'Password of the first owner (must pass the strength check); unset prints a one-time setup token instead.',
    secret: true,
  },
  allowRegistration: {
    env: 'DWC_ALLOW_REGISTRATION',
    schema: flag.default(false),
    doc: 'Let anyone create a viewer account at POST /api/v3/auth/register.',
  },
  jwtSecret: {
    env: 'DWC_JWT_SECRET',
    schema: z.string().min(32, 'must be at least 32 characters').optional(),
    doc: 'Key signing access tokens (HS256); unset generates one into <data>/jwt-secret (mode 0600). Set the same value on every process sharing a database.',
    secret: true,
  },
  accessTokenTtlSeconds: {
    env: 'DWC_ACCESS_TOKEN_TTL_SECONDS',
    schema: z.coerce.number().int().min(10).max(86_400).default(900),
    doc: 'Lifetime of an access token.',
  },
  refreshTokenTtlSeconds: {
    env: 'DWC_REFRESH_TOKEN_TTL_SECONDS',
    schema: z.coerce.number().int().min(60).max(31_536_000).default(2_592_000),
    doc: 'Lifetime of a login session (its refresh tokens).',
  },
  passwordMinScore: {
    env: 'DWC_PASSWORD_MIN_SCORE',
    schema: z.coerce.number().int().min(0).max(4).default(3),
    doc: 'Lowest zxcvbn score (0-4) a new password must reach.',
  },
  rateLimitWindowMs: {
    env: 'DWC_RATE_LIMIT_WINDOW_MS',
    schema: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
    doc: 'Window of the API rate limits.',
  },
  rateLimitPerIp: {
    env: 'DWC_RATE_LIMIT_PER_IP',
    schema: z.coerce.number().int().min(0).default(1_200),
    doc: 'API requests per client address per window; 0 turns the limit off.',
  },
  rateLimitPerUser: {
    env: 'DWC_RATE_LIMIT_PER_USER',
    schema: z.coerce.number().int().min(0).default(1_200),
    doc: 'API requests per user or API key per window; 0 turns the limit off.',
  },
  rateLimitAuth: {
    env: 'DWC_RATE_LIMIT_AUTH',
    schema: z.coerce.number().int().min(0).default(20),
    doc: 'Login, refresh, setup and registration requests per client address per window; 0 turns the limit off.',
  },
  lockoutThreshold: {
    env: 'DWC_LOCKOUT_THRESHOLD',
    schema: z.coerce.number().int().min(1).max(100).default(5),
    doc: 'Failed logins in a row before an account is locked.',
  },
  lockoutBaseSeconds: {
    env: 'DWC_LOCKOUT_BASE_SECONDS',
    schema: z.coerce.number().int().min(1).max(86_400).default(30),
    doc: 'First lockout length; each further failure doubles it.',
  },
  lockoutMaxSeconds: {
    env: 'DWC_LOCKOUT_MAX_SECONDS',
    schema: z.coerce.number().int().min(1).max(86_400).default(3_600),
    doc: 'Longest lockout.',
  },
  corsOrigins: {
    env: 'DWC_CORS_ORIGINS',
    schema: list.default([]),
    doc: 'Origins allowed to call the API from a browser, comma-separated.',
  },
  bodyLimit: {
    env: 'DWC_BODY_LIMIT',
    schema: z.string().regex(/^\d+(b|kb|mb)$/i, 'must look like 512kb or 1mb').default('1mb'),
    doc: 'Largest JSON request body.',
  },
  denyPrivateNetworks: {
    env: 'DWC_DENY_PRIVATE_NETWORKS',
    schema: flag.optional(),
    doc: 'Default of plugins that call URLs users give (`http.request`): refuse loopback, private and link-local addresses; unset: on with DATABASE_URL (team server), off on SQLite (desktop, where local tools such as Ollama must stay reachable). Notification targets (webhook, Slack, Teams, Discord, TWILIO_API_URL) follow it too. A plugin\'s own setting wins.',
  },
  allowedPrivateHosts: {
    env: 'DWC_ALLOWED_PRIVATE_HOSTS',
    schema: list.default([]),
    doc: 'Hosts exempt from DWC_DENY_PRIVATE_NETWORKS, comma-separated: exact names or IP addresses as URLs give them (e.g. `hooks.internal,10.0.0.5,127.0.0.1`); for `http.request` steps and for notification targets (webhook, Slack, Teams, Discord, push endpoints and TWILIO_API_URL).',
  },
  watchRoots: {
    env: 'DWC_WATCH_ROOTS',
    schema: list.default([]),
    doc: 'Folders `file_watch` triggers may watch (a trigger\'s folder must be one of them or inside one), comma-separated; empty: no folder may be watched.',
  },
  trustProxy: {
    env: 'DWC_TRUST_PROXY',
    schema: flag.default(false),
    doc: 'Trust X-Forwarded-* headers (set behind a reverse proxy).',
  },
  workerConcurrency: {
    env: 'DWC_WORKER_CONCURRENCY',
    schema: z.coerce.number().int().min(0).max(256).default(64),
    doc: 'Jobs (executions and background tasks) this process runs at once; 0 makes an API-only process. Runs mostly wait on I/O (database, HTTP, AI), so slots are cheap; lower it when runs are CPU-heavy (large transforms, documents) or memory is tight.',
  },
  waitingRunConcurrency: {
    env: 'DWC_WAITING_RUN_CONCURRENCY',
    schema: z.coerce.number().int().min(0).max(100_000).default(1_024),
    doc: 'Runs started by a request that waits for the result (`execute?wait=true`) that this process runs at once on that request, besides the worker slots: the open connection is the run\'s slot, so short runs never queue behind slow ones. Past this many they take a worker slot or queue; 0 sends them all through the worker slots.',
  },
  jobLeaseMs: {
    env: 'DWC_JOB_LEASE_MS',
    schema: z.coerce.number().int().min(1_000).max(3_600_000).default(6_000),
    doc: 'How long a claimed job is held without renewal; the running process renews it every third of this, so a dead process\'s jobs are taken over within one lease and a long step is never taken from a live one.',
  },
  executionRetentionDays: {
    env: 'DWC_EXECUTION_RETENTION_DAYS',
    schema: z.coerce.number().int().min(0).max(36_500).default(14),
    doc: 'Finished executions older than this many days are removed with their steps, outputs and jobs (documents stay), and finished background tasks too; 0 keeps them by age. A workflow\'s `settings.retention.days` wins. Running, queued and waiting executions are never removed.',
  },
  executionRetentionCount: {
    env: 'DWC_EXECUTION_RETENTION_COUNT',
    schema: z.coerce.number().int().min(0).max(100_000_000).default(10_000),
    doc: 'Finished executions past the newest this many are removed the same way; 0 sets no limit. A workflow\'s `settings.retention.count` counts its own executions instead.',
  },
  executionPruneIntervalMs: {
    env: 'DWC_EXECUTION_PRUNE_INTERVAL_MS',
    schema: z.coerce.number().int().min(1_000).max(86_400_000).default(60_000),
    doc: 'How often the background pruner applies the retention (in small batches that let other writes through); on SQLite it then gives the freed space back to the disk.',
  },
  schedulerPollMs: {
    env: 'DWC_SCHEDULER_POLL_MS',
    schema: z.coerce.number().int().min(50).max(60_000).default(1_000),
    doc: 'Longest the scheduler sleeps between looks at the schedules table; it also wakes at each due time, so this bounds how soon other processes\' changes are seen.',
  },
  schedulerMisfireGraceMs: {
    env: 'DWC_SCHEDULER_MISFIRE_GRACE_MS',
    schema: z.coerce.number().int().min(1_000).max(86_400_000).default(60_000),
    doc: 'An occurrence not fired within this long of its planned time (no server ran) is missed and follows its schedule\'s `missed_runs` policy.',
  },
  expressionTimeoutMs: {
    env: 'DWC_EXPRESSION_TIMEOUT_MS',
    schema: z.coerce.number().int().min(100).max(600_000).default(5_000),
    doc: 'Longest one expression (template, `when`, `for_each`, `transform`) may run; past it the step fails with `expression_timeout`.',
  },
  expressionMemoryMb: {
    env: 'DWC_EXPRESSION_MEMORY_MB',
    schema: z.coerce.number().int().min(32).max(16_384).default(256),
    doc: 'Heap (MB) of the child process that runs heavy expressions; an expression needing more fails its step with `expression_memory_limit`.',
  },
  maxCallDepth: {
    env: 'DWC_MAX_CALL_DEPTH',
    schema: z.coerce.number().int().min(1).max(100).default(10),
    doc: 'How deep workflow.call may nest along one chain of runs; a deeper call fails its step with call_depth_exceeded.',
  },
  maxDescendants: {
    env: 'DWC_MAX_DESCENDANTS',
    schema: z.coerce.number().int().min(1).max(1_000_000).default(1_000),
    doc: 'Most executions one run may start through workflow.call, counting every depth; the next call fails with descendant_limit_exceeded.',
  },
  notifyConcurrency: {
    env: 'DWC_NOTIFY_CONCURRENCY',
    schema: z.coerce.number().int().min(0).max(1_024).default(32),
    doc: 'Notifications this process sends at once; 0 leaves delivery to other processes.',
  },
  notifyRetrySchedule: {
    env: 'DWC_NOTIFY_RETRY_SCHEDULE',
    schema: z
      .union([z.array(z.number().int().min(0)), z.string()])
      .transform((value, ctx) => {
        const delays = typeof value === 'string' ? parseSchedule(value) : value;
        if (delays === undefined || delays.length === 0) {
          ctx.addIssue({ code: 'custom', message: 'must be delays separated by commas, e.g. 0,5s,5m,30m,2h,5h,10h,10h' });
          return z.NEVER;
        }
        return delays;
      })
      .default([...SVIX_SCHEDULE_MS]),
    doc: 'Delay before each delivery attempt of a notification (the first is usually 0), with jitter; a provider\'s Retry-After waits longer.',
  },
  notifyMaxAttempts: {
    env: 'DWC_NOTIFY_MAX_ATTEMPTS',
    schema: z.coerce.number().int().min(1).max(100).default(8),
    doc: 'Most delivery attempts of one notification before it is marked failed (capped by the schedule\'s length).',
  },
  notifySendTimeoutMs: {
    env: 'DWC_NOTIFY_SEND_TIMEOUT_MS',
    schema: z.coerce.number().int().min(100).max(600_000).default(30_000),
    doc: 'Longest one notification send may take before it is aborted and retried (at most half the lease).',
  },
  notifyLeaseMs: {
    env: 'DWC_NOTIFY_LEASE_MS',
    schema: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
    doc: 'How long a claimed notification is held; one a dead process held is taken over after this.',
  },
  masterKey: {
    env: 'DWC_MASTER_KEY',
    schema: z
      .string()
      .refine((value) => parseMasterKey(value) !== undefined, 'must be 32 bytes written as 64 hex characters or base64 (make one with `openssl rand -base64 32`)')
      .optional(),
    doc: 'Master key of the secrets vault (32 bytes, hex or base64); unset uses the key file.',
    secret: true,
  },
  masterKeyPrevious: {
    env: 'DWC_MASTER_KEY_PREVIOUS',
    schema: z
      .string()
      .refine(
        (value) => value.split(',').every((part) => parseMasterKey(part.trim()) !== undefined),
        'must be one or more 32-byte keys (hex or base64), comma-separated',
      )
      .optional(),
    doc: 'Earlier master keys still accepted for reading while secrets are re-encrypted (comma-separated).',
    secret: true,
  },
  masterKeyFile: {
    env: 'DWC_MASTER_KEY_FILE',
    schema: z.string().min(1).optional(),
    doc: 'Master key file used when DWC_MASTER_KEY is unset (default `<data dir>/master.key`, created with mode 0600).',
  },
  alertLoginFailuresPerIp: {
    env: 'DWC_ALERT_LOGIN_FAILURES_PER_IP',
    schema: z.coerce.number().int().min(1).max(100_000).default(20),
    doc: 'Failed logins from one IP within the alert window that raise a `security.alert`.',
  },
  alertLoginFailuresPerUser: {
    env: 'DWC_ALERT_LOGIN_FAILURES_PER_USER',
    schema: z.coerce.number().int().min(1).max(100_000).default(5),
    doc: 'Failed logins for one username within the alert window that raise a `security.alert`.',
  },
  alertWindowSeconds: {
    env: 'DWC_ALERT_WINDOW_SECONDS',
    schema: z.coerce.number().int().min(1).max(86_400).default(300),
    doc: 'Sliding window of the brute-force detector, in seconds; at most one alert per IP or username per window.',
  },
  shutdownTimeoutMs: {
    env: 'DWC_SHUTDOWN_TIMEOUT_MS',
    schema: z.coerce.number().int().min(0).default(10_000),
    doc: 'How long shutdown waits for in-flight work.',
  },
  metricsEnabled: {
    env: 'DWC_METRICS_ENABLED',
    schema: flag.default(true),
    doc: 'Collect metrics (HTTP, executions, steps, queue, AI, notifications, system) and store their 1-minute, 1-hour and 1-day rollups.',
  },
  metricsFlushSeconds: {
    env: 'DWC_METRICS_FLUSH_SECONDS',
    schema: z.coerce.number().int().min(1).max(3600).default(60),
    doc: 'How often each process stores what its metrics recorded, in seconds.',
  },
  metricsMaxSeries: {
    env: 'DWC_METRICS_MAX_SERIES',
    schema: z.coerce.number().int().min(1).max(1_000_000).default(2000),
    doc: 'Most label sets (series) one metric may hold; samples of more are dropped and counted in `dwc_metrics_series_dropped_total`.',
  },
  metricsKeepMinuteDays: {
    env: 'DWC_METRICS_KEEP_1M_DAYS',
    schema: z.coerce.number().positive().default(2),
    doc: 'How long the 1-minute rollups of metrics are kept, in days (fractions allowed).',
  },
  metricsKeepHourDays: {
    env: 'DWC_METRICS_KEEP_1H_DAYS',
    schema: z.coerce.number().positive().default(30),
    doc: 'How long the 1-hour rollups of metrics are kept, in days.',
  },
  metricsKeepDayDays: {
    env: 'DWC_METRICS_KEEP_1D_DAYS',
    schema: z.coerce.number().positive().default(400),
    doc: 'How long the 1-day rollups of metrics are kept, in days.',
  },
  metricsToken: {
    env: 'DWC_METRICS_TOKEN',
    schema: z.string().min(16, 'must be at least 16 characters').optional(),
    doc: 'Bearer token for `GET /metrics` (Prometheus exporter plugin); unset, only loopback clients may scrape.',
    secret: true,
  },
  cacheBackend: {
    env: 'DWC_CACHE_BACKEND',
    schema: z.enum(['memory', 'redis', 'file']).default('memory'),
    doc: 'Where the cache keeps entries: `memory` (per process), `redis` (shared, needs REDIS_URL) or `file` (a folder).',
  },
  cacheMaxBytes: {
    env: 'DWC_CACHE_MAX_BYTES',
    schema: byteSize.default(64 * 1024 ** 2),
    doc: 'Largest total size of the memory and file caches; least recently used entries go first. Redis uses its own maxmemory.',
  },
  cacheTtlMs: {
    env: 'DWC_CACHE_TTL_MS',
    schema: z.coerce.number().int().min(0).default(3_600_000),
    doc: 'How long a cache entry lives when the caller gives no TTL; 0 keeps it until evicted.',
  },
  cacheDir: {
    env: 'DWC_CACHE_DIR',
    schema: z.string().min(1).optional(),
    doc: 'Folder of the file cache (default: `cache` in the data folder).',
  },
  cachePrefix: {
    env: 'DWC_CACHE_PREFIX',
    schema: z.string().min(1).max(200).default('dwc:cache:'),
    doc: 'Prefix of every Redis key the cache writes, so several deployments can share one Redis.',
  },
  redisUrl: {
    env: 'REDIS_URL',
    schema: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
    doc: 'Redis connection URL: shared rate-limit counts for every process, and the redis cache backend.',
    secret: true,
  },
  aiFallback: {
    env: 'DWC_AI_FALLBACK',
    schema: list.default([]),
    doc: 'Global AI provider fallback chain, comma-separated (e.g. `openai,ollama,local`); unset uses the default chain: the providers that are set up.',
  },
  aiTimeoutMs: {
    env: 'DWC_AI_TIMEOUT_MS',
    schema: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
    doc: 'Longest one AI provider call may take before the chain moves on (reason `timeout`).',
  },
  aiPrices: {
    env: 'DWC_AI_PRICES',
    schema: z.union([priceTable, jsonText.pipe(priceTable)]).default({}),
    doc: 'AI price table, USD per million tokens by `provider/model` (or `provider/*`): `{"openai/gpt-4o-mini": {"input_per_1m": 0.15, "output_per_1m": 0.6}}`; calls without a price have cost null.',
  },
  aiCacheTtlMs: {
    env: 'DWC_AI_CACHE_TTL_MS',
    schema: z.coerce.number().int().min(0).default(86_400_000),
    doc: 'How long cached AI responses are kept (0 turns the response cache off).',
  },
  aiHealthCacheMs: {
    env: 'DWC_AI_HEALTH_CACHE_MS',
    schema: z.coerce.number().int().min(0).default(15_000),
    doc: 'How long an AI provider health answer is reused by /api/v3/health and the providers route.',
  },
  aiTokenCoalesceMs: {
    env: 'DWC_AI_TOKEN_COALESCE_MS',
    schema: z.coerce.number().int().min(0).max(5_000).default(30),
    doc: 'Streamed tokens are sent as one `ai.token` event per this many milliseconds (0 sends one event per token).',
  },
  aiAutoEmbed: {
    env: 'DWC_AI_AUTO_EMBED',
    schema: flag.default(false),
    doc: 'Embed the documents AI steps produce as they are stored, so semantic search finds them without an `ai.embed` step.',
  },
  aiSearchMaxVectors: {
    env: 'DWC_AI_SEARCH_MAX_VECTORS',
    schema: z.coerce.number().int().min(1).max(5_000_000).default(100_000),
    doc: 'Most stored embeddings one semantic search scores (newest first); searches are exact cosine in process.',
  },
  desktopAutoUpdate: {
    env: 'DWC_DESKTOP_AUTO_UPDATE',
    schema: flag.default(false),
    doc: 'Desktop app only: check for and download updates (electron-updater) and install them on quit. Off by default.',
  },
} as const;

export type SettingKey = keyof typeof settings;

/** The validated configuration, frozen through and through. */
export type DwcConfig = DeepReadonly<{ [K in SettingKey]: z.output<(typeof settings)[K]['schema']> }>;
