import { z } from 'zod';

const commaList = z
  .string()
  .transform((s) => s.split(',').map((item) => item.trim()).filter((item) => item.length > 0));
const list = z.union([z.array(z.string().min(1)), commaList]);
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
  redisUrl: {
    env: 'REDIS_URL',
    schema: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
    doc: 'Redis URL; when set, rate-limit counts are shared there by every process.',
    secret: true,
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
  trustProxy: {
    env: 'DWC_TRUST_PROXY',
    schema: flag.default(false),
    doc: 'Trust X-Forwarded-* headers (set behind a reverse proxy).',
  },
  workerConcurrency: {
    env: 'DWC_WORKER_CONCURRENCY',
    schema: z.coerce.number().int().min(0).max(256).default(8),
    doc: 'Jobs (executions and background tasks) this process runs at once; 0 makes an API-only process.',
  },
  jobLeaseMs: {
    env: 'DWC_JOB_LEASE_MS',
    schema: z.coerce.number().int().min(1_000).max(3_600_000).default(30_000),
    doc: 'How long a claimed job is held without renewal; a dead worker\'s jobs are taken over after this.',
  },
  shutdownTimeoutMs: {
    env: 'DWC_SHUTDOWN_TIMEOUT_MS',
    schema: z.coerce.number().int().min(0).default(10_000),
    doc: 'How long shutdown waits for in-flight work.',
  },
} as const;

export type SettingKey = keyof typeof settings;

/** The validated, frozen configuration. */
export type DwcConfig = { readonly [K in SettingKey]: z.output<(typeof settings)[K]['schema']> };
