import { z } from 'zod';

const commaList = z
  .string()
  .transform((s) => s.split(',').map((item) => item.trim()).filter((item) => item.length > 0));
const list = z.union([z.array(z.string().min(1)), commaList]);
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
  apiToken: {
    env: 'DWC_API_TOKEN',
    schema: z.string().min(24, 'must be at least 24 characters').optional(),
    doc: 'Bearer token for the API; unset generates one at start and logs it.',
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
  aiFallback: {
    env: 'DWC_AI_FALLBACK',
    schema: list.default([]),
    doc: 'Global AI provider fallback chain, comma-separated (e.g. `openai,ollama,local`); unset uses the first registered provider.',
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
} as const;

export type SettingKey = keyof typeof settings;

/** The validated, frozen configuration. */
export type DwcConfig = { readonly [K in SettingKey]: z.output<(typeof settings)[K]['schema']> };
