import { ConflictError } from '@dwc/sdk';

export interface RegisteredCapability<Definition> {
  definition: Definition;
  /** The plugin that registered it. */
  plugin: string;
}

/**
 * One typed registry per capability kind, keyed by the definition's `type`. A second
 * registration of a type is refused with both plugins named.
 */
export class CapabilityRegistry<Definition extends { type: string }> {
  readonly #entries = new Map<string, RegisteredCapability<Definition>>();

  constructor(readonly kind: string) {}

  register(definition: Definition, plugin: string): void {
    const existing = this.#entries.get(definition.type);
    if (existing) {
      throw new ConflictError(
        `${this.kind} "${definition.type}" from plugin ${plugin} is already registered by plugin ${existing.plugin}; disable one of them.`,
        { code: 'capability_conflict', details: { kind: this.kind, type: definition.type, plugins: [existing.plugin, plugin] } },
      );
    }
    this.#entries.set(definition.type, { definition, plugin });
  }

  get(type: string): Definition | undefined {
    return this.#entries.get(type)?.definition;
  }

  /** The definition with the plugin that registered it. */
  entry(type: string): RegisteredCapability<Definition> | undefined {
    return this.#entries.get(type);
  }

  has(type: string): boolean {
    return this.#entries.has(type);
  }

  list(): RegisteredCapability<Definition>[] {
    return [...this.#entries.values()];
  }

  /** Removes everything `plugin` registered (when it is disabled or fails). */
  removePlugin(plugin: string): void {
    for (const [type, entry] of this.#entries) if (entry.plugin === plugin) this.#entries.delete(type);
  }
}
