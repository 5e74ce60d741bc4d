import { NotFoundError } from '@dwc/sdk';
import { z } from 'zod';
import type { ApiDeps, PluginStatus } from '../api-deps.js';
import { i18nSchema } from './i18n-wire.js';

/** A plugin as the API shows it. */
export const pluginSchema = z
  .object({
    name: z.string().meta({ description: 'Package name', example: '@dwc/plugin-ai-openai' }),
    version: z.string(),
    description: z.string(),
    kinds: z.array(z.string()).meta({ description: 'Capability kinds the plugin provides' }),
    state: z.enum(['active', 'disabled', 'failed']),
    error: z.string().optional().meta({ description: 'Why the plugin failed to load, when `state` is `failed`' }),
    error_code: z.string().optional().meta({ description: 'Machine-readable reason, e.g. `plugin_api_version_mismatch`' }),
    source: z.enum(['folder', 'package']).meta({ description: 'Found in the plugins folder, or named in DWC_PLUGINS' }),
    capabilities: z.array(z.object({ kind: z.string(), type: z.string() })),
    config_schema: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: "JSON Schema of the plugin's settings" }),
    i18n: i18nSchema.optional(),
    config_i18n: z
      .record(z.string(), z.record(z.string(), z.object({ title: z.string().optional(), description: z.string().optional(), enum: z.record(z.string(), z.string()).optional() })))
      .optional()
      .meta({ description: 'The settings form\'s texts by language and field path; `config_schema` carries them too, under `x-dwc-i18n`' }),
    permissions: z.object({
      network: z.array(z.string()),
      secrets: z.array(z.string()),
      filesystem: z.array(z.string()),
    }),
  })
  .meta({ id: 'Plugin' });

export type PluginWire = z.input<typeof pluginSchema>;

export const pluginNameParams = z.object({
  name: z
    .string()
    .min(1)
    .max(214)
    .meta({ description: 'Package name of the plugin; URL-encode a scope: `%40dwc%2Fplugin-ai-openai`' }),
});

/** Renders a runtime plugin status in the API's snake_case shape. */
export function toPluginWire(plugin: PluginStatus): PluginWire {
  const wire: PluginWire = {
    name: plugin.name,
    version: plugin.version,
    description: plugin.description,
    kinds: plugin.kinds,
    state: plugin.state,
    source: plugin.source,
    capabilities: plugin.capabilities.map(({ kind, type }) => ({ kind, type })),
    permissions: {
      network: plugin.permissions.network,
      secrets: plugin.permissions.secrets,
      filesystem: plugin.permissions.filesystem,
    },
  };
  if (plugin.error !== undefined) wire.error = plugin.error;
  if (plugin.errorCode !== undefined) wire.error_code = plugin.errorCode;
  if (plugin.configSchema !== undefined) wire.config_schema = plugin.configSchema;
  if (plugin.i18n !== undefined) wire.i18n = plugin.i18n;
  if (plugin.configI18n !== undefined) wire.config_i18n = plugin.configI18n;
  return wire;
}

/** The installed plugin with this name; `NotFoundError` when there is none. */
export function findPlugin(deps: ApiDeps, name: string): PluginStatus {
  const plugin = deps.plugins.list().find((candidate) => candidate.name === name);
  if (plugin === undefined) {
    throw new NotFoundError(`No plugin named "${name}" is installed; GET /api/v3/plugins lists them.`, { details: { name } });
  }
  return plugin;
}
