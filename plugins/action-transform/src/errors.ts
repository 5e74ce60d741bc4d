import { defineErrorCatalogue } from '@dwc/sdk';

/** The codes the `transform` action fails with. */
export const transformErrors = defineErrorCatalogue('@dwc/plugin-action-transform', {
  invalid_expression: { status: 400, message: 'The JSONata expression failed to compile or evaluate; fix it at the position the message names.' },
  expressions_unavailable: { status: 503, message: 'This host offers no expression evaluator to actions; run the transform step on the dwc runtime.' },
});
