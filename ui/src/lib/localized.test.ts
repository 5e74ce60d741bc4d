import { describe, expect, it } from 'vitest';
import { localizedDescription, localizedField, localizedName } from './localized';

describe('localized catalogue texts', () => {
  const action = { title: 'HTTP request', description: 'Calls a URL.', i18n: { es: { name: 'Petición HTTP', description: 'Llama a una URL.' } } };

  it('uses the Spanish name and description in Spanish, the English ones otherwise', () => {
    expect(localizedName(action, 'es')).toBe('Petición HTTP');
    expect(localizedDescription(action, 'es')).toBe('Llama a una URL.');
    expect(localizedName(action, 'en')).toBe('HTTP request');
    expect(localizedDescription(action, 'en')).toBe('Calls a URL.');
  });

  it('falls back to English when a text is missing or blank, and to the name when there is no title', () => {
    expect(localizedName({ title: 'X', description: 'd', i18n: { es: { name: ' ' } } }, 'es')).toBe('X');
    expect(localizedDescription({ name: '@dwc/plugin-x', description: 'd' }, 'es')).toBe('d');
    expect(localizedName({ name: '@dwc/plugin-x', description: 'd' }, 'es')).toBe('@dwc/plugin-x');
  });

  it('reads a field label, help and choice labels from x-dwc-i18n', () => {
    const field = localizedField({ type: 'string', description: 'How.', enum: ['a', 'b'], 'x-dwc-i18n': { es: { title: 'Modo', enum: { a: 'Uno' } } } }, 'mode', 'es');
    expect([field.label, field.description, field.option('a'), field.option('b')]).toEqual(['Modo', 'How.', 'Uno', 'b']);
    const english = localizedField({ type: 'string', title: 'Mode' }, 'mode', 'en');
    expect([english.label, english.option('a')]).toEqual(['Mode', 'a']);
  });
});
