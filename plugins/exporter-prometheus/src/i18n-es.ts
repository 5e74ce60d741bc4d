import type { I18nTexts } from '@dwc/sdk';

export const prometheusEs: I18nTexts = { es: {
  "name": "Prometheus",
  "description": "Sirve todas las métricas en el formato de texto de Prometheus en GET /metrics."
} };
