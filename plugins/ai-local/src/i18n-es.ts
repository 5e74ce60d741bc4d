import type { I18nTexts } from '@dwc/sdk';

/** The settings form in Spanish. */
export const pluginEs: I18nTexts = { es: { fields: {
  "embedding_dimensions": {
    "title": "Dimensiones de los embeddings",
    "description": "Longitud de los vectores de embeddings léxicos. Cambiarla hace que los embeddings guardados no sean comparables con los nuevos."
  },
  "max_text_chars": {
    "title": "Máximo de caracteres",
    "description": "Texto más largo que se acepta para análisis o embeddings, en caracteres."
  }
} } };

export const localEs: I18nTexts = { es: {
  "name": "Análisis local (sin conexión)",
  "description": "Sentimiento, palabras clave, resumen extractivo, idioma, legibilidad, clasificación léxica y embeddings, calculados en el propio proceso sin descargar ningún modelo"
} };
