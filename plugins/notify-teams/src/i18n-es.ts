import type { I18nTexts } from '@dwc/sdk';

/** The settings form in Spanish. */
export const pluginEs: I18nTexts = { es: { fields: {
  "timeout_ms": {
    "title": "Tiempo límite (ms)",
    "description": "Espera máxima a que Teams responda, en milisegundos."
  }
} } };

export const teamsEs: I18nTexts = { es: {
  "name": "Microsoft Teams",
  "description": "Publica una Adaptive Card (el asunto como encabezado, el mensaje debajo) en un webhook entrante de Teams; el destinatario es la URL del webhook."
} };
