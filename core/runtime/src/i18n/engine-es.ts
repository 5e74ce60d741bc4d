import type { I18nTexts } from '@dwc/sdk';

// The engine's own steps and triggers in Spanish, beside the plugins' (tests/plugin-i18n.test.ts checks every text).

export const workflowCallEs: I18nTexts = { es: {
  "name": "Llamar a un flujo de trabajo",
  "description": "Ejecuta otro flujo de trabajo con la entrada dada como ejecución hija y espera a que termine; falla cuando la hija falla.",
  "fields": {
    "workflow_id": {
      "title": "Id. del flujo de trabajo",
      "description": "El flujo que se ejecuta, tal como lo devolvió su creación; no puede ser el propio flujo que llama."
    },
    "input": {
      "title": "Entrada",
      "description": "La entrada del flujo llamado (normalmente un objeto); `{}` si se omite."
    }
  }
} };

export const waitUntilEs: I18nTexts = { es: {
  "name": "Esperar hasta",
  "description": "Deja la ejecución en `waiting` hasta una fecha y hora o durante un tiempo (sin límite superior); no ocupa ningún trabajador y un reinicio no pierde nada.",
  "fields": {
    "#1": {
      "title": "Hasta una fecha y hora"
    },
    "until": {
      "title": "Hasta",
      "description": "Fecha y hora ISO-8601 con desfase; una hora pasada no espera."
    },
    "#2": {
      "title": "Durante un tiempo"
    },
    "duration_ms": {
      "title": "Milisegundos",
      "description": "Cuánto esperar (sin límite superior)."
    }
  }
} };

export const waitEventEs: I18nTexts = { es: {
  "name": "Esperar un evento",
  "description": "Deja la ejecución en `waiting` hasta que llega un evento de `event_type` cuyos datos coinciden con `match`, o pasa `timeout_ms`.",
  "fields": {
    "event_type": {
      "title": "Tipo de evento",
      "description": "El evento que se espera: un tipo publicado en `POST /api/v3/events` (p. ej. `order_paid`, que se recibe como `external.order_paid`) o un tipo de evento interno (p. ej. `document.created`)."
    },
    "match": {
      "title": "Coincidencia",
      "description": "Campos que deben tener los datos del evento, por ruta con puntos, cada uno igual al valor dado (se admiten plantillas, p. ej. `{\"order_id\": \"{{ input.order_id }}\"}`)."
    },
    "timeout_ms": {
      "title": "Tiempo límite (ms)",
      "description": "Dejar de esperar tras estos milisegundos (sin límite superior); si se omite, espera para siempre."
    },
    "on_timeout": {
      "title": "Al agotarse el tiempo",
      "description": "Al agotarse el tiempo: `continue` termina el paso con `timed_out: true` en su salida (encamina los pasos siguientes con `when`), `fail` lo hace fallar con `wait_timed_out`. Por defecto `continue`.",
      "enum": {
        "continue": "Continuar",
        "fail": "Fallar"
      }
    }
  }
} };

export const approvalEs: I18nTexts = { es: {
  "name": "Aprobación",
  "description": "Deja la ejecución en `waiting` hasta que uno de `approvers` aprueba o rechaza (POST .../steps/{step_id}/approve o /reject), o pasa `timeout_ms`.",
  "fields": {
    "message": {
      "title": "Mensaje",
      "description": "Lo que se pregunta a quienes aprueban."
    },
    "approvers": {
      "title": "Aprobadores",
      "description": "Quién puede decidir: roles (`owner`, `admin`, `editor`, `viewer`) o ids. de usuario."
    },
    "timeout_ms": {
      "title": "Tiempo límite (ms)",
      "description": "Dejar de esperar tras estos milisegundos (sin límite superior); si se omite, espera para siempre."
    },
    "on_reject": {
      "title": "Al rechazar",
      "description": "`fail` (por defecto) hace fallar el paso con `approval_rejected`; `continue` lo termina con `decision: \"rejected\"` para el `when` de los pasos siguientes.",
      "enum": {
        "continue": "Continuar",
        "fail": "Fallar"
      }
    },
    "on_timeout": {
      "title": "Al agotarse el tiempo",
      "description": "Al agotarse el tiempo: `continue` termina el paso con `timed_out: true` en su salida (encamina los pasos siguientes con `when`), `fail` lo hace fallar con `wait_timed_out`. Por defecto `fail`.",
      "enum": {
        "continue": "Continuar",
        "fail": "Fallar"
      }
    }
  }
} };

