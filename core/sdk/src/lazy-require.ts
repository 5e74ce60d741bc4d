import { createRequire } from 'node:module';

/**
 * A loader that `require`s `specifier` (resolved from the module at `parentUrl`, usually
 * `import.meta.url`) on its first call and hands back the same module after. For a heavy library
 * used only by some requests: it then costs nothing at start. Give the type with
 * `import type * as Pkg from 'pkg'` and `lazyRequire<typeof Pkg>`.
 */
export function lazyRequire<T>(parentUrl: string | URL, specifier: string): () => T {
  let loaded: { module: T } | undefined;
  return () => {
    loaded ??= { module: createRequire(parentUrl)(specifier) as T };
    return loaded.module;
  };
}
