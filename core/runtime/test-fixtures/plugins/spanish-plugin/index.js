import { definePlugin, z } from '@dwc/sdk';
export default definePlugin({
  name: 'fixture-spanish-plugin', apiVersion: 1, description: 'Says hello',
  config: z.object({ greeting: z.enum(['hello', 'hi']).default('hello').describe('What to say.') }),
  i18n: { es: { name: 'Saludo', description: 'Saluda (definición)', fields: { greeting: { title: 'Saludo', description: 'Qué decir.', enum: { hello: 'hola', hi: 'buenas' } } } } },
  setup() {},
});
