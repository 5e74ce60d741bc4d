import type { I18nTexts } from '@dwc/sdk';

/** The settings form in Spanish. */
export const pluginEs: I18nTexts = { es: { fields: {
  "base_url": {
    "title": "URL base",
    "description": "URL base de la API (una pasarela o un proxy). Por defecto: ANTHROPIC_BASE_URL y, si no, https://api.anthropic.com."
  },
  "default_model": {
    "title": "Modelo por defecto",
    "description": "Modelo que se usa cuando un paso no indica ninguno."
  },
  "max_tokens": {
    "title": "Máximo de tokens",
    "description": "Límite de longitud de la respuesta cuando un paso no fija ninguno (la Messages API exige uno)."
  },
  "timeout_ms": {
    "title": "Tiempo límite (ms)",
    "description": "Espera máxima de una llamada, en milisegundos."
  },
  "max_retries": {
    "title": "Reintentos",
    "description": "Reintentos dentro del SDK de Anthropic. Déjalo en 0 para que la cadena de reserva del entorno de ejecución decida qué pasa después."
  }
} } };

export const anthropicEs: I18nTexts = { es: {
  "name": "Anthropic",
  "description": "Modelos Claude de Anthropic en https://api.anthropic.com"
} };
