import type { z } from 'zod';
import { inputJsonSchema, joinOr, SchemaWalker, type SchemaNode } from './schema-node.js';

/** One problem, at a field path from the validated value's root, in words a person can act on. */
export interface ReadableIssue {
  path: PropertyKey[];
  message: string;
}

/** What the failed parse was given; each makes the messages more precise, neither is required. */
export interface IssueContext {
  /** The schema that failed: field titles, formats and union alternatives come from it. */
  schema?: z.core.$ZodType;
  /** The value that failed: tells a missing field from a wrong one and which union alternative was meant. */
  input?: unknown;
  /** The language of the messages (default `en`); parse with `zodLocale(language)` so zod's own messages match. */
  language?: IssueLanguage;
}

export type IssueLanguage = 'en' | 'es';

type Issue = z.core.$ZodIssue;

interface Place {
  path: PropertyKey[];
  node: SchemaNode | undefined;
  value: unknown;
  /** The value holding this one, to tell "absent" from "undefined". */
  parent: unknown;
}

interface Scope {
  walker: SchemaWalker | undefined;
  hasInput: boolean;
  words: Words;
}

/** The phrases of the messages, per language. */
interface Words {
  missing(field: string, hint?: string): string;
  expected(what: string): string;
  received(what: string): string;
  unknown(fields: string, count: number): string;
  oneOf(fields: string, more: boolean): string;
  and: string;
  notBoth: string;
  onlyOne: string;
  anObject: string;
  anotherValue: string;
  /** Zod's own prefix on a wrong type, dropped as the field already says it. */
  invalidPrefix: RegExp;
  types: Record<string, string>;
}

const WORDS: Record<IssueLanguage, Words> = {
  en: {
    missing: (field, hint) => `missing required field ${field}${hint === undefined ? '' : ` (${hint})`}`,
    expected: (what) => `expected ${what}`,
    received: (what) => `received ${what}`,
    unknown: (fields, count) => `unknown field${count > 1 ? 's' : ''} ${fields}`,
    oneOf: (fields, more) => `expected one of ${fields}${more ? ', …' : ''}`,
    and: 'and',
    notBoth: 'not both',
    onlyOne: 'give only one',
    anObject: 'an object',
    anotherValue: 'another value',
    invalidPrefix: /^Invalid input: /,
    types: Object.fromEntries(['string', 'number', 'integer', 'boolean', 'object', 'array', 'date', 'bigint', 'symbol', 'function', 'map', 'set'].map((noun) => [noun, `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`])),
  },
  es: {
    missing: (field, hint) => `falta el campo obligatorio ${field}${hint === undefined ? '' : ` (${hint})`}`,
    expected: (what) => `se esperaba ${what}`,
    received: (what) => `se recibió ${what}`,
    unknown: (fields, count) => `${count > 1 ? 'campos desconocidos' : 'campo desconocido'} ${fields}`,
    oneOf: (fields, more) => `se esperaba uno de ${fields}${more ? ', …' : ''}`,
    and: 'y',
    notBoth: 'no ambos',
    onlyOne: 'da solo uno',
    anObject: 'un objeto',
    anotherValue: 'otro valor',
    invalidPrefix: /^(Invalid input|Entrada inválida): /,
    types: {
      string: 'una cadena', number: 'un número', integer: 'un número entero', boolean: 'un booleano', object: 'un objeto', array: 'una lista',
      date: 'una fecha', bigint: 'un entero grande', symbol: 'un símbolo', function: 'una función', map: 'un mapa', set: 'un conjunto',
    },
  },
};

/**
 * Turns zod issues into readable ones: a failed union says which alternatives it expected
 * ("expected `duration_ms` (milliseconds) or `until` (date-time)") or, when the value clearly meant
 * one alternative, what is wrong with it; an unknown key names itself and the known ones; a missing
 * field says it is required. Every message is written for the field at its `path`.
 */
export function readableIssues(issues: readonly Issue[], context: IssueContext = {}): ReadableIssue[] {
  const root = context.schema === undefined ? undefined : inputJsonSchema(context.schema);
  const language = context.language ?? 'en';
  const scope: Scope = { walker: root === undefined ? undefined : new SchemaWalker(root, language), hasInput: 'input' in context, words: WORDS[language] };
  const place: Place = { path: [], node: root, value: context.input, parent: undefined };
  return issues.flatMap((issue) => explain(issue, place, scope));
}

