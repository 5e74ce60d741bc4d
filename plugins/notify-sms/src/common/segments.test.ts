import { describe, expect, it } from 'vitest';
import { countSegments } from './segments.js';

describe('countSegments', () => {
  it('fits 160 GSM-7 characters in one segment and 153 per segment beyond', () => {
    expect(countSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160 });
    expect(countSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', segments: 2, units: 161 });
    expect(countSegments('a'.repeat(306))).toMatchObject({ segments: 2 });
    expect(countSegments('a'.repeat(307))).toMatchObject({ segments: 3 });
    expect(countSegments('')).toMatchObject({ segments: 1 });
  });

  it('counts extension characters as two septets and never splits one across segments', () => {
    expect(countSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160 });
    expect(countSegments('€'.repeat(81))).toMatchObject({ segments: 2, units: 162 });
    // 152 septets then an escape pair: the pair moves to the second segment.
    expect(countSegments(`${'a'.repeat(152)}€${'a'.repeat(151)}`)).toMatchObject({ segments: 2, units: 305 });
    expect(countSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toMatchObject({ segments: 3, units: 306 });
  });

  it('switches to UCS-2 for any other character: 70, then 67 per segment, emoji as two code units', () => {
    expect(countSegments('ł'.repeat(70))).toEqual({ encoding: 'UCS-2', segments: 1, units: 70 });
    expect(countSegments('ł'.repeat(71))).toEqual({ encoding: 'UCS-2', segments: 2, units: 71 });
    expect(countSegments(`Build ok 🎉${'a'.repeat(59)}`)).toEqual({ encoding: 'UCS-2', segments: 1, units: 70 });
    // 66 units, then a surrogate pair that would straddle the boundary: it starts the second segment.
    expect(countSegments(`${'a'.repeat(66)}🎉${'a'.repeat(66)}`)).toEqual({ encoding: 'UCS-2', segments: 3, units: 134 });
  });
});
