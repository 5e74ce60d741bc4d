import { describe, expect, it } from 'vitest';
import { firstIdAt, newId } from './new-id.js';

describe('newId', () => {
  it('is 26 Crockford base32 characters', () => {
    expect(newId()).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('encodes the time like a ULID, so ids sort by creation time', () => {
    expect(newId(1469918176385).slice(0, 10)).toBe('01ARYZ6S41');
    const ids = [newId(1_000), newId(2_000), newId(1_700_000_000_000), newId(1_700_000_000_001)];
    expect([...ids].sort()).toEqual(ids);
  });

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId(0)));
    expect(ids.size).toBe(10_000);
  });

  it('bounds the ids of a moment: every id made at or after a time sorts at or after firstIdAt of it', () => {
    const at = 1_700_000_000_123;
    expect(newId(at) >= firstIdAt(at)).toBe(true);
    expect(newId(at - 1) < firstIdAt(at)).toBe(true);
    expect(newId(at) < firstIdAt(at + 1)).toBe(true);
  });
});
