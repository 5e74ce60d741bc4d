import { z } from 'zod';
import { zodFieldChoices } from './zod-fields.js';

/** The languages a plugin may carry texts for beside its English ones. */
export const I18N_LANGUAGES = ['es'] as const;
export type I18nLanguage = (typeof I18N_LANGUAGES)[number];

/** The schema extension keyword under which served JSON Schemas carry a field's texts per language. */
export const I18N_SCHEMA_KEYWORD = 'x-dwc-i18n';

/** One form field's texts in one language: its label, its help and the labels of its choices. */
export interface FieldTexts {
  title?: string;
  description?: string;
  /** Labels of the enum values, by value. */
  enum?: Record<string, string>;
}

/**
 * A capability's (or a plugin's) texts in one language. `fields` is keyed by field path: property
 * names joined with `.` (`document.title`); array items and `anyOf` alternatives add nothing to the
 * path; an alternative's own label is `<path>#<n>` (`#1` for the first alternative at the top).
 */
export interface LocaleTexts {
  name?: string;
  description?: string;
  fields?: Record<string, FieldTexts>;
}

export type I18nTexts = Partial<Record<I18nLanguage, LocaleTexts>>;

/** What a form field says in English, found by walking a JSON Schema. */
export interface SchemaFieldInfo {
  path: string;
  /** `field` for a property, `variant` for an `anyOf`/`oneOf` alternative with properties. */
  kind: 'field' | 'variant';
  description?: string;
  /** The string values it offers (its own enum, or its items' enum for a multi-choice). */
  enum?: string[];
  /** The texts a served schema carries for it under `x-dwc-i18n`, by language. */
  texts?: Partial<Record<I18nLanguage, FieldTexts>>;
}

type JsonNode = Record<string, unknown>;

const isNode = (value: unknown): value is JsonNode => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A zod schema's input side as the JSON Schema forms are drawn from. */
export function formJsonSchema(schema: z.ZodType): JsonNode {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonNode;
  } catch {
    return {};
  }
}

function stringEnum(node: JsonNode): string[] | undefined {
  const values = Array.isArray(node.enum) ? node.enum : isNode(node.items) && Array.isArray(node.items.enum) ? node.items.enum : undefined;
  if (values === undefined || !values.every((v) => typeof v === 'string')) return undefined;
  return values as string[];
}

const alternativesOf = (node: JsonNode): JsonNode[] => {
  const alternatives = node.anyOf ?? node.oneOf;
  return Array.isArray(alternatives) ? alternatives.filter(isNode) : [];
};

/**
 * Visits every node of a JSON Schema that a form draws, with its field path: properties, array
 * items and alternatives, resolving local `$ref`s once (a recursive schema stops at the repeat).
 */
