import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { readableIssues } from './readable-issues.js';
import { zodParseOptions } from './zod-locale.js';

const delay = z.union([
  z.strictObject({ duration_ms: z.int().min(0).max(3_600_000).meta({ title: 'Milliseconds', description: 'How long to wait.' }) }).describe('Wait for a duration.'),
  z.strictObject({ until: z.iso.datetime({ offset: true }).describe('When to resume.') }).describe('Wait until a date-time.'),
]);

/** Parses `input` with `schema` and formats the failure with both, as the callers do. */
function problems(schema: z.ZodType, input: unknown, context: 'full' | 'issues-only' = 'full') {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected the parse to fail');
  return readableIssues(result.error.issues, context === 'full' ? { schema, input } : {});
}

describe('readableIssues', () => {
  it('names both alternatives of a union with their hints when an unknown field fits neither', () => {
    expect(problems(delay, { ms: 4000 })).toEqual([
      { path: ['ms'], message: 'unknown field `ms`; expected `duration_ms` (milliseconds) or `until` (date-time)' },
    ]);
  });

  it('names the alternatives when nothing was given', () => {
    expect(problems(delay, {})).toEqual([{ path: [], message: 'expected `duration_ms` (milliseconds) or `until` (date-time)' }]);
  });

  it('says "not both" when fields of two alternatives are given together', () => {
    expect(problems(delay, { duration_ms: 1, until: '2025-01-01T00:00:00Z' })).toEqual([
      { path: [], message: 'expected `duration_ms` (milliseconds) or `until` (date-time), not both' },
    ]);
  });

  it('does not say "not both" when loose alternatives all take the same field', () => {
    const loose = z.union([z.object({ a: z.string() }), z.object({ b: z.string() })]);
    expect(problems(loose, { c: 1 })).toEqual([{ path: [], message: 'expected `a` (string) or `b` (string)' }]);
  });

  it('names the received type when the value is not an object at all', () => {
    expect(problems(delay, 5)).toEqual([{ path: [], message: 'expected `duration_ms` (milliseconds) or `until` (date-time), received a number' }]);
  });

  it('reports the meant alternative\'s own problems when the value clearly chose it', () => {
    expect(problems(delay, { until: 'tomorrow' })).toEqual([{ path: ['until'], message: 'Invalid ISO datetime' }]);
    expect(problems(delay, { duration_ms: 5_000_000, extra: true })).toEqual([
      { path: ['duration_ms'], message: expect.stringMatching(/Too big/) },
      { path: ['extra'], message: 'unknown field `extra`; expected `duration_ms`' },
    ]);
  });

  it('still says "expected X or Y" from the issues alone when neither schema nor input is given', () => {
    expect(problems(delay, { ms: 4000 }, 'issues-only')).toEqual([{ path: ['ms'], message: 'unknown field `ms`; expected `duration_ms` (number) or `until` (string)' }]);
  });

  it('names an unknown key and the known ones', () => {
    const schema = z.strictObject({ url: z.url(), method: z.enum(['GET', 'POST']).default('GET') });
    expect(problems(schema, { url: 'https://example.com', verb: 'GET' })).toEqual([{ path: ['verb'], message: 'unknown field `verb`; expected one of `url`, `method`' }]);
  });

  it('says a required field is missing, with its hint, and keeps other messages', () => {
    const schema = z.object({ url: z.url().meta({ title: 'Target URL' }), retries: z.int().min(0) });
    expect(problems(schema, { retries: -1 })).toEqual([
      { path: ['url'], message: 'missing required field `url` (target URL)' },
      { path: ['retries'], message: 'Too small: expected number to be >=0' },
    ]);
  });

  it('tells a wrong type without the "Invalid input" prefix', () => {
    expect(problems(z.object({ n: z.number() }), { n: 'five' })).toEqual([{ path: ['n'], message: 'expected number, received string' }]);
  });

  it('lists the values a discriminated union accepts for its tag', () => {
    const schema = z.discriminatedUnion('kind', [z.object({ kind: z.literal('email'), to: z.email() }), z.object({ kind: z.literal('sms'), phone: z.string() })]);
    expect(problems(schema, { kind: 'fax' })).toEqual([{ path: ['kind'], message: 'expected "email" or "sms", received "fax"' }]);
    expect(problems(schema, {})).toEqual([{ path: ['kind'], message: 'missing required field `kind`; expected "email" or "sms"' }]);
    expect(problems(schema, { kind: 'sms' })).toEqual([{ path: ['phone'], message: 'missing required field `phone` (string)' }]);
  });

  it('describes unions of plain types', () => {
    const schema = z.object({ tags: z.union([z.string(), z.array(z.string())]) });
    expect(problems(schema, { tags: 3 })).toEqual([{ path: ['tags'], message: 'expected a string or an array, received a number' }]);
  });

  it('explains unions nested inside objects and arrays at their own path', () => {
    const schema = z.object({ waits: z.array(delay) });
    expect(problems(schema, { waits: [{ duration_ms: 1 }, { ms: 2 }] })).toEqual([
      { path: ['waits', 1, 'ms'], message: 'unknown field `ms`; expected `duration_ms` (milliseconds) or `until` (date-time)' },
    ]);
  });

  it('follows schemas registered with an id ($ref into $defs)', () => {
    const target = z.strictObject({ host: z.string().meta({ title: 'Host name' }) }).meta({ id: 'Target' });
    const schema = z.object({ first: target, second: target });
    expect(problems(schema, { first: { host: 'a' }, second: { hots: 'b' } })).toEqual([
      { path: ['second', 'host'], message: 'missing required field `host` (host name)' },
      { path: ['second', 'hots'], message: 'unknown field `hots`; expected `host`' },
    ]);
  });

  it('walks recursive schemas without looping, down to the wrong value', () => {
    type Json = string | number | Json[] | { [key: string]: Json };
    const json: z.ZodType<Json> = z.lazy(() => z.union([z.string(), z.number(), z.array(json), z.record(z.string(), json)]));
    const schema = z.strictObject({ value: json });
    const found = problems(schema, { value: { a: [1, { b: true }] } });
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toEqual(['value', 'a', 1, 'b']);
    expect(found[0]?.message).toMatch(/^expected /);
  });

  it('keeps a schema\'s own message and does not fail on schemas JSON Schema cannot show', () => {
    const schema = z.object({ when: z.date(), port: z.int().refine((n) => n !== 22, 'port 22 is reserved for SSH') });
    expect(problems(schema, { when: 'now', port: 22 })).toEqual([
      { path: ['when'], message: 'expected date, received string' },
      { path: ['port'], message: 'port 22 is reserved for SSH' },
    ]);
  });
});