export const notifySendEs: I18nTexts = { es: {
  "name": "Enviar una notificación",
  "description": "Pone en cola un mensaje en un canal (correo, webhook, en la aplicación, ...) para entregarlo con reintentos; un paso reintentado no envía dos veces.",
  "fields": {
    "channel": {
      "title": "Canal",
      "description": "email, sms, push, webhook, slack, teams, discord o in_app"
    },
    "recipient": {
      "title": "Destinatario",
      "description": "Correo, número de teléfono, URL o id. de usuario, según espere el canal"
    },
    "subject": {
      "title": "Asunto"
    },
    "message": {
      "title": "Mensaje",
      "description": "Cuerpo en texto plano; obligatorio salvo que se dé `template`"
    },
    "html": {
      "title": "HTML"
    },
    "template": {
      "title": "Plantilla",
      "description": "Nombre de una plantilla guardada para este canal"
    },
    "data": {
      "title": "Datos",
      "description": "Las variables de la plantilla"
    },
    "priority": {
      "title": "Prioridad",
      "enum": {
        "low": "Baja",
        "normal": "Normal",
        "high": "Alta",
        "critical": "Crítica"
      }
    }
  }
} };

export const analyticsReportEs: I18nTexts = { es: {
  "name": "Enviar un informe de analítica",
  "description": "Guarda el resumen y las conclusiones de analítica de la última hora, día, semana o mes como documento Markdown y lo envía por un canal de notificación.",
  "fields": {
    "time_range": {
      "title": "Periodo",
      "description": "El periodo que cubre el informe (y con el que compara el anterior)",
      "enum": {
        "hour": "Hora",
        "day": "Día",
        "week": "Semana",
        "month": "Mes"
      }
    },
    "channel": {
      "title": "Canal",
      "description": "El canal de notificación por el que se envía: email, webhook, slack, in_app ..."
    },
    "recipients": {
      "title": "Destinatarios",
      "description": "Correos, URL o ids. de usuario, según espere el canal"
    }
  }
} };

export const manualEs: I18nTexts = { es: {
  "name": "Manual",
  "description": "Se ejecuta cuando alguien lo inicia (el botón Ejecutar, o POST /api/v3/workflows/{id}/execute)."
} };

export const apiCallEs: I18nTexts = { es: {
  "name": "Llamada a la API",
  "description": "Se ejecuta cuando un cliente llama a POST /api/v3/workflows/{id}/execute o a POST /api/v3/advanced/workflows/execute con un token."
} };

export const webhookEs: I18nTexts = { es: {
  "name": "Webhook",
  "description": "Se ejecuta cuando llega una petición a {METHOD} /webhook/{path}; su cuerpo, consulta, cabeceras, método y ruta son la entrada.",
  "fields": {
    "path": {
      "title": "Ruta"
    },
    "method": {
      "title": "Método",
      "enum": {
        "GET": "GET",
        "POST": "POST",
        "PUT": "PUT",
        "PATCH": "PATCH",
        "DELETE": "DELETE"
      }
    },
    "respond": {
      "title": "Responder",
      "enum": {
        "immediately": "En seguida",
        "when_finished": "Al terminar"
      }
    },
    "timeout_ms": {
      "title": "Tiempo límite (ms)",
      "description": "Con `when_finished`: responder 202 con el id. de la ejecución tras este tiempo"
    },
    "auth": {
      "title": "Autenticación"
    },
    "auth#1": {
      "title": "Ninguna"
    },
    "auth#2": {
      "title": "Cabecera con un secreto"
    },
    "auth#3": {
      "title": "Firma HMAC-SHA256"
    },
    "auth.secret": {
      "title": "Secreto"
    },
    "auth.header": {
      "title": "Cabecera",
      "description": "Cabecera cuyo valor debe ser igual al secreto (o, con HMAC, que lleva `sha256=<hex>` de HMAC-SHA256(secreto, \"<timestamp>.<cuerpo>\"))"
    },
    "auth.timestamp_header": {
      "title": "Cabecera de la marca de tiempo",
      "description": "Cabecera con la hora Unix en segundos en que firmó el remitente"
    },
    "auth.tolerance_seconds": {
      "title": "Tolerancia (s)",
      "description": "Cuánto puede alejarse la marca de tiempo de ahora; una firma se acepta una sola vez dentro de ese margen"
    }
  }
} };

