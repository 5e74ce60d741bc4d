import { defineErrorCatalogue } from '@dwc/sdk';

/** The codes the `document.create` action fails with. */
export const documentErrors = defineErrorCatalogue('@dwc/plugin-action-document', {
  invalid_json_content: { status: 400, message: '"content" is not valid JSON but format is "json"; fix the content or use format "text".', es: '"content" no es JSON válido pero el formato es "json"; corrige el contenido o usa el formato "text".' },
});
