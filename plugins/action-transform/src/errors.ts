import { defineErrorCatalogue } from '@dwc/sdk';

/** The codes the `transform` action fails with. */
export const transformErrors = defineErrorCatalogue('@dwc/plugin-action-transform', {
  invalid_expression: { status: 400, message: 'The JSONata expression failed to compile or evaluate; fix it at the position the message names.', es: 'La expresión JSONata no se pudo compilar o evaluar; corrígela en la posición que indica el mensaje.' },
  expressions_unavailable: { status: 503, message: 'This host offers no expression evaluator to actions; run the transform step on the dwc runtime.', es: 'Este host no ofrece a las acciones un evaluador de expresiones; ejecuta el paso transform en el runtime de dwc.' },
});
