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
  permissions: { network: string[]; secrets: string[]; filesystem: string[] };
  source: 'folder' | 'package';
}
