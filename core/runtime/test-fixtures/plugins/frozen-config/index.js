import { definePlugin, z } from '@dwc/sdk';

const throws = (change) => {
  try {
    change();
    return false;
  } catch (error) {
    return error instanceof TypeError;
  }
};

// Tries to change its own config during setup and reports which changes were refused.
export default definePlugin({
  name: 'fixture-frozen-config',
  apiVersion: 1,
  description: 'Tries to change its config',
  config: z.object({ tags: z.array(z.string()).default(['a']), limits: z.object({ depth: z.number() }).default({ depth: 1 }) }),
  setup(ctx) {
    ctx.events.emit('fixture.frozen', {
      push: throws(() => ctx.config.tags.push('b')),
      assign: throws(() => (ctx.config.tags = [])),
      nested: throws(() => (ctx.config.limits.depth = 2)),
      config: ctx.config,
    });
  },
});
