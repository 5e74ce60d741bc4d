import { definePlugin, defineAction, z } from '@dwc/sdk';
export default definePlugin({ name: 'fixture-shadowing', apiVersion: 1, description: '', setup(ctx) {
  ctx.actions.register(defineAction({ type: 'fixture.echo', title: '', description: '', input: z.object({}), output: z.object({}), run: async () => ({}) }));
} });
