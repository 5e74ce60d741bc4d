import type { I18nTexts } from '@dwc/sdk';

/** The settings form in Spanish. */
export const pluginEs: I18nTexts = { es: { fields: {
  "account_sid": {
    "title": "SID de la cuenta",
    "description": "SID de la cuenta de Twilio. Por defecto: TWILIO_ACCOUNT_SID."
  },
  "from": {
    "title": "Remitente",
    "description": "Remitente: un número E.164, un id. de remitente alfanumérico o el SID de un Messaging Service (MG…). Por defecto: TWILIO_FROM."
  },
  "api_url": {
    "title": "URL de la API",
    "description": "URL base de la API REST de Twilio. Por defecto: TWILIO_API_URL y, si no, https://api.twilio.com."
  },
  "max_segments": {
    "title": "Segmentos máximos",
    "description": "Mensaje más largo que se acepta, en segmentos SMS (GSM-7: 153 caracteres cada uno, UCS-2: 67); los más largos se rechazan, no se envían."
  },
  "timeout_ms": {
    "title": "Tiempo límite (ms)",
    "description": "Espera máxima a que Twilio responda, en milisegundos."
  }
} } };

export const smsEs: I18nTexts = { es: {
  "name": "SMS",
  "description": "Envía un mensaje de texto en el formato REST de Twilio (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM); el destinatario es un número E.164 y la longitud se comprueba antes en segmentos."
} };
