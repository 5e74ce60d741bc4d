import { definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { transformAction } from './actions/transform.js';

/** Built-in `transform` action: reshape data between steps with JSONata. */
export const actionTransformPlugin = definePlugin({
  name: '@dwc/plugin-action-transform',
  apiVersion: SDK_API_VERSION,
  description: 'Reshape data between steps with JSONata expressions',
  setup(ctx) {
    ctx.actions.register(transformAction);
  },
});

export default actionTransformPlugin;
export { transformAction };
export { transformErrors } from './errors.js';
