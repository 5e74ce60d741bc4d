import type { I18nTexts } from '@dwc/sdk';

export const transformEs: I18nTexts = { es: {
  "name": "Transformar datos",
  "description": "Evalúa una expresión JSONata sobre `data` y devuelve el resultado.",
  "fields": {
    "expression": {
      "title": "Expresión",
      "description": "Expresión JSONata, p. ej. `items[price > 10].{ \"name\": title }`"
    },
    "data": {
      "title": "Datos",
      "description": "El valor que lee la expresión; normalmente se toma de pasos anteriores."
    }
  }
} };
