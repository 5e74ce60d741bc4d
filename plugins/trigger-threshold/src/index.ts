import { definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { thresholdTrigger } from './threshold-trigger.js';

/** The `threshold` trigger: runs a workflow when a polled number crosses a bound. */
export const triggerThresholdPlugin = definePlugin({
  name: '@dwc/plugin-trigger-threshold',
  apiVersion: SDK_API_VERSION,
  description: 'Run a workflow when a polled number crosses a bound',
  setup(ctx) {
    ctx.triggers.register(thresholdTrigger);
  },
});

export default triggerThresholdPlugin;
export { checkOnce, thresholdSettingsSchema, thresholdTrigger } from './threshold-trigger.js';
export { initialThresholdState, nextThresholdState } from './threshold-state.js';
export type { ThresholdRule, ThresholdState } from './threshold-state.js';
export type { ThresholdSettings } from './threshold-trigger.js';
