import type { I18nTexts } from '@dwc/sdk';

/** The settings form in Spanish. */
export const pluginEs: I18nTexts = { es: { fields: {
  "base_url": {
    "title": "URL base",
    "description": "URL base de la API de Gemini (una pasarela o un proxy). Por defecto: GOOGLE_GEMINI_BASE_URL y, si no, https://generativelanguage.googleapis.com."
  },
  "api_version": {
    "title": "Versión de la API",
    "description": "Versión de la API de Gemini en la ruta de la URL."
  },
  "default_model": {
    "title": "Modelo por defecto",
    "description": "Modelo que se usa cuando un paso no indica ninguno."
  },
  "embedding_model": {
    "title": "Modelo de embeddings",
    "description": "Modelo que se usa para los embeddings cuando un paso no indica ninguno."
  },
  "timeout_ms": {
    "title": "Tiempo límite (ms)",
    "description": "Espera máxima de una llamada, en milisegundos."
  }
} } };

export const googleEs: I18nTexts = { es: {
  "name": "Google Gemini",
  "description": "Modelos Gemini de Google en https://generativelanguage.googleapis.com"
} };
