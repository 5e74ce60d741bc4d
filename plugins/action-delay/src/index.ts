import { definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { delayAction, delayInputSchema, delayOutputSchema } from './actions/delay.js';

/** Built-in `delay` action: pause a workflow for up to an hour. */
export const actionDelayPlugin = definePlugin({
  name: '@dwc/plugin-action-delay',
  apiVersion: SDK_API_VERSION,
  description: 'Pause a workflow for a while or until a time',
  setup(ctx) {
    ctx.actions.register(delayAction);
  },
});

export default actionDelayPlugin;
export { delayAction, delayInputSchema, delayOutputSchema };
export { delayErrors } from './errors.js';
