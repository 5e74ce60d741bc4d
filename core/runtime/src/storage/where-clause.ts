/**
 * `WHERE …` joining with AND the conditions whose value is set, and their parameters; an empty
 * string when none is. A clause with several `?` binds the same value to each.
 */
export function whereClause(conditions: readonly (readonly [clause: string, value: string | number | Date | undefined])[]): { sql: string; params: (string | number | Date)[] } {
  const used = conditions.filter(([, value]) => value !== undefined) as [string, string | number | Date][];
  return {
    sql: used.length === 0 ? '' : `WHERE ${used.map(([clause]) => clause).join(' AND ')}`,
    params: used.flatMap(([clause, value]) => Array.from({ length: clause.split('?').length - 1 }, () => value)),
  };
}
