import { z } from 'zod';

/**
 * The form field paths of a zod schema and the string choices of each, read from the schema's own
 * structure with the same rules `schemaFields` applies to its JSON Schema (see i18n.ts), because
 * converting every capability's schema to JSON Schema when it is defined costs the server's start
 * about 100 ms. Returns undefined for a construct it does not mirror (tuples, sets, intersections
 * other than of plain objects and one union of them, custom JSON Schema overrides...): the caller
 * then falls back to the JSON Schema.
 */
export function zodFieldChoices(schema: z.ZodType): Map<string, string[] | undefined> | undefined {
  const fields = new Map<string, string[] | undefined>();
  const add = (path: string, choices: string[] | undefined) => {
    fields.set(path, choices === undefined ? fields.get(path) : [...new Set([...(fields.get(path) ?? []), ...choices])]);
  };
  try {
    const seen = new Set<Node>();
    const root = resolve(schema as unknown as Node, seen);
    if (root !== undefined) walk(root, '', seen, add);
  } catch (error) {
    if (error === UNSUPPORTED) return undefined;
    throw error;
  }
  return fields;
}

const UNSUPPORTED = Symbol('unsupported');

interface Def {
  type: string;
  innerType?: Node;
  in?: Node;
  out?: Node;
  shape?: Record<string, Node>;
  catchall?: Node;
  element?: Node;
  valueType?: Node;
  mode?: string;
  options?: Node[];
  left?: Node;
  right?: Node;
  entries?: Record<string, unknown>;
  values?: unknown[];
}
interface Node {
  _zod: { def: Def; toJSONSchema?: unknown; innerType?: Node; parent?: Node; traits: Set<string> };
}

/** Wrappers whose JSON Schema is their inner schema's, with keywords a form path does not read. */
const TRANSPARENT = new Set(['optional', 'nonoptional', 'default', 'prefault', 'readonly', 'catch']);
/** Schemas that draw no field: their JSON Schema has no properties, items, alternatives or choices. */
const LEAVES = new Set(['string', 'number', 'int', 'boolean', 'bigint', 'symbol', 'null', 'undefined', 'void', 'never', 'any', 'unknown', 'date', 'nan', 'custom', 'transform', 'success', 'file', 'template_literal', 'function']);

/** The schema a JSON Schema node is drawn from, past transparent wrappers; undefined where a recursive schema repeats. */
function resolve(schema: Node, seen: Set<Node>): Node | undefined {
  let node = schema;
  for (;;) {
    if (seen.has(node)) return undefined;
    seen.add(node);
    if (node._zod.toJSONSchema !== undefined) throw UNSUPPORTED;
    const def = node._zod.def;
    if (TRANSPARENT.has(def.type)) node = def.innerType as Node;
    else if (def.type === 'lazy') node = node._zod.innerType as Node;
    else if (def.type === 'pipe') node = ((def.in as Node)._zod.traits.has('$ZodTransform') ? def.out : def.in) as Node;
    else return node;
  }
}

function literalValues(def: Def): unknown[] {
  return (def.values ?? []).filter((value) => value !== undefined);
}

/** The string choices a field offers: its own enum, or its items' for a multi-choice. */
function choicesOf(node: Node, seen: Set<Node>): string[] | undefined {
  const def = node._zod.def;
  const values = def.type === 'enum' ? Object.values(def.entries ?? {}) : def.type === 'literal' && literalValues(def).length > 1 ? literalValues(def) : undefined;
  if (values !== undefined) return values.length > 0 && values.every((value) => typeof value === 'string') ? (values as string[]) : undefined;
  if (def.type !== 'array') return undefined;
  const item = resolve(def.element as Node, new Set(seen));
  return item === undefined || item._zod.def.type === 'array' ? undefined : choicesOf(item, seen);
}

const isObject = (node: Node | undefined): boolean => {
  if (node?._zod.def.type === 'intersection') throw UNSUPPORTED;
  return node?._zod.def.type === 'object';
};

type Add = (path: string, choices: string[] | undefined) => void;

