import { readSetting, z } from '@dwc/sdk';

export const GEMINI_DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com';

/** Where the key comes from, as errors and hints name it. */
export const GOOGLE_KEY_SETTING = 'GEMINI_API_KEY (or GOOGLE_API_KEY)';

const baseUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://generativelanguage.googleapis.com' });

/** Settings of the Google Gemini provider. The key is the `GEMINI_API_KEY` or `GOOGLE_API_KEY` secret. */
export const googleConfigSchema = z
  .object({
    base_url: baseUrlSchema
      .optional()
      .describe('Gemini API base URL (a gateway or proxy). Default: GOOGLE_GEMINI_BASE_URL, else https://generativelanguage.googleapis.com.'),
    api_version: z.string().regex(/^v\d+\w*$/).default('v1beta').describe('Gemini API version in the URL path.'),
    default_model: z.string().min(1).default('gemini-2.5-flash').describe('Model used when a step names none.'),
    embedding_model: z.string().min(1).default('gemini-embedding-001').describe('Model used for embeddings when a step names none.'),
    timeout_ms: z.number().int().min(100).max(600_000).default(60_000).describe('Longest wait for one call, in milliseconds.'),
  })
  .strict();

export type GoogleConfig = z.output<typeof googleConfigSchema>;

export interface GoogleSettings extends GoogleConfig {
  baseUrl: string;
  apiKey: string | undefined;
}

/**
 * Like the Google Gen AI SDK, GOOGLE_API_KEY wins when both keys are set. Throws a PluginSettingError
 * naming `base_url` (GOOGLE_GEMINI_BASE_URL) when the address is unusable; blank variables count as unset.
 */
export function resolveGoogleSettings(config: GoogleConfig, secrets: Readonly<Record<string, string | undefined>>): GoogleSettings {
  const chosen = readSetting(secrets, { key: 'base_url', config: config.base_url, env: ['GOOGLE_GEMINI_BASE_URL'], schema: baseUrlSchema });
  return {
    ...config,
    baseUrl: (chosen ?? GEMINI_DEFAULT_BASE_URL).replace(/\/+$/, ''),
    apiKey: readSetting(secrets, { key: 'api_key', env: ['GOOGLE_API_KEY', 'GEMINI_API_KEY'], schema: z.string(), secret: true }),
  };
}
