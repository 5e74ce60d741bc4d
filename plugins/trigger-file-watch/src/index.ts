import { definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { fileWatchTrigger } from './file-watch-trigger.js';

/** The `file_watch` trigger: runs a workflow for files dropped in a folder the server allows. */
export const triggerFileWatchPlugin = definePlugin({
  name: '@dwc/plugin-trigger-file-watch',
  apiVersion: SDK_API_VERSION,
  description: 'Run a workflow when a file appears or changes in a watched folder',
  setup(ctx) {
    ctx.triggers.register(fileWatchTrigger(ctx.host));
  },
});

export default triggerFileWatchPlugin;
export { fileWatchSettingsSchema, fileWatchTrigger, watchFolder } from './file-watch-trigger.js';
export type { FileWatchSettings } from './file-watch-trigger.js';
