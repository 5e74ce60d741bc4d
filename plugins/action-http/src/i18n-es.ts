import type { I18nTexts } from '@dwc/sdk';

/** The settings form in Spanish. */
export const pluginEs: I18nTexts = { es: { fields: {
  "allowed_hosts": {
    "title": "Hosts permitidos",
    "description": "Hosts a los que pueden ir las peticiones: nombres exactos o \"*.example.com\" para cualquier subdominio. Vacío permite cualquier host."
  },
  "deny_private_networks": {
    "title": "Rechazar redes privadas",
    "description": "Rechazar direcciones de loopback, privadas y de enlace local (incluidos los puntos de metadatos de la nube), también cuando un nombre de host se resuelve a una (protección SSRF). Sin valor sigue al servidor: activado en un servidor de equipo con Postgres, desactivado en escritorio/SQLite para que herramientas locales como Ollama sigan accesibles (DWC_DENY_PRIVATE_NETWORKS cambia ese valor por defecto)."
  },
  "allowed_private_hosts": {
    "title": "Hosts privados permitidos",
    "description": "Hosts que pueden ser privados aunque se rechacen las redes privadas, p. ej. una API interna: nombres exactos o direcciones IP tal como se escriben en la URL."
  }
} } };

export const httpRequestEs: I18nTexts = { es: {
  "name": "Petición HTTP",
  "description": "Llama a una URL HTTP(S) y devuelve el estado, las cabeceras y el cuerpo; los cuerpos JSON se interpretan.",
  "fields": {
    "url": {
      "title": "URL",
      "description": "La URL http:// o https:// a la que se llama."
    },
    "method": {
      "title": "Método",
      "description": "Método HTTP.",
      "enum": {
        "GET": "GET",
        "POST": "POST",
        "PUT": "PUT",
        "PATCH": "PATCH",
        "DELETE": "DELETE",
        "HEAD": "HEAD"
      }
    },
    "headers": {
      "title": "Cabeceras",
      "description": "Cabeceras de la petición, p. ej. { \"authorization\": \"Bearer {{ secrets.API_TOKEN }}\" }."
    },
    "query": {
      "title": "Parámetros de consulta",
      "description": "Parámetros de consulta que se añaden a la URL."
    },
    "body": {
      "title": "Cuerpo",
      "description": "Cuerpo de la petición: una cadena se envía tal cual; cualquier otro valor se envía como JSON con content-type application/json."
    },
    "timeout_ms": {
      "title": "Tiempo límite (ms)",
      "description": "Tiempo límite de toda la petición en milisegundos, redirecciones y cuerpo incluidos."
    },
    "max_response_bytes": {
      "title": "Tamaño máximo de respuesta (bytes)",
      "description": "Mayor cuerpo de respuesta aceptado, en bytes; uno mayor hace fallar el paso."
    },
    "response_type": {
      "title": "Tipo de respuesta",
      "description": "Cómo leer el cuerpo: \"json\" lo interpreta, \"text\" lo deja como texto, \"auto\" lo interpreta cuando el content-type dice JSON.",
      "enum": {
        "auto": "Automático",
        "json": "JSON",
        "text": "Texto"
      }
    },
    "fail_on_status": {
      "title": "Fallar según el estado",
      "description": "Hacer fallar el paso con HTTP 4xx/5xx (429 y 5xx se reintentan). Con false, cualquier estado se devuelve como salida."
    }
  }
} };
