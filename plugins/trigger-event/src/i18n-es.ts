import type { I18nTexts } from '@dwc/sdk';

export const eventEs: I18nTexts = { es: {
  "name": "Evento",
  "description": "Se ejecuta cuando ocurre un evento (termina una ejecución, se crea un documento, se decide una aprobación o un cliente publica en /api/v3/events). La entrada es {type, timestamp, payload}; para los eventos publicados, payload es {type, data, user_id}.",
  "fields": {
    "event": {
      "title": "Evento",
      "description": "p. ej. `execution.succeeded`, `execution.failed`, `document.created`, `approval.decided`, `external.content_request` (POST /api/v3/events), o un prefijo `external.*`"
    },
    "match": {
      "title": "Coincidencia",
      "description": "Campos de la carga (rutas con puntos, p. ej. `data.topic` o `workflow_id`) que deben ser iguales a estos valores"
    }
  }
} };
