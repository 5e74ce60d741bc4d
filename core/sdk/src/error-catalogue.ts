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
  /** `message` in Spanish, with the same placeholders: the API answers it to a request that prefers Spanish. */
  es?: string;
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
const PLACEHOLDER_TEST = /\{[A-Za-z_][A-Za-z0-9_]*\}/;

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
    const own = placeholders(entry.message);
    if (entry.es !== undefined && placeholders(entry.es).some((name) => !own.includes(name))) {
      throw new TypeError(`${scope}: error code "${code}": its Spanish text may use only the placeholders of its message (${own.join(', ') || 'none'})`);
    }
  }
  const fill = (code: string, values: Record<string, string | number> | undefined): string => {
    const entry = Object.hasOwn(codes, code) ? codes[code] : undefined;
    if (entry === undefined) throw new TypeError(`${scope} has no error code "${code}"`);
    return fillTemplate(entry.message, values);
  };
  const catalogue: ErrorCatalogue<C> = {
    scope,
    codes: Object.freeze({ ...codes }),
    message: (code, ...[values]) => fill(code, values as Record<string, string | number> | undefined),
    error: (code, ...[values, options]) => {
      const message = fill(code, values as Record<string, string | number> | undefined);
      const entry = codes[code]!;
      const Type = entry.type ?? CLASS_BY_STATUS[entry.status];
      const filled = { ...options, ...(values === undefined ? {} : { values: values as Record<string, string | number> }) };
      return Type ? new Type(message, { ...filled, code }) : new DwcError(code, message, filled);
    },
  };
  registry().set(scope, catalogue as unknown as ErrorCatalogue);
  return catalogue;
}

/** `{name}` placeholders of a template, sorted. */
function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!).sort();
}

function fillTemplate(template: string, values: Readonly<Record<string, string | number>> | undefined): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (values && name in values ? String(values[name]) : whole));
}

/**
 * The message to answer `error` with in `language`: its own when it is written in that language
 * (or the language is English), else its code's translated advice filled with the values the
 * catalogue made it with; its own message when the code has no translation.
 */
export function localizedErrorMessage(error: DwcError, language: 'en' | 'es'): string {
  if (language === 'en' || error.language === language) return error.message;
  const translated = translatedAdvice(error.code, language, error.values);
  // A placeholder left unfilled (the error was thrown with its own message, not its values) would
  // show as `{id}`: the English message, which names the thing, is the better answer then.
  return translated === undefined || PLACEHOLDER_TEST.test(translated) ? error.message : translated;
}

/** The translated advice of a registered `code`, filled with `values`; undefined when it has none. */
export function translatedAdvice(code: string, language: 'es', values?: Readonly<Record<string, string | number>>): string | undefined {
  const translated = errorCodeEntry(code)?.[language];
  return translated === undefined ? undefined : fillTemplate(translated, values);
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
