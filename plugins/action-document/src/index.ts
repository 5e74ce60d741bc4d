import { definePlugin, SDK_API_VERSION } from '@dwc/sdk';
import { createDocumentAction, createDocumentInputSchema, createDocumentOutputSchema } from './actions/create-document.js';

/** Built-in `document.create` action: turn workflow data into a stored document. */
export const actionDocumentPlugin = definePlugin({
  name: '@dwc/plugin-action-document',
  apiVersion: SDK_API_VERSION,
  description: 'Create documents from workflow data',
  setup(ctx) {
    ctx.actions.register(createDocumentAction);
  },
});

export default actionDocumentPlugin;
export { createDocumentAction, createDocumentInputSchema, createDocumentOutputSchema };
export { documentErrors } from './errors.js';
