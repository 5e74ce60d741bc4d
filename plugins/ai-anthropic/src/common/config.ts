import { readSetting, z } from '@dwc/sdk';

export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com';

const baseUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://api.anthropic.com' });

/** Settings of the Anthropic provider. The API key is the `ANTHROPIC_API_KEY` secret, never config. */
export const anthropicConfigSchema = z
  .object({
    base_url: baseUrlSchema
      .optional()
      .describe('API base URL (a gateway or proxy). Default: ANTHROPIC_BASE_URL, else https://api.anthropic.com.'),
    default_model: z.string().min(1).default('claude-sonnet-5-5').describe('Model used when a step names none.'),
    max_tokens: z.number().int().min(1).max(128_000).default(4096).describe('Answer length limit when a step sets none (the Messages API requires one).'),
    timeout_ms: z.number().int().min(100).max(600_000).default(60_000).describe('Longest wait for one call, in milliseconds.'),
    max_retries: z
      .number()
      .int()
      .min(0)
      .max(5)
      .default(0)
      .describe("Retries inside the Anthropic SDK. Keep 0 so the runtime's fallback chain decides what happens next."),
  })
  .strict();

export type AnthropicConfig = z.output<typeof anthropicConfigSchema>;

export interface AnthropicSettings extends AnthropicConfig {
  baseUrl: string;
  apiKey: string | undefined;
}

/** Throws a PluginSettingError naming `base_url` (ANTHROPIC_BASE_URL) when the address is unusable; blank variables count as unset. */
export function resolveAnthropicSettings(config: AnthropicConfig, secrets: Readonly<Record<string, string | undefined>>): AnthropicSettings {
  const chosen = readSetting(secrets, { key: 'base_url', config: config.base_url, env: ['ANTHROPIC_BASE_URL'], schema: baseUrlSchema });
  return {
    ...config,
    baseUrl: (chosen ?? ANTHROPIC_DEFAULT_BASE_URL).replace(/\/+$/, ''),
    apiKey: readSetting(secrets, { key: 'api_key', env: ['ANTHROPIC_API_KEY'], schema: z.string(), secret: true }),
  };
}