/** An object's properties as fields: constants are left out; a repeat of a recursive schema ends the path. */
function walkProperties(properties: [string, Node][], path: string, seen: Set<Node>, add: Add): void {
  for (const [key, property] of properties) {
    const childPath = path === '' ? key : `${path}.${key}`;
    const childSeen = new Set(seen);
    const resolved = resolve(property, childSeen);
    if (resolved === undefined) continue;
    if (resolved._zod.def.type === 'literal' && literalValues(resolved._zod.def).length === 1) continue;
    add(childPath, choicesOf(resolved, childSeen));
    walk(resolved, childPath, new Set(seen), add);
  }
}

function hasMetadata(node: Node): boolean {
  for (let current: Node | undefined = node; current !== undefined; current = current._zod.parent) if (z.globalRegistry.has(current as unknown as z.ZodType)) return true;
  return false;
}

/** A member zod's JSON Schema folds into an intersection's object: an object without metadata, extra keys or wrappers. */
function plainObject(node: Node): Node {
  const def = node._zod.def;
  if (def.type !== 'object' || hasMetadata(node) || node._zod.toJSONSchema !== undefined || (def.catchall !== undefined && def.catchall._zod.def.type !== 'never')) throw UNSUPPORTED;
  return node;
}

/**
 * `A.and(B)`: zod folds plain objects into one object, and distributes them over one union of
 * plain objects (`A & (X | Y)` is `(A & X) | (A & Y)`), members in order; anything else stays an
 * `allOf` a form does not draw, so it is left to the JSON Schema.
 */
function walkIntersection(def: Def, path: string, seen: Set<Node>, add: Add): void {
  const members = [def.left as Node, def.right as Node];
  const unions = members.filter((member) => member._zod.def.type === 'union');
  if (unions.length > 1 || unions.some((union) => hasMetadata(union) || union._zod.toJSONSchema !== undefined)) throw UNSUPPORTED;
  const rest = members.filter((member) => !unions.includes(member)).map(plainObject);
  const branches = unions.length === 0 ? [undefined] : (unions[0]?._zod.def.options ?? []).map(plainObject);
  for (const branch of branches) {
    const properties = [...rest, ...(branch === undefined ? [] : [branch])].flatMap((member) => Object.entries(member._zod.def.shape ?? {}));
    if (new Set(properties.map(([key]) => key)).size !== properties.length) throw UNSUPPORTED;
  }
  branches.forEach((branch, index) => {
    if (branches.length > 1) add(`${path}#${index + 1}`, undefined);
    const properties = [...rest, ...(branch === undefined ? [] : [branch])].flatMap((member) => Object.entries(member._zod.def.shape ?? {}));
    walkProperties(properties, path, new Set(seen), add);
  });
}

/**
 * Visits a resolved schema's fields. Like the JSON Schema walk, a recursive schema is marked as
 * entered only where an array's items, a record's values or the root lead into it, not where a
 * property or an alternative does, so the recursion stops at the same depth.
 */
function walk(node: Node, path: string, seen: Set<Node>, add: Add): void {
  const def = node._zod.def;
  const enter = (schema: Node) => {
    const inner = new Set(seen);
    const resolved = resolve(schema, inner);
    if (resolved !== undefined) walk(resolved, path, inner, add);
  };
  switch (def.type) {
    case 'object':
      walkProperties(Object.entries(def.shape ?? {}), path, seen, add);
      if (def.catchall !== undefined && def.catchall._zod.def.type !== 'never') enter(def.catchall);
      return;
    case 'array':
      enter(def.element as Node);
      return;
    case 'record':
      if (def.mode === 'loose') throw UNSUPPORTED;
      enter(def.valueType as Node);
      return;
    case 'nullable':
    case 'union': {
      const options = def.type === 'nullable' ? [def.innerType as Node] : (def.options ?? []);
      const objects = options.filter((option) => isObject(resolve(option, new Set(seen))));
      options.forEach((option) => {
        const resolved = resolve(option, new Set(seen));
        if (resolved === undefined) return;
        if (objects.length > 1 && objects.includes(option)) add(`${path}#${objects.indexOf(option) + 1}`, undefined);
        walk(resolved, path, new Set(seen), add);
      });
      return;
    }
    case 'intersection':
      walkIntersection(def, path, seen, add);
      return;
    case 'enum':
    case 'literal':
      return;
    default:
      if (!LEAVES.has(def.type)) throw UNSUPPORTED;
  }
}
