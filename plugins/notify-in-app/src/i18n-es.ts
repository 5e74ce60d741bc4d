import type { I18nTexts } from '@dwc/sdk';

export const inAppEs: I18nTexts = { es: {
  "name": "En la aplicación",
  "description": "Guarda el mensaje en la bandeja de entrada del usuario y lo muestra en directo en la aplicación."
} };
