import { describe, expect, it } from 'vitest';
import { sqliteTimestamp } from './sqlite-timestamp.js';

const expected = (date: Date) => date.toISOString().replace('T', ' ').replace('Z', '');

describe('SQLite timestamp', () => {
  it('writes UTC dates as `YYYY-MM-DD HH:MM:SS.sss`, across days, years and before 1970', () => {
    const dates = [
      '2026-01-02T03:04:05.678Z', '2026-01-02T23:59:59.999Z', '2026-01-03T00:00:00.000Z', '2026-01-02T00:00:00.001Z', '2026-01-02T12:00:00.000Z',
      '1969-12-31T23:59:59.999Z', '1969-12-31T00:00:00.000Z', '1900-02-28T13:14:15.016Z', '+012000-06-01T01:02:03.004Z', '-000001-01-01T00:00:00.000Z',
    ].map((text) => new Date(text));
    for (const date of [...dates, ...dates.reverse()]) expect(sqliteTimestamp(date)).toBe(expected(date));
    for (let time = Date.UTC(2026, 5, 1); time < Date.UTC(2026, 5, 3); time += 997_331) expect(sqliteTimestamp(new Date(time))).toBe(expected(new Date(time)));
  });

  it('rejects an invalid date as toISOString does', () => {
    expect(() => sqliteTimestamp(new Date(Number.NaN))).toThrow(RangeError);
  });
});
