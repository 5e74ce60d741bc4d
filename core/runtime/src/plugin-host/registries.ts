import type {
  ActionDefinition,
  AiProviderDefinition,
  ChannelDefinition,
  ExporterDefinition,
  TriggerDefinition,
} from '@dwc/sdk';
import { CapabilityRegistry } from './capability-registry.js';

/** The runtime's capability registries, filled by plugins' `setup`. */
export interface Registries {
  actions: CapabilityRegistry<ActionDefinition>;
  triggers: CapabilityRegistry<TriggerDefinition>;
  channels: CapabilityRegistry<ChannelDefinition>;
  aiProviders: CapabilityRegistry<AiProviderDefinition>;
  exporters: CapabilityRegistry<ExporterDefinition>;
}

export type CapabilityKind = keyof Registries;

export function createRegistries(): Registries {
  return {
    actions: new CapabilityRegistry<ActionDefinition>('action'),
    triggers: new CapabilityRegistry<TriggerDefinition>('trigger'),
    channels: new CapabilityRegistry<ChannelDefinition>('channel'),
    aiProviders: new CapabilityRegistry<AiProviderDefinition>('ai-provider'),
    exporters: new CapabilityRegistry<ExporterDefinition>('exporter'),
  };
}
