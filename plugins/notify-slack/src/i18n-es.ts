import type { I18nTexts } from '@dwc/sdk';

/** The settings form in Spanish. */
export const pluginEs: I18nTexts = { es: { fields: {
  "api_url": {
    "title": "URL de la API",
    "description": "URL base de la Web API de Slack para chat.postMessage. Por defecto: SLACK_API_URL y, si no, https://slack.com/api/."
  },
  "timeout_ms": {
    "title": "Tiempo límite (ms)",
    "description": "Espera máxima a que Slack responda, en milisegundos."
  }
} } };

export const slackEs: I18nTexts = { es: {
  "name": "Slack",
  "description": "Publica en Slack mediante un webhook entrante (el destinatario es su URL) o en un canal con chat.postMessage y SLACK_BOT_TOKEN; una cabecera con el asunto y el mensaje en mrkdwn."
} };
