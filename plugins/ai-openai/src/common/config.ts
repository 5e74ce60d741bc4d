import { readSetting, z } from '@dwc/sdk';

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

const baseUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:1234/v1' });

/** Settings of the OpenAI provider. The API key is the `OPENAI_API_KEY` secret, never config. */
export const openAiConfigSchema = z
  .object({
    base_url: baseUrlSchema
      .optional()
      .describe(
        'API base URL, e.g. http://127.0.0.1:1234/v1 for LM Studio, vLLM or a llama.cpp server. Default: OPENAI_BASE_URL, else https://api.openai.com/v1.',
      ),
    default_model: z.string().min(1).default('gpt-4o-mini').describe('Chat model used when a step names none.'),
    embedding_model: z.string().min(1).default('text-embedding-3-small').describe('Model used for embeddings when a step names none.'),
    timeout_ms: z.number().int().min(100).max(600_000).default(60_000).describe('Longest wait for one call, in milliseconds.'),
    max_retries: z
      .number()
      .int()
      .min(0)
      .max(5)
      .default(0)
      .describe("Retries inside the OpenAI SDK. Keep 0 so the runtime's fallback chain decides what happens next."),
  })
  .strict();

export type OpenAiConfig = z.output<typeof openAiConfigSchema>;

/** Config plus what came from the secret source, resolved once at setup. */
export interface OpenAiSettings extends OpenAiConfig {
  baseUrl: string;
  apiKey: string | undefined;
  /** The key is required only by the OpenAI cloud; local compatible servers usually need none. */
  keyRequired: boolean;
}

/** Throws a PluginSettingError naming `base_url` (OPENAI_BASE_URL) when the address is unusable; blank variables count as unset. */
export function resolveOpenAiSettings(config: OpenAiConfig, secrets: Readonly<Record<string, string | undefined>>): OpenAiSettings {
  const chosen = readSetting(secrets, { key: 'base_url', config: config.base_url, env: ['OPENAI_BASE_URL'], schema: baseUrlSchema });
  const baseUrl = (chosen ?? OPENAI_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const apiKey = readSetting(secrets, { key: 'api_key', env: ['OPENAI_API_KEY'], schema: z.string(), secret: true });
  return { ...config, baseUrl, apiKey, keyRequired: new URL(baseUrl).hostname === 'api.openai.com' };
}
