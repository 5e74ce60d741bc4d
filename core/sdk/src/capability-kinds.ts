/**
 * The five capability kinds, listed once: each kind's name (as in a definition's `kind` and a
 * plugin manifest's `dwc.kinds`), the `ctx` registrar a plugin registers it with, and the SDK
 * factory that makes its definitions. The host's registries and the manifest schema derive from it.
 */
export const CAPABILITY_KINDS = {
  action: { registrar: 'actions', factory: 'defineAction' },
  trigger: { registrar: 'triggers', factory: 'defineTrigger' },
  channel: { registrar: 'channels', factory: 'defineChannel' },
  'ai-provider': { registrar: 'aiProviders', factory: 'defineAiProvider' },
  exporter: { registrar: 'exporters', factory: 'defineExporter' },
} as const;

/** `action`, `trigger`, `channel`, `ai-provider` or `exporter`. */
export type CapabilityKindName = keyof typeof CAPABILITY_KINDS;

/** The `ctx` registrar of a kind: `actions`, `triggers`, `channels`, `aiProviders`, `exporters`. */
export type CapabilityRegistrarName = (typeof CAPABILITY_KINDS)[CapabilityKindName]['registrar'];

/** The kind names, in the order above. */
export const CAPABILITY_KIND_NAMES = Object.keys(CAPABILITY_KINDS) as [CapabilityKindName, ...CapabilityKindName[]];
