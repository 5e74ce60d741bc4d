import type { I18nTexts } from '@dwc/sdk';

export const dataChangeEs: I18nTexts = { es: {
  "name": "Cambio de datos",
  "description": "Consulta periódicamente una lista JSON por HTTP, o vigila los documentos o ejecuciones de otros flujos, y se ejecuta una vez por cada elemento nuevo o cambiado; la entrada es {item, id, change: \"new\" | \"changed\"}. Lo visto se guarda, así que un reinicio no vuelve a disparar.",
  "fields": {
    "source": {
      "title": "Fuente",
      "description": "`http`: una lista JSON en `url`; `documents`: documentos que producen otros flujos; `executions`: ejecuciones de otros flujos (cada cambio de estado es un cambio)",
      "enum": {
        "http": "HTTP",
        "documents": "Documentos",
        "executions": "Ejecuciones"
      }
    },
    "url": {
      "title": "URL",
      "description": "Con `http`: una URL HTTP(S) que responde JSON"
    },
    "headers": {
      "title": "Cabeceras"
    },
    "items_path": {
      "title": "Ruta de los elementos",
      "description": "Con `http`: ruta con puntos hasta la lista de elementos en la respuesta (`data.items`); vacía: la propia respuesta"
    },
    "id_field": {
      "title": "Campo de identidad",
      "description": "Ruta con puntos hasta la identidad de cada elemento; un elemento cambiado la conserva"
    },
    "window": {
      "title": "Ventana",
      "description": "Con `documents` o `executions`: cuántos de los más recientes se comparan en cada consulta"
    },
    "interval_ms": {
      "title": "Intervalo (ms)"
    },
    "emit_existing": {
      "title": "Disparar con los existentes",
      "description": "En la primera consulta, disparar con los elementos que ya hay (si no, solo se recuerdan)"
    }
  }
} };
