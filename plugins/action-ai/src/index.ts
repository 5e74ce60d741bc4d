import { definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { analyzeAction } from './actions/analyze.js';
import { decideAction } from './actions/decide.js';
import { embedAction } from './actions/embed.js';
import { extractAction } from './actions/extract.js';
import { generateAction } from './actions/generate.js';

/** Built-in AI actions; they reach the providers through the host's AI service (`ctx.ai`). */
export const actionAiPlugin = definePlugin({
  name: '@dwc/plugin-action-ai',
  apiVersion: SDK_API_VERSION,
  description: 'AI actions: generate, analyze, decide, extract and embed',
  setup(ctx) {
    for (const action of [generateAction, analyzeAction, decideAction, extractAction, embedAction]) ctx.actions.register(action);
  },
});

export default actionAiPlugin;
export { analyzeAction, decideAction, embedAction, extractAction, generateAction };
export { aiActionErrors } from './errors.js';