export const scheduleEs: I18nTexts = { es: {
  "name": "Programación",
  "description": "Ejecuta el flujo de trabajo según una expresión cron, un intervalo, o a diario, cada semana o cada mes a una hora del día, en una zona horaria; cada ejecución prevista empieza exactamente una vez.",
  "fields": {
    "#1": {
      "title": "Expresión cron"
    },
    "#2": {
      "title": "Intervalo"
    },
    "#3": {
      "title": "A diario"
    },
    "#4": {
      "title": "Cada semana"
    },
    "#5": {
      "title": "Cada mes"
    },
    "missed_runs": {
      "title": "Ejecuciones perdidas",
      "description": "Ocurrencias perdidas mientras no había ningún servidor: omitirlas (`skip`), ejecutar la última una vez (`once`) o ejecutarlas todas (`all`, hasta `missed_runs_cap`, las más recientes)",
      "enum": {
        "skip": "Omitir",
        "once": "Una vez",
        "all": "Todas"
      }
    },
    "missed_runs_cap": {
      "title": "Máximo de perdidas",
      "description": "Cuántas ocurrencias perdidas ejecuta `all` como mucho"
    },
    "overlap": {
      "title": "Solapamiento",
      "description": "Si la ejecución anterior sigue en marcha: empezar igualmente (`allow`), omitir esta ocurrencia (`skip`) o ponerla en cola hasta que termine la anterior (`queue`)",
      "enum": {
        "allow": "Permitir",
        "skip": "Omitir",
        "queue": "Poner en cola"
      }
    },
    "jitter_seconds": {
      "title": "Variación (s)",
      "description": "Empezar cada ocurrencia hasta estos segundos más tarde (un desfase aleatorio fijo por ocurrencia) para repartir la carga"
    },
    "timezone": {
      "title": "Zona horaria",
      "description": "Zona horaria IANA en la que se leen las horas"
    },
    "payload": {
      "title": "Datos de entrada",
      "description": "La entrada de la ejecución"
    },
    "cron_expression": {
      "title": "Expresión cron",
      "description": "Expresión cron: 5 campos, o 6 con los segundos primero"
    },
    "interval_seconds": {
      "title": "Intervalo (s)",
      "description": "Segundos entre ejecuciones"
    },
    "start_at": {
      "title": "Empezar el",
      "description": "Primera ejecución (por defecto: un intervalo después de crearla); las siguientes van cada `interval_seconds`"
    },
    "time": {
      "title": "Hora",
      "description": "Hora del día, HH:MM o HH:MM:SS, en `timezone`"
    },
    "days_of_week": {
      "title": "Días de la semana",
      "description": "Días en que se ejecuta",
      "enum": {
        "sun": "domingo",
        "mon": "lunes",
        "tue": "martes",
        "wed": "miércoles",
        "thu": "jueves",
        "fri": "viernes",
        "sat": "sábado"
      }
    },
    "day_of_month": {
      "title": "Día del mes",
      "description": "Día del mes, o \"last\" (el último); un mes sin ese día (p. ej. 31) se omite"
    }
  }
} };
