import type { I18nTexts } from '@dwc/sdk';

export const createDocumentEs: I18nTexts = { es: {
  "name": "Crear documento",
  "description": "Guarda un documento (título, contenido, formato, metadatos) producido por el flujo, enlazado a su ejecución y a su padre.",
  "fields": {
    "title": {
      "title": "Título",
      "description": "Título del documento, de 1 a 500 caracteres."
    },
    "content": {
      "title": "Contenido",
      "description": "Cuerpo del documento, como mucho 10 MiB."
    },
    "format": {
      "title": "Formato",
      "description": "Cómo está escrito el contenido: text, markdown, html o json (el json debe ser válido).",
      "enum": {
        "text": "Texto",
        "markdown": "Markdown",
        "html": "HTML",
        "json": "JSON"
      }
    },
    "metadata": {
      "title": "Metadatos",
      "description": "Campos libres que se guardan con el documento, p. ej. { \"source\": \"crm\" }."
    },
    "parent_id": {
      "title": "Id. del documento padre",
      "description": "Id. del documento guardado del que deriva este, para el linaje."
    }
  }
} };
