import { definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { eventTrigger } from './event-trigger.js';

/** The `event` trigger: runs a workflow on internal events and on events clients publish. */
export const triggerEventPlugin = definePlugin({
  name: '@dwc/plugin-trigger-event',
  apiVersion: SDK_API_VERSION,
  description: 'Run a workflow when an event happens',
  setup(ctx) {
    ctx.triggers.register(eventTrigger);
  },
});

export default triggerEventPlugin;
export { eventMatches, eventSettingsSchema, eventTrigger } from './event-trigger.js';
export type { EventSettings } from './event-trigger.js';
