import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { constsOf, pickVariant, variantName, variantsOf, type JsonSchema } from './json-schema';
import { SchemaField } from './schema-field';

export interface SchemaFormProps {
  schema: JsonSchema;
  value: Record<string, unknown>;
  /** One key changed (`undefined` removes it). Keep it stable (useCallback). */
  onChange(key: string, value: unknown): void;
  /** Replace the whole value (switching between `anyOf` alternatives). */
  onReplace(value: Record<string, unknown>): void;
  /** Messages per key (`url`), from the server's refusal. */
  errors?: Record<string, string[]>;
  completions?: readonly string[];
}

const NONE: readonly string[] = [];

/** The messages under `key.` (`auth.secret`), keyed by what follows, for a nested form. */
function childErrors(errors: Record<string, string[]>, key: string): Record<string, string[]> | undefined {
  const prefix = `${key}.`;
  const entries = Object.entries(errors).filter(([k]) => k.startsWith(prefix));
  return entries.length > 0 ? Object.fromEntries(entries.map(([k, v]) => [k.slice(prefix.length), v])) : undefined;
}

/**
 * The one form renderer for any JSON Schema the API serves (step inputs, plugin settings): a field
 * per property, `anyOf` alternatives as a choice. It names no plugin and no field by hand.
 */
export function SchemaForm({ schema, value, onChange, onReplace, errors, completions = NONE }: SchemaFormProps) {
  const { t, i18n } = useTranslation();
  const variants = useMemo(() => variantsOf(schema), [schema]);
  // The alternative picked by hand wins over the guess from the value's keys (an empty value fits all).
  const [chosen, setChosen] = useState<{ schema: JsonSchema; index: number } | null>(null);
  const index = variants.length <= 1 ? 0 : chosen?.schema === schema ? chosen.index : pickVariant(variants, value);
  const variant = variants[index] ?? schema;
  const required = useMemo(() => new Set(variant.required ?? []), [variant]);
  const change = useCallback((key: string, v: unknown) => onChange(key, v), [onChange]);
  const properties = Object.entries(variant.properties ?? {}).filter(([, p]) => p.const === undefined);

  return (
    <div className="schema-form">
      {variants.length > 1 && (
        <label className="field">
          <span>{t('form.variant')}</span>
          <select
            value={index}
            onChange={(e) => {
              const picked = Number(e.target.value);
              const next = variants[picked]!;
              setChosen({ schema, index: picked });
              const keep = Object.fromEntries(Object.entries(value).filter(([k]) => k in (next.properties ?? {})));
              onReplace({ ...keep, ...constsOf(next) });
            }}
          >
            {variants.map((v, i) => (
              <option key={i} value={i}>
                {variantName(v, i18n.language) ?? t('form.option', { n: i + 1 })}
              </option>
            ))}
          </select>
        </label>
      )}
      {properties.length === 0 && <p className="muted">{t('form.noFields')}</p>}
      {properties.map(([key, property]) => (
        <SchemaField key={key} name={key} schema={property} value={value[key]} required={required.has(key)} errors={errors?.[key]} childErrors={errors ? childErrors(errors, key) : undefined} completions={completions} onChange={change} />
      ))}
    </div>
  );
}
