/**
 * Replaces `{name}` (or `{a.b}`) in every string of `value` with that field of `data`; a
 * placeholder naming nothing stays as written. `{{ … }}` templates are left for the engine.
 */
export function fillPlaceholders(value: unknown, data: Readonly<Record<string, unknown>>): unknown {
  if (typeof value === 'string') {
    return value.replace(/(?<!\{)\{([A-Za-z_][\w.]*)\}(?!\})/g, (whole, path: string) => {
      const found = valueAt(data, path);
      if (found === undefined) return whole;
      return typeof found === 'string' ? found : JSON.stringify(found);
    });
  }
  if (Array.isArray(value)) return value.map((item) => fillPlaceholders(item, data));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillPlaceholders(item, data)]));
  }
  return value;
}

/** The value at a dotted path of own properties, or undefined. */
export function valueAt(data: unknown, path: string): unknown {
  let value = data;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
