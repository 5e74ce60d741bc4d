import { definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { dataChangeTrigger } from './data-change-trigger.js';

/** The `data_change` trigger: runs a workflow once per new or changed item of a polled JSON source. */
export const triggerDataChangePlugin = definePlugin({
  name: '@dwc/plugin-trigger-data-change',
  apiVersion: SDK_API_VERSION,
  description: 'Run a workflow once per new or changed item of a polled HTTP JSON source',
  setup(ctx) {
    ctx.triggers.register(dataChangeTrigger);
  },
});

export default triggerDataChangePlugin;
export { contentHash, dataChangeSettingsSchema, dataChangeTrigger, pollOnce } from './data-change-trigger.js';
export type { DataChangeSettings, FetchJson } from './data-change-trigger.js';
