import { z } from 'zod';

/** The parts of a JSON Schema (draft 2020-12, as `z.toJSONSchema` writes it) that error messages read. */
export interface SchemaNode {
  $ref?: string;
  $defs?: Record<string, SchemaNode>;
  type?: string | string[];
  format?: string;
  title?: string;
  description?: string;
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  items?: boolean | SchemaNode;
  prefixItems?: SchemaNode[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
}

const converted = new WeakMap<object, SchemaNode | null>();

/**
 * The input side of `schema` as JSON Schema (what a client sends: defaulted fields are optional),
 * or undefined when zod cannot convert it. Converted once per schema.
 */
export function inputJsonSchema(schema: z.core.$ZodType): SchemaNode | undefined {
  let node = converted.get(schema);
  if (node === undefined) {
    try {
      node = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as SchemaNode;
    } catch {
      node = null;
    }
    converted.set(schema, node);
  }
  return node ?? undefined;
}

/** Reads nodes of one converted schema, following its `$ref`s into `$defs`. */
export class SchemaWalker {
  constructor(
    private readonly root: SchemaNode,
    private readonly language: 'en' | 'es' = 'en',
  ) {}

  resolve(node: SchemaNode | undefined, depth = 0): SchemaNode | undefined {
    if (node?.$ref === undefined || depth > 20) return node;
    if (node.$ref === '#') return this.resolve(this.root, depth + 1);
    const name = /^#\/\$defs\/(.+)$/.exec(node.$ref)?.[1];
    return name === undefined ? undefined : this.resolve(this.root.$defs?.[decodeURIComponent(name)], depth + 1);
  }

  /** The node describing `key` of a value `node` describes (an object property or an array item). */
  child(node: SchemaNode | undefined, key: PropertyKey, depth = 0): SchemaNode | undefined {
    const resolved = this.resolve(node);
    if (resolved === undefined || depth > 20) return undefined;
    for (const option of [...(resolved.anyOf ?? []), ...(resolved.oneOf ?? []), ...(resolved.allOf ?? [])]) {
      const found = this.child(option, key, depth + 1);
      if (found !== undefined) return found;
    }
    if (typeof key === 'number') {
      const item = resolved.prefixItems?.[key] ?? resolved.items;
      return typeof item === 'object' ? item : undefined;
    }
    if (typeof key !== 'string') return undefined;
    return resolved.properties?.[key] ?? (typeof resolved.additionalProperties === 'object' ? resolved.additionalProperties : undefined);
  }

  /** The alternatives of the union `node` describes, when it has `count` of them. */
  unionOptions(node: SchemaNode | undefined, count: number, depth = 0): SchemaNode[] | undefined {
    const resolved = this.resolve(node);
    const options = resolved?.anyOf ?? resolved?.oneOf;
    if (options === undefined || depth > 20) return undefined;
    if (options.length === count) return options;
    // A nullable union is `anyOf: [{ anyOf: [...] }, { type: "null" }]`.
    for (const option of options) {
      const nested = this.unionOptions(option, count, depth + 1);
      if (nested !== undefined) return nested;
    }
    return undefined;
  }

  isObject(node: SchemaNode | undefined): boolean {
    const resolved = this.resolve(node);
    return resolved !== undefined && (resolved.type === 'object' || resolved.properties !== undefined);
  }

  /**
   * Property names of the object `node` describes. For a union of objects (zod may pick the
   * alternative itself), those of the alternatives that know one of the `present` keys.
   */
  keys(node: SchemaNode | undefined, present: readonly string[] = [], depth = 0): string[] {
    const resolved = this.resolve(node);
    const options = resolved?.anyOf ?? resolved?.oneOf;
    if (options === undefined || depth > 20) return Object.keys(resolved?.properties ?? {});
    const keysOf = options.map((option) => this.keys(option, present, depth + 1));
    const chosen = keysOf.filter((keys) => keys.some((key) => present.includes(key)));
    return [...new Set((chosen.length > 0 ? chosen : keysOf).flat())];
  }

  /** Required property names (on the input side: a defaulted field is not required). */
  required(node: SchemaNode | undefined): string[] {
    return this.resolve(node)?.required ?? [];
  }

  /**
   * A few words saying what a value must be: its title, else its format, its allowed values or its
   * type: `milliseconds`, `date-time`, `"GET" or "POST"`, `integer`.
   */
  hint(node: SchemaNode | undefined, depth = 0): string | undefined {
    const resolved = this.resolve(node);
    if (resolved === undefined || depth > 20) return undefined;
    if (resolved.title !== undefined && resolved.title !== '') return lowerFirst(resolved.title);
    if (resolved.format !== undefined) return resolved.format;
    if (resolved.const !== undefined) return JSON.stringify(resolved.const);
    if (resolved.enum !== undefined && resolved.enum.length > 0) return joinOr(resolved.enum.slice(0, 6).map((value) => JSON.stringify(value)), resolved.enum.length > 6, this.language);
    const options = resolved.anyOf ?? resolved.oneOf;
    if (options !== undefined) {
      const hints = options.map((option) => this.hint(option, depth + 1));
      return hints.every((hint) => hint !== undefined) ? joinOr([...new Set(hints as string[])], false, this.language) : undefined;
    }
    const typeName = (type: string) => (this.language === 'es' ? (SPANISH_TYPES[type] ?? type) : type);
    if (typeof resolved.type === 'string') return typeName(resolved.type);
    if (Array.isArray(resolved.type)) return joinOr(resolved.type.map(typeName), false, this.language);
    return undefined;
  }
}

/** JSON Schema type names as zod's Spanish locale writes them. */
const SPANISH_TYPES: Record<string, string> = { string: 'texto', number: 'número', integer: 'entero', boolean: 'booleano', object: 'objeto', array: 'arreglo', null: 'nulo' };

/** `Milliseconds` -> `milliseconds`, but `URL` stays `URL`. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/** `a`, `a or b`, `a, b or c` (`a, b, c or others` when `more`); in Spanish `o`, `u otros`. */
export function joinOr(items: readonly string[], more = false, language: 'en' | 'es' = 'en'): string {
  const or = language === 'es' ? 'o' : 'or';
  if (more) return `${items.join(', ')} ${language === 'es' ? 'u otros' : 'or others'}`;
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${or} ${items[items.length - 1]!}`;
}
