import { describe, expect, it } from 'vitest';
import { commonMessages } from '../app/common-messages';
import { features } from '../app/features';
import { missingKeys } from './i18n';

describe('translations', () => {
  it.each([['common', commonMessages] as const, ...features.map((f) => [f.id, f.messages] as const)])('Spanish has every %s string English has, and no extra', (_id, messages) => {
    expect(missingKeys(messages.en, messages.es)).toEqual([]);
    expect(missingKeys(messages.es, messages.en)).toEqual([]);
  });

  it('reports a key missing from a nested group', () => {
    expect(missingKeys({ a: { b: 'x', c: 'y' } }, { a: { b: 'x' } })).toEqual(['a.c']);
  });
});
