import { describe, expect, it } from 'vitest';
import { whereClause } from './where-clause.js';

describe('whereClause', () => {
  it('joins the conditions whose value is set and binds each value once per placeholder', () => {
    expect(whereClause([['a = ?', 'x'], ['b = ?', undefined], ['(c LIKE ? OR d LIKE ?)', '%y%'], ['e < ?', 0]])).toEqual({
      sql: 'WHERE a = ? AND (c LIKE ? OR d LIKE ?) AND e < ?',
      params: ['x', '%y%', '%y%', 0],
    });
  });

  it('is empty when no condition is set', () => {
    expect(whereClause([['a = ?', undefined]])).toEqual({ sql: '', params: [] });
  });
});
