import type { I18nTexts } from '@dwc/sdk';

export const conditionEs: I18nTexts = { es: {
  "name": "Condición",
  "description": "Comprueba si un valor es verdadero, o compara dos valores con un operador, y devuelve el resultado y la rama.",
  "fields": {
    "#1": {
      "title": "Comprobar si un valor es verdadero"
    },
    "value": {
      "title": "Valor",
      "description": "Se comprueba si es verdadero: false, null, 0, \"\", [] y {} (y un valor ausente) son falsos."
    },
    "#2": {
      "title": "Comparar izquierda y derecha con un operador"
    },
    "left": {
      "title": "Izquierda",
      "description": "El valor que se prueba, normalmente una plantilla como {{ steps.fetch.output.status }}. Si falta, cuenta como undefined."
    },
    "operator": {
      "title": "Operador",
      "description": "eq/ne: igualdad profunda; gt/gte/lt/lte: números, fechas ISO o cadenas; contains/not_contains: subcadena o elemento de una lista; starts_with/ends_with: cadenas; matches: expresión regular a la derecha; exists: la izquierda no es null; empty: null, \"\", [] o {}; in: la izquierda es un elemento de la lista de la derecha o una subcadena de la cadena de la derecha.",
      "enum": {
        "eq": "igual a",
        "ne": "distinto de",
        "gt": "mayor que",
        "gte": "mayor o igual que",
        "lt": "menor que",
        "lte": "menor o igual que",
        "contains": "contiene",
        "not_contains": "no contiene",
        "starts_with": "empieza por",
        "ends_with": "termina en",
        "matches": "coincide con el patrón",
        "exists": "existe",
        "empty": "está vacío",
        "in": "está en"
      }
    },
    "right": {
      "title": "Derecha",
      "description": "El valor con el que se compara; no lo usan exists ni empty. Para matches: una cadena de patrón o { pattern, flags }."
    }
  }
} };
