import i18next from 'i18next';

/** Dates and numbers through Intl, in the current language. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat(i18next.language, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(value));
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return new Intl.NumberFormat(i18next.language, { style: 'unit', unit: 'millisecond', maximumFractionDigits: 0 }).format(ms);
  return new Intl.NumberFormat(i18next.language, { style: 'unit', unit: 'second', maximumFractionDigits: 1 }).format(ms / 1000);
}

/** A size in the largest decimal unit that keeps it at 1 or more (bytes, kB, MB, GB). */
export function formatBytes(bytes: number): string {
  const units = [
    { unit: 'gigabyte', size: 1e9 },
    { unit: 'megabyte', size: 1e6 },
    { unit: 'kilobyte', size: 1e3 },
  ];
  const { unit, size } = units.find((u) => bytes >= u.size) ?? { unit: 'byte', size: 1 };
  return new Intl.NumberFormat(i18next.language, { style: 'unit', unit, maximumFractionDigits: 1 }).format(bytes / size);
}
