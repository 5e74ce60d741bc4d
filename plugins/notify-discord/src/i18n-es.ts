import type { I18nTexts } from '@dwc/sdk';

/** The settings form in Spanish. */
export const pluginEs: I18nTexts = { es: { fields: {
  "timeout_ms": {
    "title": "Tiempo límite (ms)",
    "description": "Espera máxima a que Discord responda, en milisegundos."
  },
  "username": {
    "title": "Nombre de usuario",
    "description": "Nombre que se muestra como autor del mensaje en lugar del del webhook."
  }
} } };

export const discordEs: I18nTexts = { es: {
  "name": "Discord",
  "description": "Publica un embed (el asunto como título, el mensaje como descripción) en un webhook de Discord; el destinatario es la URL del webhook. Las menciones nunca avisan."
} };