describe('readableIssues in Spanish', () => {
  const spanish = (schema: z.ZodType, input: unknown) => {
    const result = schema.safeParse(input, zodParseOptions('es'));
    if (result.success) throw new Error('expected the parse to fail');
    return readableIssues(result.error.issues, { schema, input, language: 'es' }).map((issue) => issue.message);
  };

  it('writes alternatives, unknown and missing fields and received types in Spanish', () => {
    expect(spanish(delay, { ms: 4000 })).toEqual(['campo desconocido `ms`; se esperaba `duration_ms` (milliseconds) o `until` (date-time)']);
    expect(spanish(delay, { duration_ms: 1, until: '2025-01-01T00:00:00Z' })).toEqual(['se esperaba `duration_ms` (milliseconds) o `until` (date-time), no ambos']);
    expect(spanish(delay, 5)).toEqual(['se esperaba `duration_ms` (milliseconds) o `until` (date-time), se recibió un número']);
    expect(spanish(z.strictObject({ a: z.string(), b: z.int() }), { b: 'x' })).toEqual(['falta el campo obligatorio `a` (texto)', 'se esperaba número, recibido texto']);
  });

  it('leaves English untouched without a language, and zod\'s own words come from the parse options only', () => {
    const schema = z.object({ a: z.string() });
    expect(spanish(schema, { a: 1 })).toEqual(['se esperaba texto, recibido número']);
    expect(problems(schema, { a: 1 }).map((issue) => issue.message)).toEqual(['expected string, received number']);
  });
});
