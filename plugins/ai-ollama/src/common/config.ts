import { readSetting, z } from '@dwc/sdk';

export const OLLAMA_DEFAULT_HOST = 'http://127.0.0.1:11434';

/** Settings of the Ollama provider. Nothing here needs the internet. */
export const ollamaConfigSchema = z
  .object({
    host: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('Ollama server URL. Default: OLLAMA_HOST, else http://127.0.0.1:11434.'),
    default_model: z.string().min(1).default('llama3.2').describe('Chat model used when a step names none.'),
    embedding_model: z.string().min(1).default('nomic-embed-text').describe('Model used for embeddings when a step names none.'),
    timeout_ms: z
      .number()
      .int()
      .min(100)
      .max(3_600_000)
      .default(300_000)
      .describe('Longest wait for one call, in milliseconds (a local model may take a while to load). Pulling a model is bounded only by the caller.'),
    keep_alive: z.string().optional().describe('How long Ollama keeps the model loaded after a call, e.g. "5m".'),
  })
  .strict();

export type OllamaConfig = z.output<typeof ollamaConfigSchema>;

export interface OllamaSettings extends OllamaConfig {
  baseUrl: string;
  /** Whether `host` or OLLAMA_HOST chose the server (else the default address is tried). */
  hostChosen: boolean;
}

/** OLLAMA_HOST may be `host`, `host:port` or a URL, as Ollama's own CLI accepts; a bare host gets port 11434. */
const hostSchema = z.string().transform((host, ctx) => {
  const hasScheme = /^https?:\/\//.test(host);
  let url: URL;
  try {
    url = new URL(hasScheme ? host : `http://${host}`);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not a host or URL; use e.g. http://127.0.0.1:11434' });
    return z.NEVER;
  }
  if (!hasScheme && !url.port) url.port = '11434';
  if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
  return url.toString().replace(/\/+$/, '');
});

/** Throws a PluginSettingError naming `host` (OLLAMA_HOST) when the address is unusable; a blank variable counts as unset. */
export function resolveOllamaSettings(config: OllamaConfig, secrets: Readonly<Record<string, string | undefined>>): OllamaSettings {
  const fromConfig = config.host === undefined ? undefined : hostSchema.parse(config.host);
  const chosen = readSetting(secrets, { key: 'host', config: fromConfig, env: ['OLLAMA_HOST'], schema: hostSchema });
  return { ...config, baseUrl: chosen ?? hostSchema.parse(OLLAMA_DEFAULT_HOST), hostChosen: chosen !== undefined };
}
