import type { I18nTexts } from '@dwc/sdk';

/** The settings form in Spanish. */
export const pluginEs: I18nTexts = { es: { fields: {
  "subject": {
    "title": "Contacto VAPID",
    "description": "Contacto VAPID al que pueden escribir los servicios push (mailto: o https://). Por defecto: VAPID_SUBJECT y, si no, mailto:notifications@dwc.invalid."
  },
  "ttl_seconds": {
    "title": "Vigencia (s)",
    "description": "Cuánto tiempo guarda un servicio push un mensaje para un navegador sin conexión, en segundos."
  },
  "timeout_ms": {
    "title": "Tiempo límite (ms)",
    "description": "Espera máxima a que un servicio push responda, en milisegundos."
  }
} } };

export const pushEs: I18nTexts = { es: {
  "name": "Web Push",
  "description": "Envía un mensaje Web Push (VAPID, aes128gcm) a cada navegador que el destinatario suscribió en POST /api/v3/notifications/push/subscriptions; el destinatario es un id. de usuario o un correo."
} };
