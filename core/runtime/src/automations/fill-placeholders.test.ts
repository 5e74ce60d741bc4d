import { describe, expect, it } from 'vitest';
import { fillPlaceholders } from './fill-placeholders.js';

describe('fillPlaceholders', () => {
  it('fills {name} and {a.b} from the trigger data in nested strings, leaving unknown names and {{ }} templates', () => {
    const data = { topic: 'AI Automation', meta: { lang: 'en' }, n: 3 };
    expect(fillPlaceholders({ p: 'Generate content for: {topic}', list: ['{meta.lang}', '{n} items', '{missing}'], t: '{{ input.x }}', k: 7 }, data))
      .toEqual({ p: 'Generate content for: AI Automation', list: ['en', '3 items', '{missing}'], t: '{{ input.x }}', k: 7 });
  });

  it('does not reach inherited properties', () => {
    expect(fillPlaceholders('{constructor}', {})).toBe('{constructor}');
  });
});
