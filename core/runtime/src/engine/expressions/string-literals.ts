/**
 * Returns the index just past the quoted run that starts at `start` (`'...'`, `"..."` or
 * `` `...` ``, with backslash escapes), or `source.length` when the quote is never closed.
 */
export function endOfQuoted(source: string, start: number): number {
  const quote = source[start];
  let i = start + 1;
  while (i < source.length) {
    const char = source[i];
    if (char === '\\') i += 2;
    else if (char === quote) return i + 1;
    else i += 1;
  }
  return source.length;
}

/** Returns the index just past the `/* ... *\/` comment that starts at `start`, or `source.length`. */
export function endOfComment(source: string, start: number): number {
  const end = source.indexOf('*/', start + 2);
  return end === -1 ? source.length : end + 2;
}

/** Whether `char` opens a string literal or a quoted name in JSONata. */
export function isQuote(char: string | undefined): boolean {
  return char === "'" || char === '"' || char === '`';
}