function explain(issue: Issue, from: Place, scope: Scope): ReadableIssue[] {
  const place = descend(from, issue.path, scope);
  switch (issue.code) {
    case 'invalid_union':
      return explainUnion(issue, place, scope);
    case 'unrecognized_keys': {
      const present = isRecord(place.value) ? Object.keys(place.value).filter((key) => !issue.keys.includes(key)) : [];
      const known = scope.walker?.keys(place.node, present) ?? [];
      return issue.keys.map((key) => ({ path: [...place.path, key], message: unknownFields([key], known.length === 0 ? undefined : expectOneOf(known, scope.words), scope.words) }));
    }
    case 'invalid_type':
      if (isMissing(issue, place, scope)) return [{ path: place.path, message: missingField(place, issue.expected, scope) }];
      return [{ path: place.path, message: issue.message.replace(scope.words.invalidPrefix, '') }];
    default:
      return [{ path: place.path, message: issue.message }];
  }
}

function explainUnion(issue: Extract<Issue, { code: 'invalid_union' }>, place: Place, scope: Scope): ReadableIssue[] {
  if (issue.errors.length === 0) {
    const allowed = 'options' in issue && issue.options !== undefined ? issue.options : undefined;
    if (allowed === undefined) return [{ path: place.path, message: issue.message }];
    const { words } = scope;
    const values = joinOr(allowed.map((value) => JSON.stringify(value)), false, languageOf(words));
    if (isAbsent(place)) return [{ path: place.path, message: `${words.missing(field(lastKey(place)))}; ${words.expected(values)}` }];
    return [{ path: place.path, message: `${words.expected(values)}, ${words.received(JSON.stringify(place.value) ?? typeName(place.value, words))}` }];
  }

  const nodes = scope.walker?.unionOptions(place.node, issue.errors.length);
  const options = issue.errors.map((issues, index) => ({ issues, node: nodes?.[index] }));
  const explainOption = (option: (typeof options)[number]) => option.issues.flatMap((inner) => explain(inner, { ...place, node: option.node }, scope));

  // An alternative whose shape fits and only some values are wrong is the one that was meant.
  const fitting = options.filter((option) => !option.issues.some((inner) => isStructural(inner, place, option.node, scope)));
  if (fitting.length > 0) return explainOption(fitting.reduce((best, option) => (option.issues.length < best.issues.length ? option : best)));

  const record = isRecord(place.value) ? place.value : undefined;
  const claimed = options.map((option) => (record === undefined ? [] : claimedKeys(option.issues, record)));
  const claims = claimed.map((keys) => keys.length);
  const most = Math.max(...claims);
  const claimants = claims.filter((count) => count === most).length;
  if (most > 0 && claimants === 1) return explainOption(options[claims.indexOf(most)]!);

  const { words } = scope;
  const expected = words.expected(joinOr([...new Set(options.map((option) => describeAlternative(option.issues, option.node, place, scope)))], false, languageOf(words)));
  const objectLike = options.filter((option) => !option.issues.some((inner) => inner.path.length === 0 && inner.code === 'invalid_type'));
  if (objectLike.length === 0) {
    if (isAbsent(place)) return [{ path: place.path, message: `${words.missing(field(lastKey(place)))}; ${expected}` }];
    return [{ path: place.path, message: scope.hasInput ? `${expected}, ${words.received(typeName(place.value, words))}` : expected }];
  }
  // Keys no alternative knows.
  const unknown = objectLike.map((option) => unrecognized(option.issues)).reduce((common, keys) => common.filter((key) => keys.includes(key)));
  if (unknown.length === 1) return [{ path: [...place.path, unknown[0]!], message: unknownFields(unknown, expected, words) }];
  if (unknown.length > 1) return [{ path: place.path, message: unknownFields(unknown, expected, words) }];
  // Fields of different alternatives given together.
  const mixed = new Set(claimed.filter((keys) => keys.length > 0).map((keys) => [...keys].sort().join('\0'))).size > 1;
  if (mixed) return [{ path: place.path, message: options.length === 2 ? `${expected}, ${words.notBoth}` : `${expected}; ${words.onlyOne}` }];
  return [{ path: place.path, message: expected }];
}

/** A problem that means the value is not this alternative at all, rather than a wrong value in it. */
function isStructural(issue: Issue, place: Place, node: SchemaNode | undefined, scope: Scope): boolean {
  if (issue.path.length === 0) return issue.code === 'invalid_type' || issue.code === 'unrecognized_keys' || issue.code === 'invalid_value' || issue.code === 'invalid_union';
  if (issue.path.length !== 1) return false;
  const inner = descend({ ...place, node }, issue.path, scope);
  if (issue.code === 'invalid_type') return isMissing(issue, inner, scope);
  // A literal field (a `kind: "a"` tag) that does not match picks another alternative.
  if (issue.code === 'invalid_value') return issue.values.length === 1;
  return issue.code === 'invalid_union' && issue.errors.length === 0;
}

