import { definePlugin, defineAction, z } from '@dwc/sdk';

export default definePlugin({
  name: 'fixture-good',
  apiVersion: 1,
  description: 'Echoes text',
  config: z.object({ greeting: z.string().default('hi') }),
  permissions: { secrets: ['FIXTURE_TOKEN'] },
  async setup(ctx) {
    await ctx.cache.set('last-greeting', ctx.config.greeting);
    ctx.events.emit('fixture.setup', { greeting: ctx.config.greeting, secrets: Object.keys(ctx.secrets) });
    ctx.actions.register(
      defineAction({
        type: 'fixture.echo',
        title: 'Echo',
        description: 'Returns the text with the greeting',
        input: z.object({ text: z.string() }),
        output: z.object({ text: z.string() }),
        run: async (input) => ({ text: ctx.config.greeting + ' ' + input.text }),
      }),
    );
    return () => ctx.events.emit('fixture.disposed', {});
  },
});
