import type { I18nTexts } from '@dwc/sdk';

/** The settings form in Spanish. */
export const pluginEs: I18nTexts = { es: { fields: {
  "timeout_ms": {
    "title": "Tiempo límite (ms)",
    "description": "Espera máxima a que el receptor responda, en milisegundos."
  },
  "event_type": {
    "title": "Tipo de evento",
    "description": "El `type` de la carga JSON."
  }
} } };

export const webhookEs: I18nTexts = { es: {
  "name": "Webhook",
  "description": "Envía la notificación como JSON por POST a la URL del destinatario, firmada según la especificación Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature)."
} };
