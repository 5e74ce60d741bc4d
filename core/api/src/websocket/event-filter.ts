/** Whether a connection wants an event of this type. */
export type EventFilter = (type: string) => boolean;

/**
 * Compiles `subscribe` patterns: an exact type (`execution.succeeded`), a prefix ending in `.*`
 * (`step.*` matches `step.started` and `step.a.b`), or `*`. No patterns, or `*` among them, means
 * every type, returned as `null` so the hot path can skip the check.
 */
export function compileEventFilter(patterns: readonly string[]): EventFilter | null {
  if (patterns.length === 0 || patterns.includes('*')) return null;
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const pattern of patterns) {
    if (pattern.endsWith('.*')) prefixes.push(pattern.slice(0, -1));
    else exact.add(pattern);
  }
  return (type) => {
    if (exact.has(type)) return true;
    for (const prefix of prefixes) if (type.startsWith(prefix)) return true;
    return false;
  };
}
