import { defineErrorCatalogue } from '@dwc/sdk';

/** The codes the AI actions fail with (provider failures carry the SDK's `ai_*` codes). */
export const aiActionErrors = defineErrorCatalogue('@dwc/plugin-action-ai', {
  ai_service_missing: { status: 503, message: 'This host runs no AI service, so AI actions cannot run here; run the workflow on the server or desktop app.', es: 'Este host no tiene servicio de IA, así que las acciones de IA no pueden ejecutarse aquí; ejecuta el flujo en el servidor o en la aplicación de escritorio.' },
});
