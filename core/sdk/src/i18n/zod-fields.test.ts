import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { schemaFields } from './i18n.js';
import { zodFieldChoices } from './zod-fields.js';

interface Tree {
  name: string;
  children?: Tree[];
}
const tree: z.ZodType<Tree> = z.lazy(() => z.object({ name: z.string(), children: z.array(tree).optional() }));

const node = z.object({
  name: z.string(),
  get children() {
    return z.array(node).optional();
  },
});

/** Each shape `schemaFields` handles specially, so the zod walk is checked against the JSON Schema walk. */
const cases: Record<string, z.ZodType> = {
  nested: z.object({ url: z.string(), document: z.object({ title: z.string(), kind: z.enum(['a', 'b']).default('a') }).optional() }),
  multiChoice: z.object({ tags: z.array(z.enum(['x', 'y'])), words: z.array(z.literal(['p', 'q'])) }),
  constantsSkipped: z.object({ type: z.literal('fixed'), maybe: z.literal('fixed').nullable(), value: z.number() }),
  nullableEnumHasNoChoices: z.object({ mode: z.enum(['on', 'off']).nullable(), nested: z.object({ a: z.string() }).nullable() }),
  alternatives: z.union([z.object({ value: z.unknown() }), z.object({ left: z.unknown(), operator: z.enum(['eq', 'ne']) }), z.string()]),
  discriminated: z.object({ rule: z.discriminatedUnion('kind', [z.object({ kind: z.literal('a'), x: z.string() }), z.object({ kind: z.literal('b'), op: z.enum(['lt', 'gt']) })]) }),
  singleObjectAlternative: z.object({ when: z.union([z.object({ at: z.string() }), z.number()]) }),
  records: z.object({ headers: z.record(z.string(), z.object({ value: z.string(), mode: z.enum(['m', 'n']) })), extra: z.object({}).catchall(z.object({ c: z.string() })) }),
  pipes: z.object({ count: z.string().transform(Number), parsed: z.preprocess((v) => v, z.object({ inner: z.enum(['i', 'j']) })), shaped: z.object({ s: z.string() }).transform((v) => v.s) }),
  recursive: z.object({ tree, self: tree.optional() }),
  recursiveRoot: tree,
  recursiveInAlternatives: z.object({ either: z.union([tree, z.object({ other: z.array(tree) })]) }),
  recursiveInRecord: z.object({ forest: z.record(z.string(), tree) }),
  recursiveGetter: z.object({ node }),
  intersectionOfObjects: z.object({ both: z.object({ a: z.string() }).and(z.object({ b: z.enum(['x', 'y']) })) }),
  intersectionOverUnion: z
    .discriminatedUnion('kind', [z.object({ kind: z.literal('a'), at: z.string() }), z.object({ kind: z.literal('b'), every: z.enum(['d', 'w']) })])
    .and(z.object({ zone: z.string(), missed: z.enum(['skip', 'all']).default('skip') })),
  wrappers: z.object({ a: z.enum(['1', '2']).readonly().catch('1'), b: z.object({ c: z.string() }).prefault({ c: '' }) }),
};

describe('zodFieldChoices', () => {
  for (const [name, schema] of Object.entries(cases)) {
    it(`finds the paths and choices schemaFields finds: ${name}`, () => {
      const expected = new Map(schemaFields(schema).map((field) => [field.path, field.enum]));
      expect(zodFieldChoices(schema)).toEqual(expected);
    });
  }

  it('leaves what it does not mirror to the JSON Schema', () => {
    expect(zodFieldChoices(z.object({ both: z.intersection(z.object({ a: z.string() }).describe('A.'), z.object({ b: z.string() })) }))).toBeUndefined();
    expect(zodFieldChoices(z.object({ a: z.string() }).and(z.object({ a: z.number() })))).toBeUndefined();
    expect(zodFieldChoices(z.object({ pair: z.tuple([z.string(), z.object({ a: z.string() })]) }))).toBeUndefined();
  });
});
