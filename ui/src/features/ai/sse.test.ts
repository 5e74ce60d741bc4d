import { describe, expect, it } from 'vitest';
import { createSseParser } from './sse';

describe('createSseParser', () => {
  it('returns whole events only, across chunk boundaries', () => {
    const parse = createSseParser();
    expect(parse('event: token\ndata: {"index":0,"te')).toEqual([]);
    expect(parse('xt":"Hel"}\n\nevent: token\ndata: {"index":1,"text":"lo"}\n\nevent: do')).toEqual([
      { event: 'token', data: { index: 0, text: 'Hel' } },
      { event: 'token', data: { index: 1, text: 'lo' } },
    ]);
    expect(parse('ne\ndata: {"text":"Hello"}\n\n')).toEqual([{ event: 'done', data: { text: 'Hello' } }]);
  });
});
