import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineAction } from './action.js';
import { defineExporter } from './exporter.js';
import { definePlugin } from './plugin.js';
import { SDK_API_VERSION } from './api-version.js';

describe('definePlugin', () => {
  it('fills in an empty strict config and empty permissions', () => {
    const plugin = definePlugin({ name: 'p', apiVersion: SDK_API_VERSION, description: 'd', setup() {} });
    expect(plugin.permissions).toEqual({ network: [], secrets: [], filesystem: [] });
    expect(plugin.config.safeParse({}).success).toBe(true);
    expect(plugin.config.safeParse({ surprise: 1 }).success).toBe(false);
  });

  it('types the setup context config from the schema', () => {
    definePlugin({
      name: 'p',
      apiVersion: 1,
      description: 'd',
      config: z.object({ baseUrl: z.string().default('http://x') }),
      setup(ctx) {
        expectTypeOf(ctx.config.baseUrl).toEqualTypeOf<string>();
        // @ts-expect-error: not part of the config schema
        void ctx.config.missing;
      },
    });
  });

  it('refuses a non-integer apiVersion with a message naming the plugin', () => {
    expect(() => definePlugin({ name: 'bad', apiVersion: 1.5, description: '', setup() {} })).toThrow(
      /definePlugin\(bad\): "apiVersion" must be a positive integer/,
    );
  });

  it('refuses a malformed secret name in permissions', () => {
    expect(() =>
      definePlugin({ name: 'bad', apiVersion: 1, description: '', permissions: { secrets: ['not-valid'] }, setup() {} }),
    ).toThrow(/invalid "permissions"/);
  });

  it('refuses a setup that is not a function', () => {
    // @ts-expect-error: setup is required and must be a function
    expect(() => definePlugin({ name: 'bad', apiVersion: 1, description: '' })).toThrow(/"setup" must be a function/);
  });
});

describe('defineAction', () => {
  const spec = {
    title: 'Echo',
    description: 'Returns its input',
    input: z.object({ text: z.string() }),
    output: z.object({ text: z.string() }),
    run: async (input: { text: string }) => ({ text: input.text }),
  };

  it('returns a frozen definition marked as an action', () => {
    const action = defineAction({ type: 'echo.text', ...spec });
    expect(action.kind).toBe('action');
    expect(Object.isFrozen(action)).toBe(true);
  });

  it('types run input from the input schema', () => {
    defineAction({
      type: 'typed',
      ...spec,
      // @ts-expect-error: the returned output must match the output schema
      run: async (input) => {
        expectTypeOf(input).toEqualTypeOf<{ text: string }>();
        return { text: 1 };
      },
    });
  });

  it.each(['Upper', 'has space', '', 'trailing.', '1starts-with-digit'])('refuses the id %j', (type) => {
    expect(() => defineAction({ type, ...spec })).toThrow(/is not a valid id/);
  });

  it('refuses a schema that is not zod', () => {
    // @ts-expect-error: input must be a zod schema
    expect(() => defineAction({ type: 'x', ...spec, input: { text: 'string' } })).toThrow(/must be zod schemas/);
  });
});

describe('defineExporter', () => {
  it('requires render or start', () => {
    expect(() => defineExporter({ type: 'none', title: '', description: '' })).toThrow(/give "render" \(pull\) or "start" \(push\)/);
  });
});
