import type { I18nTexts } from '@dwc/sdk';

/** The settings form in Spanish. */
export const pluginEs: I18nTexts = { es: { fields: {
  "host": {
    "title": "Servidor",
    "description": "URL del servidor de Ollama. Por defecto: OLLAMA_HOST y, si no, http://127.0.0.1:11434."
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
    "description": "Espera máxima de una llamada, en milisegundos (un modelo local puede tardar en cargarse). La descarga de un modelo solo la limita quien la pide."
  },
  "keep_alive": {
    "title": "Mantener cargado",
    "description": "Cuánto tiempo mantiene Ollama el modelo cargado tras una llamada, p. ej. \"5m\"."
  }
} } };

export const ollamaEs: I18nTexts = { es: {
  "name": "Ollama",
  "description": "Modelos locales servidos por Ollama en http://127.0.0.1:11434"
} };
