import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { dateTimeFormat, formatDateTime, formatDuration, numberFormat } from './format';

const language = i18next.language;
afterEach(async () => {
  await i18next.changeLanguage(language);
});

describe('Intl formatters', () => {
  it('are made once per language and options, and follow a change of language', async () => {
    await i18next.changeLanguage('en');
    const first = dateTimeFormat({ dateStyle: 'medium' });
    expect(dateTimeFormat({ dateStyle: 'medium' })).toBe(first);
    expect(dateTimeFormat({ dateStyle: 'long' })).not.toBe(first);
    expect(numberFormat({ maximumFractionDigits: 1 })).toBe(numberFormat({ maximumFractionDigits: 1 }));
    expect(formatDuration(1500)).toBe('1.5 sec');

    await i18next.changeLanguage('es');
    expect(dateTimeFormat({ dateStyle: 'medium' })).not.toBe(first);
    expect(dateTimeFormat({ dateStyle: 'medium' }).resolvedOptions().locale).toBe('es');
    expect(formatDuration(1500)).toBe('1,5 s');
    expect(formatDateTime('2026-12-05T10:00:00.000Z')).toBe(new Intl.DateTimeFormat('es', { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date('2026-12-05T10:00:00.000Z')));
  });
});
