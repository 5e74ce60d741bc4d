import type { I18nTexts } from '@dwc/sdk';

/** The settings form in Spanish. */
export const pluginEs: I18nTexts = { es: { fields: {
  "from": {
    "title": "Remitente",
    "description": "Remitente, p. ej. \"Workflows <dwc@example.com>\". Por defecto: DWC_MAIL_FROM."
  },
  "timeout_ms": {
    "title": "Tiempo límite (ms)",
    "description": "Espera máxima al servidor SMTP en cada paso, en milisegundos."
  },
  "max_connections": {
    "title": "Conexiones máximas",
    "description": "Conexiones SMTP que se mantienen abiertas y se reutilizan."
  }
} } };

export const emailEs: I18nTexts = { es: {
  "name": "Correo electrónico",
  "description": "Envía correo con partes de texto plano y HTML a través del servidor SMTP de SMTP_URL."
} };
