import i18next from 'i18next';

// Building an Intl formatter costs far more than formatting with it (locale data is looked up each
// time), and a list formats every row; so formatters are made once per language and options.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(kind: 'date' | 'number', options: object, make: (language: string) => T): T {
  const language = i18next.language;
  const key = `${kind}\u0000${language}\u0000${JSON.stringify(options)}`;
  let formatter = formatters.get(key) as T | undefined;
  if (formatter === undefined) {
    formatter = make(language);
    formatters.set(key, formatter);
  }
  return formatter;
}

/** An `Intl.DateTimeFormat` for the current language, made once per language and options. */
export function dateTimeFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached('date', options, (language) => new Intl.DateTimeFormat(language, options));
}

/** An `Intl.NumberFormat` for the current language, made once per language and options. */
export function numberFormat(options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cached('number', options, (language) => new Intl.NumberFormat(language, options));
}

const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'medium' };

/** Dates and numbers through Intl, in the current language. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  return dateTimeFormat(DATE_TIME).format(new Date(value));
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return numberFormat({ style: 'unit', unit: 'millisecond', maximumFractionDigits: 0 }).format(ms);
  return numberFormat({ style: 'unit', unit: 'second', maximumFractionDigits: 1 }).format(ms / 1000);
}

/** A size in the largest decimal unit that keeps it at 1 or more (bytes, kB, MB, GB). */
export function formatBytes(bytes: number): string {
  const units = [
    { unit: 'gigabyte', size: 1e9 },
    { unit: 'megabyte', size: 1e6 },
    { unit: 'kilobyte', size: 1e3 },
  ];
  const { unit, size } = units.find((u) => bytes >= u.size) ?? { unit: 'byte', size: 1 };
  return numberFormat({ style: 'unit', unit, maximumFractionDigits: 1 }).format(bytes / size);
}