function walk(root: JsonNode, visit: (node: JsonNode, path: string, kind: 'field' | 'variant') => void): void {
  const defs = { ...(isNode(root.$defs) ? root.$defs : {}), ...(isNode(root.definitions) ? root.definitions : {}) };
  const resolve = (node: JsonNode, seen: Set<string>): JsonNode | undefined => {
    if (typeof node.$ref !== 'string') return node;
    const name = node.$ref.replace(/^#\/(\$defs|definitions)\//, '');
    if (seen.has(name) || !isNode(defs[name])) return undefined;
    seen.add(name);
    return { ...(defs[name] as JsonNode), ...Object.fromEntries(Object.entries(node).filter(([k]) => k !== '$ref')) };
  };
  const inner = (raw: JsonNode, path: string, seen: Set<string>): void => {
    const node = resolve(raw, seen);
    if (node === undefined) return;
    if (isNode(node.properties)) {
      for (const [key, property] of Object.entries(node.properties)) {
        if (!isNode(property)) continue;
        const childPath = path === '' ? key : `${path}.${key}`;
        const resolved = resolve(property, new Set(seen));
        if (resolved === undefined || resolved.const !== undefined) continue;
        visit(resolved, childPath, 'field');
        inner(resolved, childPath, new Set(seen));
      }
    }
    if (isNode(node.items)) inner(node.items, path, new Set(seen));
    if (isNode(node.additionalProperties)) inner(node.additionalProperties, path, new Set(seen));
    const alternatives = alternativesOf(node);
    const objectAlternatives = alternatives.filter((alt) => isNode(resolve(alt, new Set(seen))?.properties));
    alternatives.forEach((alt) => {
      const resolved = resolve(alt, new Set(seen));
      if (resolved === undefined) return;
      if (objectAlternatives.length > 1 && objectAlternatives.includes(alt)) visit(resolved, `${path}#${objectAlternatives.indexOf(alt) + 1}`, 'variant');
      inner(resolved, path, new Set(seen));
    });
  };
  inner(root, '', new Set());
}

/** Every field (and alternative) of a schema a form shows, with its English description and choices; paths merge across alternatives. */
export function schemaFields(schema: z.ZodType | JsonNode): SchemaFieldInfo[] {
  const json = schema instanceof z.ZodType ? formJsonSchema(schema) : schema;
  const fields = new Map<string, SchemaFieldInfo>();
  walk(json, (node, path, kind) => {
    const field = fields.get(path) ?? { path, kind };
    if (typeof node.description === 'string' && node.description !== '' && field.description === undefined) field.description = node.description;
    const values = kind === 'field' ? stringEnum(node) : undefined;
    if (values !== undefined) field.enum = [...new Set([...(field.enum ?? []), ...values])];
    if (isNode(node[I18N_SCHEMA_KEYWORD])) field.texts = node[I18N_SCHEMA_KEYWORD] as SchemaFieldInfo['texts'];
    fields.set(path, field);
  });
  return [...fields.values()];
}

/** The texts a language has for one field path, if any. */
export function fieldI18n(i18n: I18nTexts | undefined, path: string, language: I18nLanguage = 'es'): FieldTexts | undefined {
  return i18n?.[language]?.fields?.[path];
}

/**
 * What a language lacks for a schema's form, one line per text: `url: title`, `url: description`,
 * `method: enum "GET"`. A field needs a title always, a description when the English has one, a
 * label per choice; an alternative needs a title. Without `fields`, a served schema's own
 * `x-dwc-i18n` texts are checked.
 */
export function missingSchemaTexts(schema: z.ZodType | JsonNode, fields?: Record<string, FieldTexts>, language: I18nLanguage = 'es'): string[] {
  const missing: string[] = [];
  const blank = (text: string | undefined) => text === undefined || text.trim() === '';
  for (const field of schemaFields(schema)) {
    const texts = fields === undefined ? field.texts?.[language] : fields[field.path];
    if (blank(texts?.title)) missing.push(`${field.path}: title`);
    if (field.kind === 'field' && field.description !== undefined && blank(texts?.description)) missing.push(`${field.path}: description`);
    for (const value of field.enum ?? []) if (blank(texts?.enum?.[value])) missing.push(`${field.path}: enum "${value}"`);
  }
  return missing;
}

/** A capability's (or plugin's) texts, as checked by `missingTexts`. */
export interface Describable {
  description: string;
  i18n?: I18nTexts | undefined;
}

/**
 * Everything a language lacks for a capability: its name and description, then each field of the
 * schemas given (an action's input, a trigger's settings, a plugin's config).
 */
export function missingTexts(describable: Describable, schemas: readonly (z.ZodType | JsonNode)[] = [], language: I18nLanguage = 'es'): string[] {
  const texts = describable.i18n?.[language];
  const missing: string[] = [];
  if (texts?.name === undefined || texts.name.trim() === '') missing.push('name');
  if (texts?.description === undefined || texts.description.trim() === '') missing.push('description');
  for (const schema of schemas) missing.push(...missingSchemaTexts(schema, texts?.fields ?? {}, language));
  return missing;
}

const fieldTextsSchema = z.strictObject({ title: z.string().optional(), description: z.string().optional(), enum: z.record(z.string(), z.string()).optional() });
const localeTextsSchema = z.strictObject({ name: z.string().optional(), description: z.string().optional(), fields: z.record(z.string(), fieldTextsSchema).optional() });
const i18nTextsSchema = z.strictObject({ es: localeTextsSchema.optional() });

/**
 * Checks an `i18n` option where a capability is declared: its shape, and that every field path
 * and enum value it names exists in the schemas, so a renamed field cannot leave stale texts.
 */
export function checkI18n(where: string, i18n: unknown, schemas: readonly z.ZodType[] = []): I18nTexts | undefined {
  if (i18n === undefined) return undefined;
  const parsed = i18nTextsSchema.safeParse(i18n);
  if (!parsed.success) throw new TypeError(`${where}: invalid "i18n": ${z.prettifyError(parsed.error)}`);
  const known = new Map<string, { enum: string[] }>();
  for (const schema of schemas) {
    const fields = zodFieldChoices(schema) ?? new Map(schemaFields(schema).map((field) => [field.path, field.enum]));
    for (const [path, choices] of fields) known.set(path, { enum: [...(known.get(path)?.enum ?? []), ...(choices ?? [])] });
  }
  for (const [language, texts] of Object.entries(parsed.data)) {
    for (const [path, field] of Object.entries(texts?.fields ?? {})) {
      const info = known.get(path);
      if (info === undefined) {
        const paths = [...known.keys()];
        throw new TypeError(`${where}: i18n.${language}.fields names "${path}", which is not a field of its schema; fields: ${paths.length > 0 ? paths.join(', ') : '(none)'}.`);
      }
      for (const value of Object.keys(field.enum ?? {})) {
        if (!(info.enum ?? []).includes(value)) {
          throw new TypeError(`${where}: i18n.${language}.fields["${path}"].enum names "${value}", which is not a choice of that field; choices: ${(info.enum ?? []).join(', ') || '(none)'}.`);
        }
      }
    }
  }
  return parsed.data;
}

/**
 * A copy of a JSON Schema with each field's texts under `x-dwc-i18n` (`{"es": {"title": ...}}`),
 * so a form localises titles, descriptions and choice labels without knowing the plugin.
 */
export function withSchemaI18n<Schema extends JsonNode>(jsonSchema: Schema, i18n: I18nTexts | undefined): Schema {
  if (i18n === undefined) return jsonSchema;
  const byLanguage = Object.entries(i18n).filter(([, texts]) => texts?.fields !== undefined) as [I18nLanguage, LocaleTexts][];
  if (byLanguage.length === 0) return jsonSchema;
  const copy = structuredClone(jsonSchema) as JsonNode;
  walk(copy, (node, path) => {
    const texts: Partial<Record<I18nLanguage, FieldTexts>> = {};
    for (const [language, locale] of byLanguage) {
      const field = locale.fields?.[path];
      if (field !== undefined) texts[language] = field;
    }
    if (Object.keys(texts).length > 0) node[I18N_SCHEMA_KEYWORD] = texts;
  });
  return copy as Schema;
}
