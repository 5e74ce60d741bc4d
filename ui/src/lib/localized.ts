import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** One form field's texts in one language, as a served JSON Schema carries them under `x-dwc-i18n`. */
export interface FieldTexts {
  title?: string;
  description?: string;
  enum?: Record<string, string>;
}

/** What the API gives beside a catalogue entry's English texts (`i18n.es.name`, `.description`, `.fields`). */
export type I18nTexts = Partial<Record<string, { name?: string; description?: string; fields?: Record<string, FieldTexts> }>>;

/** A catalogue entry the server describes in English, with other languages under `i18n`. */
export interface Localizable {
  title?: string;
  name?: string;
  description: string;
  i18n?: I18nTexts;
}

export const I18N_SCHEMA_KEYWORD = 'x-dwc-i18n';

const present = (text: string | undefined): text is string => text !== undefined && text.trim() !== '';

/** The entry's name in `language`, else its English title (or name). */
export function localizedName(entry: Localizable, language: string): string {
  const text = entry.i18n?.[language]?.name;
  return present(text) ? text : (entry.title ?? entry.name ?? '');
}

/** The entry's description in `language`, else the English one. */
export function localizedDescription(entry: Localizable, language: string): string {
  const text = entry.i18n?.[language]?.description;
  return present(text) ? text : entry.description;
}

/** The texts a served schema node carries for `language`, if any. */
export function schemaTexts(schema: Record<string, unknown>, language: string): FieldTexts | undefined {
  const texts = schema[I18N_SCHEMA_KEYWORD] as Record<string, FieldTexts> | undefined;
  return texts?.[language];
}

/** A field's label, help and choice labels in `language`, falling back to the schema's English (or the key). */
export function localizedField(schema: Record<string, unknown> & { title?: string; description?: string }, key: string, language: string) {
  const texts = schemaTexts(schema, language);
  return {
    label: present(texts?.title) ? texts.title : (schema.title ?? key),
    description: present(texts?.description) ? texts.description : schema.description,
    option: (value: string): string => {
      const text = texts?.enum?.[value];
      return present(text) ? text : value;
    },
  };
}

/** The current UI language's texts for catalogue entries. */
export function useLocalized() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const name = useCallback((entry: Localizable) => localizedName(entry, language), [language]);
  const description = useCallback((entry: Localizable) => localizedDescription(entry, language), [language]);
  return useMemo(() => ({ language, name, description }), [language, name, description]);
}
