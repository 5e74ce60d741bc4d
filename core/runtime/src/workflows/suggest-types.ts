import { distance } from 'fastest-levenshtein';

/** Known types close to a mistyped one (`dealy` -> `delay`, `http` -> `http.request`), closest first, at most three. */
export function suggestTypes(type: string, known: readonly string[]): string[] {
  const wanted = type.toLowerCase();
  return known
    .map((candidate) => {
      const lower = candidate.toLowerCase();
      const prefix = lower.startsWith(`${wanted}.`) || wanted.startsWith(`${lower}.`) || lower.split('.').includes(wanted);
      return { candidate, score: prefix ? 0 : distance(wanted, lower) };
    })
    .filter(({ candidate, score }) => score <= Math.max(2, Math.floor(candidate.length / 3)))
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, 3)
    .map(({ candidate }) => candidate);
}