/** Keys of `record` this alternative knows: those its unknown-key issues do not name, if the value is an object to it at all. */
function claimedKeys(issues: readonly Issue[], record: Record<string, unknown>): string[] {
  if (issues.some((issue) => issue.path.length === 0 && issue.code === 'invalid_type')) return [];
  const rejected = unrecognized(issues);
  return Object.keys(record).filter((key) => !rejected.includes(key));
}

function unrecognized(issues: readonly Issue[]): PropertyKey[] {
  return issues.flatMap((issue) => (issue.code === 'unrecognized_keys' && issue.path.length === 0 ? issue.keys : []));
}

/** One alternative in a few words: its required fields with hints (`` `until` (date-time) ``), or its type. */
function describeAlternative(issues: readonly Issue[], node: SchemaNode | undefined, place: Place, scope: Scope): string {
  const { walker, words } = scope;
  if (walker !== undefined && node !== undefined) {
    if (walker.isObject(node)) {
      const required = walker.required(node);
      const keys = required.length > 0 ? required : walker.keys(node);
      if (keys.length === 0) return words.anObject;
      return keys.map((key) => fieldWithHint(key, walker.hint(walker.child(node, key)))).join(` ${words.and} `);
    }
    const hint = walker.hint(node);
    if (hint !== undefined) return withArticle(hint, words);
  }
  const rootType = issues.find((issue) => issue.path.length === 0 && issue.code === 'invalid_type');
  if (rootType?.code === 'invalid_type' && rootType.expected !== 'object') return withArticle(rootType.expected, words);
  const missing = issues.filter((issue) => issue.code === 'invalid_type' && issue.path.length === 1 && isMissing(issue, descend(place, issue.path, scope), scope));
  if (missing.length > 0) return missing.map((issue) => fieldWithHint(String(issue.path[0]), issue.code === 'invalid_type' ? issue.expected : undefined)).join(` ${words.and} `);
  return rootType === undefined ? words.anotherValue : words.anObject;
}

function descend(from: Place, path: readonly PropertyKey[], scope: Scope): Place {
  let place = from;
  for (const key of path) {
    const value = isRecord(place.value) || Array.isArray(place.value) ? (place.value as Record<PropertyKey, unknown>)[key] : undefined;
    place = { path: [...place.path, key], node: scope.walker?.child(place.node, key), value, parent: place.value };
  }
  return place;
}

function isAbsent(place: Place): boolean {
  const key = lastKey(place);
  return key !== undefined && isRecord(place.parent) && place.parent[key as string] === undefined;
}

/** A required field that is not there (zod reports it as an `invalid_type` of `undefined`). */
function isMissing(issue: Issue, place: Place, scope: Scope): boolean {
  if (issue.code !== 'invalid_type' || lastKey(place) === undefined) return false;
  if (scope.hasInput) return isAbsent(place);
  return /(received undefined|recibido indefinido)$/.test(issue.message);
}

function missingField(place: Place, expected: string, scope: Scope): string {
  const hint = scope.walker?.hint(place.node) ?? expected;
  return scope.words.missing(field(lastKey(place)), hint);
}

function unknownFields(keys: readonly PropertyKey[], expected: string | undefined, words: Words): string {
  const named = words.unknown(keys.map(field).join(', '), keys.length);
  return expected === undefined ? named : `${named}; ${expected}`;
}

function expectOneOf(keys: readonly string[], words: Words): string {
  if (keys.length === 1) return words.expected(field(keys[0]));
  const shown = keys.slice(0, 12).map(field);
  return words.oneOf(shown.join(', '), keys.length > shown.length);
}

function languageOf(words: Words): IssueLanguage {
  return words === WORDS.es ? 'es' : 'en';
}

function field(key: PropertyKey | undefined): string {
  return `\`${String(key)}\``;
}

function fieldWithHint(key: string, hint: string | undefined): string {
  return hint === undefined ? field(key) : `${field(key)} (${hint})`;
}

function lastKey(place: Place): PropertyKey | undefined {
  return place.path[place.path.length - 1];
}

function withArticle(noun: string, words: Words): string {
  return Object.hasOwn(words.types, noun) ? words.types[noun]! : noun;
}

function typeName(value: unknown, words: Words): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return words.types.array!;
  return withArticle(typeof value, words);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
