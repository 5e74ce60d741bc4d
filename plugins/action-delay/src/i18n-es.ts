import type { I18nTexts } from '@dwc/sdk';

export const delayEs: I18nTexts = { es: {
  "name": "Espera",
  "description": "Espera duration_ms milisegundos, o hasta una fecha y hora como mucho una hora después.",
  "fields": {
    "#1": {
      "title": "Esperar una duración"
    },
    "duration_ms": {
      "title": "Duración (ms)",
      "description": "Cuánto esperar, en milisegundos (como mucho una hora)."
    },
    "#2": {
      "title": "Esperar hasta una fecha y hora"
    },
    "until": {
      "title": "Hasta",
      "description": "Fecha y hora ISO-8601 con desfase (p. ej. 2025-01-31T09:00:00Z) hasta la que se espera; como mucho una hora después. Una hora pasada no espera."
    }
  }
} };
