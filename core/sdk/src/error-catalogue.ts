import {
  AuthenticationError,
  ConflictError,
  DwcError,
  ExternalServiceError,
  InputError,
  NotFoundError,
  PermissionError,
  TimeoutError,
  UnavailableError,
  type DwcErrorOptions,
} from './errors.js';

/** A `DwcError` subclass taking `(message, { code, details, cause })`, as every class in errors.ts does. */
export type DwcErrorClass = new (message: string, options: DwcErrorOptions & { code?: string }) => DwcError;

/** One code of a catalogue. */
export interface ErrorCodeEntry {
  /** The HTTP status the API answers with when an error of this code reaches a request. */
  status: number;
  /**
   * What happened and what to do about it. `{name}` placeholders are filled from the values given
   * to `error()`/`message()`; throw sites that build their own message still follow its advice.
   */
  message: string;
  /** The class `error()` makes; by default the one that matches `status` (400 InputError, 404 NotFoundError...). */
  type?: DwcErrorClass;
}

type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** The values a message template needs: one per `{name}` placeholder. */
export type MessageValues<S extends string> = Record<Placeholders<S>, string | number>;

type MessageArgs<S extends string> = [Placeholders<S>] extends [never]
  ? [values?: Record<string, never>, options?: DwcErrorOptions]
  : [values: MessageValues<S>, options?: DwcErrorOptions];

/** A package's codes, each with its HTTP status and message template (Fastify `lib/errors.js`). */
export interface ErrorCatalogue<C extends Record<string, ErrorCodeEntry> = Record<string, ErrorCodeEntry>> {
  /** The package the codes belong to, e.g. `@dwc/runtime`. */
  readonly scope: string;
  readonly codes: Readonly<C>;
  /** The message of `code` with its placeholders filled. */
  message<K extends keyof C & string>(code: K, ...args: MessageArgs<C[K]['message']>): string;
  /** A new error of `code`: its class follows the entry, its message is the filled template. */
  error<K extends keyof C & string>(code: K, ...args: MessageArgs<C[K]['message']>): DwcError;
}

const CLASS_BY_STATUS: Readonly<Record<number, DwcErrorClass>> = {
  400: InputError,
  401: AuthenticationError,
  403: PermissionError,
  404: NotFoundError,
  409: ConflictError,
  502: ExternalServiceError,
  503: UnavailableError,
  504: TimeoutError,
};

const CODE = /^[a-z][a-z0-9_]*$/;
const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

// Shared through globalThis so that a plugin bundling its own copy of the SDK still registers
// where the host's HTTP layer looks.
const REGISTRY_KEY = Symbol.for('dwc.error-catalogues');
type Registry = Map<string, ErrorCatalogue>;
function registry(): Registry {
  const holder = globalThis as { [REGISTRY_KEY]?: Registry };
  return (holder[REGISTRY_KEY] ??= new Map());
}

/**
 * Declares a package's error codes. Each key is a stable snake_case code; each entry its HTTP
 * status and a message that tells the reader what to do. The catalogue registers itself, so the
 * HTTP layer finds the status of any code a loaded package throws (`errorCodeEntry`).
 */
export function defineErrorCatalogue<const C extends Record<string, ErrorCodeEntry>>(scope: string, codes: C): ErrorCatalogue<C> {
  for (const [code, entry] of Object.entries(codes)) {
    if (!CODE.test(code)) throw new TypeError(`${scope}: error code "${code}" must be snake_case`);
    if (!Number.isInteger(entry.status) || entry.status < 400 || entry.status > 599) {
      throw new TypeError(`${scope}: error code "${code}" needs an HTTP error status (400-599), got ${entry.status}`);
    }
    if (entry.message.trim() === '') throw new TypeError(`${scope}: error code "${code}" needs a message`);
  }
  const fill = (code: string, values: Record<string, string | number> | undefined): string => {
    const entry = Object.hasOwn(codes, code) ? codes[code] : undefined;
    if (entry === undefined) throw new TypeError(`${scope} has no error code "${code}"`);
    return entry.message.replace(PLACEHOLDER, (whole, name: string) => (values && name in values ? String(values[name]) : whole));
  };
  const catalogue: ErrorCatalogue<C> = {
    scope,
    codes: Object.freeze({ ...codes }),
    message: (code, ...[values]) => fill(code, values as Record<string, string | number> | undefined),
    error: (code, ...[values, options]) => {
      const message = fill(code, values as Record<string, string | number> | undefined);
      const entry = codes[code]!;
      const Type = entry.type ?? CLASS_BY_STATUS[entry.status];
      return Type ? new Type(message, { ...options, code }) : new DwcError(code, message, options);
    },
  };
  registry().set(scope, catalogue as unknown as ErrorCatalogue);
  return catalogue;
}

/** Every registered catalogue, in the order they were defined. */
export function errorCatalogues(): ErrorCatalogue[] {
  return [...registry().values()];
}

/** The entry of `code` in the registered catalogues (with the scope that defines it), if any. */
export function errorCodeEntry(code: string): (ErrorCodeEntry & { scope: string }) | undefined {
  for (const catalogue of registry().values()) {
    const entry = Object.hasOwn(catalogue.codes, code) ? catalogue.codes[code] : undefined;
    if (entry !== undefined) return { ...entry, scope: catalogue.scope };
  }
  return undefined;
}
