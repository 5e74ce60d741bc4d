/**
 * Adds `extra`'s fields to `target` in place and returns it. The engine builds per-step objects
 * this way rather than with `{ ...target, ...extra }`: V8 copies a spread with extra fields on a
 * slow path, and these objects are made for every step and event.
 */
export function addFields<T extends object, U extends object>(target: T, extra: U): T & U {
  return Object.assign(target, extra);
}
