import type { I18nTexts } from '@dwc/sdk';

/** The settings form in Spanish. */
export const pluginEs: I18nTexts = { es: { fields: {
  "base_url": {
    "title": "URL base",
    "description": "URL base de la API, p. ej. http://127.0.0.1:1234/v1 para LM Studio, vLLM o un servidor llama.cpp. Por defecto: OPENAI_BASE_URL y, si no, https://api.openai.com/v1."
  },
  "default_model": {
    "title": "Modelo por defecto",
    "description": "Modelo de chat que se usa cuando un paso no indica ninguno."
  },
  "embedding_model": {
    "title": "Modelo de embeddings",
    "description": "Modelo que se usa para los embeddings cuando un paso no indica ninguno."
  },
  "timeout_ms": {
    "title": "Tiempo límite (ms)",
    "description": "Espera máxima de una llamada, en milisegundos."
  },
  "max_retries": {
    "title": "Reintentos",
    "description": "Reintentos dentro del SDK de OpenAI. Déjalo en 0 para que la cadena de reserva del entorno de ejecución decida qué pasa después."
  }
} } };

export const openaiEs: I18nTexts = { es: {
  "name": "OpenAI",
  "description": "Completado de chat y embeddings de OpenAI en https://api.openai.com/v1"
} };
