import {
  CAPABILITY_KINDS,
  type ActionDefinition,
  type AiProviderDefinition,
  type CapabilityKindName,
  type CapabilityRegistrarName,
  type ChannelDefinition,
  type ExporterDefinition,
  type TriggerDefinition,
} from '@dwc/sdk';
import { CapabilityRegistry } from './capability-registry.js';

/** The runtime's capability registries, filled by plugins' `setup`; one per kind of the SDK's CAPABILITY_KINDS. */
export interface Registries extends Record<CapabilityRegistrarName, CapabilityRegistry<{ type: string }>> {
  actions: CapabilityRegistry<ActionDefinition>;
  triggers: CapabilityRegistry<TriggerDefinition>;
  channels: CapabilityRegistry<ChannelDefinition>;
  aiProviders: CapabilityRegistry<AiProviderDefinition>;
  exporters: CapabilityRegistry<ExporterDefinition>;
}

export type CapabilityKind = keyof Registries;

export function createRegistries(): Registries {
  const entries = (Object.entries(CAPABILITY_KINDS) as [CapabilityKindName, (typeof CAPABILITY_KINDS)[CapabilityKindName]][]).map(
    ([kind, { registrar }]) => [registrar, new CapabilityRegistry(kind)] as const,
  );
  return Object.fromEntries(entries) as unknown as Registries;
}
