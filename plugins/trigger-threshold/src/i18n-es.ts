import type { I18nTexts } from '@dwc/sdk';

export const thresholdEs: I18nTexts = { es: {
  "name": "Umbral",
  "description": "Consulta un número (JSON por HTTP) y se ejecuta cuando sube o baja de un límite y se queda ahí durante `for_ms`, como mucho una vez cada `cooldown_ms`, y de nuevo solo después de volver según la histéresis. La entrada es {value, above, below, since}.",
  "fields": {
    "url": {
      "title": "URL",
      "description": "Una URL HTTP(S) que responde JSON con el número"
    },
    "headers": {
      "title": "Cabeceras"
    },
    "value_path": {
      "title": "Ruta del valor",
      "description": "Ruta con puntos hasta el número en la respuesta"
    },
    "above": {
      "title": "Por encima de"
    },
    "below": {
      "title": "Por debajo de"
    },
    "hysteresis": {
      "title": "Histéresis",
      "description": "Cuánto debe volver el valor hacia dentro del límite antes de poder disparar de nuevo"
    },
    "for_ms": {
      "title": "Durante (ms)",
      "description": "Cuánto tiempo debe quedarse el valor pasado el límite"
    },
    "cooldown_ms": {
      "title": "Tiempo de espera (ms)",
      "description": "El tiempo mínimo entre dos disparos"
    },
    "interval_ms": {
      "title": "Intervalo (ms)"
    }
  }
} };
