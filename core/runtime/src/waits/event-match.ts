import type { DwcEvent } from '@dwc/sdk';

/** The prefix `POST /api/v3/events` puts before a posted event's type on the bus. */
export const EXTERNAL_PREFIX = 'external.';

/** The `event_type`s a bus event answers: its own type, and for a posted event also the type as posted. */
export function awaitedTypesOf(busType: string): string[] {
  return busType.startsWith(EXTERNAL_PREFIX) ? [busType.slice(EXTERNAL_PREFIX.length), busType] : [busType];
}

/** What `match` is checked against: a posted event's `data`, else the event's whole payload. */
export function eventData(event: DwcEvent): unknown {
  const payload = event.payload as Record<string, unknown>;
  return event.type.startsWith(EXTERNAL_PREFIX) && 'data' in payload ? payload.data : payload;
}

/** Whether every `match` entry (a dotted path -> the value it must equal, compared as JSON) holds in `data`. */
export function matchesEvent(match: Readonly<Record<string, unknown>> | null, data: unknown): boolean {
  if (match === null) return true;
  return Object.entries(match).every(([path, expected]) => sameJson(valueAt(data, path), expected));
}

function valueAt(data: unknown, path: string): unknown {
  let value = data;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return keysA.length === keysB.length && keysA.every((key) => Object.hasOwn(b, key) && sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
