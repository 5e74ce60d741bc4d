/** Lower-case words joined by `.`, `-` or `_`: `transform`, `ai.generate`, `notify-slack`, `in_app`. */
export const CAPABILITY_ID = /^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$/;

/** Throws a TypeError naming the factory when `id` is not a valid capability id. */
export function assertCapabilityId(factory: string, id: unknown): asserts id is string {
  if (typeof id !== 'string' || !CAPABILITY_ID.test(id)) {
    throw new TypeError(
      `${factory}: type ${JSON.stringify(id)} is not a valid id; use lower-case words joined by ".", "-" or "_" (e.g. "ai.generate", "notify-slack").`,
    );
  }
}

/** Throws a TypeError naming the factory and the field when `value` is not a function. */
export function assertFunction(factory: string, field: string, value: unknown): void {
  if (typeof value !== 'function') {
    throw new TypeError(`${factory}: "${field}" must be a function, got ${value === null ? 'null' : typeof value}.`);
  }
}
