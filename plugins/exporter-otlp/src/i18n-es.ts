import type { I18nTexts } from '@dwc/sdk';

/** The settings form in Spanish. */
export const pluginEs: I18nTexts = { es: { fields: {
  "interval_ms": {
    "title": "Intervalo (ms)",
    "description": "Cada cuánto se envían las métricas, en milisegundos."
  },
  "service_name": {
    "title": "Nombre del servicio",
    "description": "El atributo de recurso `service.name`."
  }
} } };

export const otlpEs: I18nTexts = { es: {
  "name": "OTLP",
  "description": "Envía todas las métricas de este proceso a un colector OTLP/HTTP a intervalos fijos."
} };
