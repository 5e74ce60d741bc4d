import { definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { conditionAction, conditionInputSchema, conditionOutputSchema } from './actions/condition.js';

/** Built-in `condition` action: compare values and let later steps branch on the result. */
export const actionConditionPlugin = definePlugin({
  name: '@dwc/plugin-action-condition',
  apiVersion: SDK_API_VERSION,
  description: 'Compare values and branch a workflow',
  setup(ctx) {
    ctx.actions.register(conditionAction);
  },
});

export default actionConditionPlugin;
export { conditionAction, conditionInputSchema, conditionOutputSchema };
export { conditionErrors } from './errors.js';
