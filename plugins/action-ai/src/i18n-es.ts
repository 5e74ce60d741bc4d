import type { I18nTexts } from '@dwc/sdk';

/** The provider options every AI action takes (`provider`, `fallback`, `model`, `timeout_ms`, `cache`). */
const providerFieldsEs = {
  "provider": {
    "title": "Proveedor",
    "description": "Proveedor de IA que se usa (p. ej. `openai`, `ollama`, `local`); si no, la cadena del flujo y, si no, DWC_AI_FALLBACK"
  },
  "fallback": {
    "title": "Proveedores de reserva",
    "description": "Proveedores que se prueban después cuando uno falla por tiempo agotado, 429, 5xx, error de conexión o falta de configuración"
  },
  "model": {
    "title": "Modelo",
    "description": "Modelo del primer proveedor que se prueba"
  },
  "timeout_ms": {
    "title": "Tiempo límite (ms)",
    "description": "Tiempo límite por proveedor (por defecto DWC_AI_TIMEOUT_MS)"
  },
  "cache": {
    "title": "Caché",
    "description": "Guardar la respuesta en caché incluso con temperatura > 0 (true) o nunca (false)"
  }
};

export const generateEs: I18nTexts = { es: {
  "name": "Generar texto con IA",
  "description": "Envía una instrucción (con una instrucción de sistema opcional) a un proveedor de IA y transmite los tokens; con `json_schema` la respuesta se interpreta en `json`.",
  "fields": {
    "prompt": {
      "title": "Instrucción",
      "description": "La instrucción; el motor resuelve las plantillas `{{ }}` y `{name}` antes de ejecutar el paso"
    },
    "messages": {
      "title": "Mensajes",
      "description": "Una conversación completa en lugar de `prompt`"
    },
    "messages.role": {
      "title": "Rol",
      "enum": {
        "system": "Sistema",
        "user": "Usuario",
        "assistant": "Asistente"
      }
    },
    "messages.content": {
      "title": "Contenido"
    },
    "system": {
      "title": "Instrucción de sistema",
      "description": "Instrucción de sistema"
    },
    "max_tokens": {
      "title": "Máximo de tokens"
    },
    "temperature": {
      "title": "Temperatura"
    },
    "json_schema": {
      "title": "Esquema JSON",
      "description": "Esquema JSON que debe cumplir la respuesta; la respuesta interpretada es `json`"
    },
    "stream": {
      "title": "Transmitir",
      "description": "Transmitir los tokens a la sala de la ejecución como eventos `ai.token`"
    },
    "document": {
      "title": "Documento",
      "description": "Guardar la respuesta como un documento con este título"
    },
    "document.title": {
      "title": "Título"
    },
    "document.format": {
      "title": "Formato",
      "enum": {
        "text": "Texto",
        "markdown": "Markdown",
        "html": "HTML",
        "json": "JSON"
      }
    },
    "document.metadata": {
      "title": "Metadatos"
    },
    "document.parent_id": {
      "title": "Id. del documento padre"
    },
    ...providerFieldsEs
  }
} };

export const analyzeEs: I18nTexts = { es: {
  "name": "Analizar texto con IA",
  "description": "Sentimiento, palabras clave, resumen, clasificación, idioma y legibilidad de un texto o de un documento guardado.",
  "fields": {
    "text": {
      "title": "Texto",
      "description": "El texto con el que se trabaja"
    },
    "document_id": {
      "title": "Id. del documento",
      "description": "O un documento guardado, por su id."
    },
    "tasks": {
      "title": "Tareas",
      "enum": {
        "sentiment": "Sentimiento",
        "keywords": "Palabras clave",
        "summary": "Resumen",
        "language": "Idioma",
        "readability": "Legibilidad",
        "classification": "Clasificación"
      }
    },
    "labels": {
      "title": "Etiquetas",
      "description": "Etiquetas candidatas para `classification`"
    },
    "max_sentences": {
      "title": "Máximo de frases"
    },
    "max_keywords": {
      "title": "Máximo de palabras clave"
    },
    ...providerFieldsEs
  }
} };

export const decideEs: I18nTexts = { es: {
  "name": "Decidir con IA",
  "description": "Elige una de las opciones dadas y explica por qué; usa `output.choice` en el `when` de un paso posterior.",
  "fields": {
    "question": {
      "title": "Pregunta",
      "description": "Qué hay que decidir"
    },
    "options": {
      "title": "Opciones",
      "description": "Las opciones; un paso siguiente puede ramificar con `when: \"{{ steps.<id>.output.choice == '...' }}\"`"
    },
    "options.value": {
      "title": "Valor"
    },
    "options.description": {
      "title": "Descripción"
    },
    "context": {
      "title": "Contexto",
      "description": "En qué se basa la decisión"
    },
    "temperature": {
      "title": "Temperatura"
    },
    ...providerFieldsEs
  }
} };

export const extractEs: I18nTexts = { es: {
  "name": "Extraer campos con IA",
  "description": "Lee un texto o un documento guardado y devuelve los campos descritos como un objeto JSON.",
  "fields": {
    "text": {
      "title": "Texto",
      "description": "El texto con el que se trabaja"
    },
    "document_id": {
      "title": "Id. del documento",
      "description": "O un documento guardado, por su id."
    },
    "schema": {
      "title": "Esquema",
      "description": "Esquema JSON del objeto que se extrae"
    },
    "fields": {
      "title": "Campos",
      "description": "O los nombres de los campos (opcionalmente nombre -> descripción); cada uno puede ser null si no aparece"
    },
    "instructions": {
      "title": "Instrucciones"
    },
    ...providerFieldsEs
  }
} };

export const embedEs: I18nTexts = { es: {
  "name": "Incrustar documentos",
  "description": "Calcula los embeddings de documentos guardados (por id, o los de pasos anteriores) y los conserva para la búsqueda semántica.",
  "fields": {
    "document_ids": {
      "title": "Ids. de documentos",
      "description": "Documentos guardados que se incrustan"
    },
    "from_steps": {
      "title": "De los pasos",
      "description": "Incrustar los documentos que produjeron estos pasos anteriores; `*` para todos los pasos anteriores. Por defecto, si no se dan ids: `*`"
    },
    ...providerFieldsEs
  }
} };
