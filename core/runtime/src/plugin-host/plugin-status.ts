import type { FieldTexts, I18nLanguage } from '@dwc/sdk';

/** What the host tells the API, health checks and the CLI about one plugin. */
export interface PluginStatus {
  name: string;
  version: string;
  description: string;
  kinds: string[];
  state: 'active' | 'disabled' | 'failed';
  /** Why the plugin failed, in words a user can act on. */
  error?: string;
  errorCode?: string;
  capabilities: { kind: string; type: string }[];
  /** JSON Schema of the plugin's config (for the settings form and OpenAPI). */
  configSchema?: Record<string, unknown>;
  /** The name and description in other languages (package.json `dwc.i18n`, else the plugin's own `i18n`). */
  i18n?: Partial<Record<I18nLanguage, { name?: string; description?: string }>>;
  /** The config form's texts in other languages, by field path; the config schema carries them too (`x-dwc-i18n`). */
  configI18n?: Partial<Record<I18nLanguage, Record<string, FieldTexts>>>;
  permissions: { network: string[]; secrets: string[]; filesystem: string[] };
  source: 'folder' | 'package';
}
