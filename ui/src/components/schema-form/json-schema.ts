/** The part of JSON Schema (draft 2020-12) the form reads. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  default?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  writeOnly?: boolean;
  [key: string]: unknown;
}

export type FieldKind = 'select' | 'checkboxes' | 'boolean' | 'number' | 'folder' | 'workflow' | 'text' | 'object' | 'value';

/** The schema extension keyword naming a special editor for a field (e.g. `folder` for a folder path). */
export const WIDGET_KEYWORD = 'x-dwc-widget';

/** How a property is edited, from its schema alone (the form never knows which plugin it serves). */
export function fieldKind(schema: JsonSchema): FieldKind {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (schema.enum && schema.enum.every((v) => typeof v === 'string')) return 'select';
  if (type === 'array' && schema.items?.enum?.every((v) => typeof v === 'string')) return 'checkboxes';
  if (type === 'boolean') return 'boolean';
  if (type === 'number' || type === 'integer') return 'number';
  if (type === 'string' && schema[WIDGET_KEYWORD] === 'folder') return 'folder';
  if (type === 'string' && schema[WIDGET_KEYWORD] === 'workflow') return 'workflow';
  if (type === 'string') return 'text';
  if (isObjectForm(schema)) return 'object';
  return 'value';
}

/** The object variants of a schema: itself, or each `anyOf`/`oneOf` alternative that has properties. */
export function variantsOf(schema: JsonSchema): JsonSchema[] {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (!alternatives) return [schema];
  return alternatives.filter((v) => v.properties !== undefined);
}

/** An object with named properties (or alternatives that all are): drawn as a nested form. */
function isObjectForm(schema: JsonSchema): boolean {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.length > 0 && alternatives.every((v) => v.properties !== undefined);
  return schema.properties !== undefined && Object.keys(schema.properties).length > 0;
}

/** The fixed values of a variant (`{"kind": {"const": "cron"}}`): set for the person, never typed. */
export function constsOf(schema: JsonSchema): Record<string, unknown> {
  return Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([, p]) => p.const !== undefined).map(([k, p]) => [k, p.const]));
}

/** A name for a variant: its title in `language` (`x-dwc-i18n`), its description or title, else its fixed values (`cron`), else none. */
export function variantName(schema: JsonSchema, language?: string): string | undefined {
  const localized = language === undefined ? undefined : (schema['x-dwc-i18n'] as Record<string, { title?: string }> | undefined)?.[language]?.title;
  if (localized !== undefined && localized.trim() !== '') return localized;
  const fixed = Object.values(constsOf(schema)).map(String);
  return schema.description ?? schema.title ?? (fixed.length > 0 ? fixed.join(' · ') : undefined);
}

/** The value a new form starts from: the fixed values of its first variant. */
export function initialValue(schema: JsonSchema): Record<string, unknown> {
  return constsOf(variantsOf(schema)[0] ?? schema);
}

/** The variant the value fits best: the one declaring the most of its keys (the first on a tie). */
export function pickVariant(variants: readonly JsonSchema[], value: Record<string, unknown>): number {
  const keys = Object.keys(value);
  let best = 0;
  let bestScore = -1;
  variants.forEach((variant, index) => {
    const props = variant.properties ?? {};
    const fixed = Object.entries(constsOf(variant));
    if (fixed.length > 0 && fixed.every(([k, v]) => value[k] === v)) {
      if (bestScore < Number.MAX_SAFE_INTEGER) [best, bestScore] = [index, Number.MAX_SAFE_INTEGER];
      return;
    }
    const score = keys.filter((k) => k in props).length - keys.filter((k) => !(k in props)).length;
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  });
  return best;
}

/** Shows a non-string value as JSON text; a string as itself (it is usually a template). */
export function valueToText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}

/** Reads the text back: JSON when it parses, otherwise the string (a template such as `{{ steps.a.output }}`). */
export function textToValue(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
