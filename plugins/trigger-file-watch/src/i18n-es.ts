import type { I18nTexts } from '@dwc/sdk';

export const fileWatchEs: I18nTexts = { es: {
  "name": "Vigilancia de carpeta",
  "description": "Se ejecuta cuando aparece o cambia un archivo que coincide con los patrones en una carpeta dentro de DWC_WATCH_ROOTS (o elegida en la aplicación de escritorio); el archivo se entrega a la ejecución como documento (`input.documents`) con `input.file` = {path, name, size, event, modified_at}.",
  "fields": {
    "folder": {
      "title": "Carpeta",
      "description": "Ruta absoluta de la carpeta que se vigila"
    },
    "patterns": {
      "title": "Patrones",
      "description": "Patrones glob relativos a la carpeta, p. ej. `**/*.md`; cuenta un archivo que coincida con cualquiera"
    },
    "events": {
      "title": "Eventos",
      "description": "Disparar cuando aparece un archivo (`add`), cuando cambia (`change`) o en ambos casos",
      "enum": {
        "add": "Aparece",
        "change": "Cambia"
      }
    },
    "debounce_ms": {
      "title": "Espera tras la escritura (ms)",
      "description": "Tiempo de calma tras la última escritura de un archivo antes de disparar (una vez)"
    },
    "max_bytes": {
      "title": "Tamaño máximo (bytes)",
      "description": "Los archivos más grandes se omiten con un aviso"
    }
  }
} };
