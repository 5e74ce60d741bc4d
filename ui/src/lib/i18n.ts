import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Feature, Messages } from './feature';

export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'dwc.lang';

function initialLanguage(): Language {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'es') return saved;
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en';
}

/** Every string of the UI goes through i18next; each feature brings its namespace. */
export function setupI18n(features: readonly Feature[], common: { en: Messages; es: Messages }, language: Language = initialLanguage()) {
  const resources: Record<Language, Record<string, Messages>> = { en: { common: common.en }, es: { common: common.es } };
  for (const feature of features) {
    resources.en[feature.id] = feature.messages.en;
    resources.es[feature.id] = feature.messages.es;
  }
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    defaultNS: 'common',
    ns: ['common', ...features.map((f) => f.id)],
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

export function changeLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}

/** Keys present in `reference` and missing in `other`, as dotted paths. */
export function missingKeys(reference: Messages, other: Messages, prefix = ''): string[] {
  const missing: string[] = [];
  for (const [key, value] of Object.entries(reference)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const theirs = other[key];
    if (typeof value === 'string') {
      if (typeof theirs !== 'string' || theirs.trim() === '') missing.push(path);
    } else if (typeof theirs !== 'object') missing.push(path);
    else missing.push(...missingKeys(value, theirs, path));
  }
  return missing;
}
