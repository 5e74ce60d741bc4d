import { ConfigError, defineErrorCatalogue } from '@dwc/sdk';

/**
 * Every error code @dwc/runtime raises, with the HTTP status the API answers and what to do.
 * Add a code here before throwing it (tests/error-catalogue.test.ts fails otherwise); throw it
 * with `runtimeErrors.error(code, values)` or with an SDK class and `{ code }`.
 */
export const runtimeErrors = defineErrorCatalogue('@dwc/runtime', {
  // Storage
  storage_full: {
    status: 507,
    message: 'The data folder {folder} is full, so nothing was saved. Free space on its disk ({how}); the server recovers by itself once there is room.',
    es: 'La carpeta de datos {folder} está llena, así que no se guardó nada. Libera espacio en su disco ({how}); el servidor se recupera solo en cuanto hay sitio.',
  },

  // Workflows and their definitions
  workflow_not_found: { status: 404, message: 'No workflow with id "{id}"; GET /api/v3/workflows lists them.', es: 'No hay ningún flujo de trabajo con id "{id}"; GET /api/v3/workflows los lista.' },
  invalid_workflow: { status: 400, message: 'The workflow definition is invalid; `details` maps each field path to what is wrong.', es: 'La definición del flujo de trabajo no es válida; `details` asocia cada ruta de campo con lo que está mal.' },
  workflow_cycle: { status: 400, message: 'The steps depend on each other in a cycle; remove one of the `depends_on` links it names.', es: 'Los pasos dependen unos de otros en un ciclo; quita uno de los enlaces `depends_on` que se nombran.' },
  unknown_step: { status: 400, message: 'The workflow has no step "{step}"; use the id of one of its steps.', es: 'El flujo de trabajo no tiene ningún paso "{step}"; usa el id de uno de sus pasos.' },
  invalid_expression: { status: 400, message: 'A JSONata expression failed to compile or evaluate; fix it at the position the message names.', es: 'Una expresión JSONata no se pudo compilar o evaluar; corrígela en la posición que indica el mensaje.' },
  invalid_template: { status: 400, message: 'A step\'s input, `when` or `for_each` could not be resolved; the message names the step and field to fix.', es: 'No se pudo resolver la entrada, `when` o `for_each` de un paso; el mensaje nombra el paso y el campo que hay que corregir.' },

  // Triggers
  trigger_not_found: { status: 400, message: 'No trigger of that type is registered; GET /api/v3/triggers lists them, or enable the plugin that provides it.', es: 'No hay ningún disparador registrado de ese tipo; GET /api/v3/triggers los lista, o activa el plugin que lo ofrece.' },
  invalid_trigger: { status: 400, message: 'The workflow\'s trigger settings do not match its type\'s schema; `details` maps each field to what is wrong.', es: 'Los ajustes del disparador no encajan con el esquema de su tipo; `details` asocia cada campo con lo que está mal.' },
  webhook_path_in_use: { status: 409, message: 'Another active workflow already listens on this webhook method and path; pick another path or deactivate that workflow.', es: 'Otro flujo de trabajo activo ya escucha en este método y ruta de webhook; elige otra ruta o desactiva ese flujo.' },
  trigger_unavailable: { status: 409, message: 'The trigger\'s plugin is disabled or did not load, so it cannot be turned on; enable the plugin first.', es: 'El plugin del disparador está desactivado o no se cargó, así que no se puede activar; activa antes el plugin.' },

  // Executions and steps (stored on the execution; the status applies when one reaches HTTP)
  execution_not_found: { status: 404, message: 'No execution with id "{id}"; GET /api/v3/workflows/executions lists them.', es: 'No hay ninguna ejecución con id "{id}"; GET /api/v3/workflows/executions las lista.' },
  execution_finished: { status: 409, message: 'The execution already ended; there is nothing to cancel.', es: 'La ejecución ya terminó; no hay nada que cancelar.' },
  execution_not_retryable: { status: 409, message: 'Only a failed or cancelled execution can be retried; use rerun to run a succeeded one again.', es: 'Solo se puede reintentar una ejecución fallida o cancelada; usa volver a ejecutar para repetir una que terminó bien.' },
  execution_running: { status: 409, message: 'The execution is still running; re-run it once it has ended, or cancel it first.', es: 'La ejecución sigue en marcha; vuelve a ejecutarla cuando termine, o cancélala antes.' },
  execution_failed: { status: 422, message: 'The execution could not finish; its steps say which one failed and why.', es: 'La ejecución no pudo terminar; sus pasos dicen cuál falló y por qué.' },
  workflow_version_missing: { status: 409, message: 'The workflow version this execution pinned no longer exists; run the workflow again.', es: 'La versión del flujo de trabajo que fijó esta ejecución ya no existe; ejecuta de nuevo el flujo.' },
  step_not_found: { status: 404, message: 'There is no step "{step}" there; list the steps to find its id.', es: 'Ahí no hay ningún paso "{step}"; lista los pasos para encontrar su id.' },
  step_failed: { status: 422, message: 'A step failed; the message names the step and what its action reported.', es: 'Un paso falló; el mensaje nombra el paso y lo que informó su acción.' },
  step_timeout: { status: 504, message: 'A step did not finish within its `timeout_ms`; raise the limit or make the step faster.', es: 'Un paso no terminó dentro de su `timeout_ms`; sube el límite o haz el paso más rápido.' },
  action_not_found: { status: 400, message: 'No action of that type is registered; install and enable the plugin that provides it, or fix the step type.', es: 'No hay ninguna acción registrada de ese tipo; instala y activa el plugin que la ofrece, o corrige el tipo del paso.' },
  invalid_step_input: { status: 400, message: 'A step\'s input does not match its action\'s schema; `details` names each field.', es: 'La entrada de un paso no encaja con el esquema de su acción; `details` nombra cada campo.' },
  invalid_step_output: { status: 502, message: 'An action returned output that does not match its own schema; report it to the plugin\'s author.', es: 'Una acción devolvió una salida que no encaja con su propio esquema; comunícalo al autor del plugin.' },
  fan_out_failed: { status: 422, message: 'Items of a `for_each` step failed; `details` lists them. Set `continue_on_error` to keep the others.', es: 'Fallaron elementos de un paso `for_each`; `details` los lista. Pon `continue_on_error` para conservar los demás.' },
  child_execution_failed: { status: 422, message: 'The workflow a `workflow.call` step ran did not succeed; open the child execution named in `details`.', es: 'El flujo de trabajo que ejecutó un paso `workflow.call` no terminó bien; abre la ejecución hija que indica `details`.' },
  wait_in_called_workflow: { status: 409, message: 'A wait.until, wait.event or approval step cannot wait inside a workflow run by workflow.call; move the wait into the calling workflow.', es: 'Un paso wait.until, wait.event o de aprobación no puede esperar dentro de un flujo ejecutado por workflow.call; mueve la espera al flujo que llama.' },
  wait_timed_out: { status: 504, message: 'A waiting step reached its `timeout_ms` with `on_timeout: "fail"`; set `on_timeout: "continue"` to route on `timed_out` with `when` instead.', es: 'Un paso de espera alcanzó su `timeout_ms` con `on_timeout: "fail"`; pon `on_timeout: "continue"` para decidir con `when` sobre `timed_out`.' },
  approval_rejected: { status: 422, message: 'An approver rejected the step (`on_reject: "fail"`); its output says who and why. Set `on_reject: "continue"` to route on `decision` with `when`.', es: 'Un aprobador rechazó el paso (`on_reject: "fail"`); su salida dice quién y por qué. Pon `on_reject: "continue"` para decidir con `when` sobre `decision`.' },
  approval_not_found: { status: 404, message: 'That execution has no approval step of that id that has started; GET the execution to see its steps.', es: 'Esa ejecución no tiene ningún paso de aprobación iniciado con ese id; consulta la ejecución para ver sus pasos.' },
  approval_forbidden: { status: 403, message: 'Only the roles or user ids in the step\'s `approvers` may decide this approval; ask one of them.', es: 'Solo los roles o ids de usuario de `approvers` del paso pueden decidir esta aprobación; pídeselo a uno de ellos.' },
  approval_not_pending: { status: 409, message: 'The approval was already decided, timed out, or its execution ended; GET the step to see its outcome.', es: 'La aprobación ya se decidió, caducó o su ejecución terminó; consulta el paso para ver su resultado.' },
  automation_not_found: { status: 404, message: 'No automation with id "{id}"; GET /api/v3/automations lists them.', es: 'No hay ninguna automatización con id "{id}"; GET /api/v3/automations las lista.' },
  automation_disabled: { status: 409, message: 'The automation is disabled; PUT it with `"enabled": true` to run it.', es: 'La automatización está desactivada; guárdala con `"enabled": true` para ejecutarla.' },
  automation_run_not_found: { status: 404, message: 'That automation has no run of that id; GET /api/v3/automations/{id}/runs lists them.', es: 'Esa automatización no tiene ninguna ejecución con ese id; GET /api/v3/automations/<id>/runs las lista.' },
  invalid_automation: { status: 400, message: 'The automation is invalid; `details` names each field to fix.', es: 'La automatización no es válida; `details` nombra cada campo que hay que corregir.' },
  cancelled: { status: 409, message: 'The work was cancelled before it finished; start it again if it is still needed.', es: 'El trabajo se canceló antes de terminar; vuelve a iniciarlo si todavía hace falta.' },

  // Background tasks
  unknown_task_type: { status: 400, message: 'Unknown task_type; use `data_processing` or the type of a registered action.', es: 'task_type desconocido; usa `data_processing` o el tipo de una acción registrada.' },
  invalid_task_payload: { status: 400, message: 'The payload is not valid input for this task type; `details` names each field.', es: 'La carga no es una entrada válida para este tipo de tarea; `details` nombra cada campo.' },
  task_not_found: { status: 404, message: 'No background task with id "{id}".', es: 'No hay ninguna tarea en segundo plano con id "{id}".' },
  task_failed: { status: 422, message: 'The background task failed; its error message says why. Fix the payload or what it calls and submit it again.', es: 'La tarea en segundo plano falló; su mensaje de error dice por qué. Corrige la carga o lo que llama y envíala de nuevo.' },

  // Scheduler
  schedule_not_found: { status: 404, message: 'No schedule with id "{id}"; GET /api/v3/scheduler/schedules lists them.', es: 'No hay ninguna programación con id "{id}"; GET /api/v3/scheduler/schedules las lista.' },
  invalid_schedule: { status: 400, message: 'The schedule is invalid (a bad cron expression, time zone, time or policy); `details` names each field.', es: 'La programación no es válida (una expresión cron, zona horaria, hora o política incorrecta); `details` nombra cada campo.' },
  // Metrics and analytics
  invalid_metric_name: { status: 400, message: 'The metric name has no letters or digits left once made a Prometheus name; use letters, digits, `.` or `_`.', es: 'Al nombre de la métrica no le quedan letras ni dígitos al convertirlo en nombre de Prometheus; usa letras, dígitos, `.` o `_`.' },
  invalid_metric_labels: { status: 400, message: 'A label name is not allowed or there are too many; `details` names each one. Use [a-zA-Z_][a-zA-Z0-9_]* names, at most 8 labels.', es: 'Un nombre de etiqueta no está permitido o hay demasiadas; `details` nombra cada una. Usa nombres [a-zA-Z_][a-zA-Z0-9_]*, como mucho 8 etiquetas.' },
  invalid_metric_value: { status: 400, message: 'A counter only goes up; send a value of 0 or more, or use a gauge.', es: 'Un contador solo sube; envía un valor de 0 o más, o usa un indicador (gauge).' },
  metric_conflict: { status: 409, message: 'Metric {name} already exists as a {type} with labels ({labels}); send the same type and labels, or pick another name.', es: 'La métrica {name} ya existe como {type} con las etiquetas ({labels}); envía el mismo tipo y etiquetas, o elige otro nombre.' },
  too_many_metrics: { status: 409, message: 'This server already holds {max} custom metrics; reuse one (with labels) instead of a new name per value.', es: 'Este servidor ya tiene {max} métricas propias; reutiliza una (con etiquetas) en lugar de un nombre nuevo por valor.' },
  invalid_time_range: { status: 400, message: '`from` must be before `to`; give ISO date-times.', es: '`from` debe ser anterior a `to`; indica fechas y horas ISO.' },
  metrics_disabled: { status: 503, message: 'Metrics are turned off on this server (DWC_METRICS_ENABLED=false); turn them on to record and query them.', es: 'Las métricas están desactivadas en este servidor (DWC_METRICS_ENABLED=false); actívalas para registrarlas y consultarlas.' },

  // Documents, AI, cache
  document_not_found: { status: 404, message: 'No document with id "{id}".', es: 'No hay ningún documento con id "{id}".' },
  template_not_found: { status: 404, message: 'No AI workflow template "{name}"; GET /api/v3/ai-workflows/templates lists them.', es: 'No hay ninguna plantilla de flujo de IA "{name}"; GET /api/v3/ai-workflows/templates las lista.' },
  ai_unavailable: { status: 502, message: 'No AI provider answered; `details.attempts` says why each failed. Fix the first, or add providers to DWC_AI_FALLBACK.', es: 'Ningún proveedor de IA respondió; `details.attempts` dice por qué falló cada uno. Corrige el primero o añade proveedores a DWC_AI_FALLBACK.' },
  cache_unavailable: { status: 503, message: 'The Redis cache (REDIS_URL) cannot be reached; check that Redis runs, or unset DWC_CACHE_BACKEND to use the memory cache.', es: 'No se puede contactar con la caché Redis (REDIS_URL); comprueba que Redis está en marcha, o quita DWC_CACHE_BACKEND para usar la caché en memoria.' },

  // Plugins
  plugin_not_found: { status: 404, message: 'No plugin named "{name}" is installed; GET /api/v3/plugins lists them, `npm install` adds one.', es: 'No hay ningún plugin instalado llamado "{name}"; GET /api/v3/plugins los lista, `npm install` añade uno.' },
  plugin_not_loadable: { status: 400, message: 'The plugin did not load, so it cannot be enabled, disabled or configured; fix the load error GET /api/v3/plugins shows.', es: 'El plugin no se cargó, así que no se puede activar, desactivar ni configurar; corrige el error de carga que muestra GET /api/v3/plugins.' },
  plugin_manifest_invalid: { status: 422, message: 'The plugin\'s package.json is not a valid plugin manifest; its "dwc" field must list its kinds and SDK range.', es: 'El package.json del plugin no es un manifiesto de plugin válido; su campo "dwc" debe listar sus tipos y el rango del SDK.' },
  plugin_sdk_mismatch: { status: 422, message: 'The plugin was built for another SDK version; install a version of it made for this one.', es: 'El plugin se hizo para otra versión del SDK; instala una versión suya hecha para esta.' },
  plugin_api_version_mismatch: { status: 422, message: 'The plugin targets another SDK major version; install a version of it made for this one.', es: 'El plugin apunta a otra versión mayor del SDK; instala una versión suya hecha para esta.' },
  plugin_import_failed: { status: 422, message: 'Importing the plugin\'s code failed; reinstall it (npm install) or remove it from DWC_PLUGINS.', es: 'Falló la importación del código del plugin; reinstálalo (npm install) o quítalo de DWC_PLUGINS.' },
  plugin_export_invalid: { status: 422, message: 'The plugin must default-export definePlugin({...}) from @dwc/sdk, named as its package.', es: 'El plugin debe exportar por defecto definePlugin({...}) de @dwc/sdk, con el nombre de su paquete.' },
  plugin_config_invalid: { status: 400, message: 'The plugin\'s stored config is invalid; fix it with PUT /api/v3/plugins/{name}/config.', es: 'La configuración guardada del plugin no es válida; corrígela con PUT /api/v3/plugins/<name>/config.' },
  plugin_setup_failed: { status: 422, message: 'The plugin\'s setup failed; the message gives its reason (often a setting). Fix it and enable the plugin again.', es: 'Falló la puesta en marcha del plugin; el mensaje da el motivo (a menudo un ajuste). Corrígelo y vuelve a activar el plugin.' },
  plugin_setup_timeout: { status: 504, message: 'The plugin\'s setup did not finish in time; setup must only register capabilities.', es: 'La puesta en marcha del plugin no terminó a tiempo; solo debe registrar capacidades.' },
  capability_conflict: { status: 409, message: 'Two plugins register the same capability type; disable one of the plugins named in `details`.', es: 'Dos plugins registran la misma capacidad; desactiva uno de los plugins que nombra `details`.' },

  // Accounts, sign-in, MFA, API keys
  invalid_credentials: { status: 401, message: 'The user name or password is wrong.', es: 'El nombre de usuario o la contraseña no son correctos.' },
  invalid_setup_token: { status: 401, message: 'The setup token is wrong or was already used; use the one in the server log of the latest start.', es: 'El token de instalación no es correcto o ya se usó; usa el que aparece en el registro del servidor del último arranque.' },
  invalid_refresh_token: { status: 401, message: 'The refresh token is invalid, expired or revoked; sign in again.', es: 'El token de renovación no es válido, ha caducado o se revocó; vuelve a iniciar sesión.' },
  refresh_token_reused: { status: 401, message: 'This refresh token was already used, so the session was ended for safety; sign in again.', es: 'Este token de renovación ya se usó, así que la sesión se cerró por seguridad; vuelve a iniciar sesión.' },
  mfa_required: { status: 401, message: 'This account uses two-factor authentication: send the current 6-digit code as "totp".', es: 'Esta cuenta usa verificación en dos pasos: envía el código actual de 6 dígitos como "totp".' },
  invalid_mfa_code: { status: 401, message: 'The two-factor code is wrong or expired; send the current code from your app or an unused recovery code.', es: 'El código de verificación en dos pasos no es correcto o ha caducado; envía el código actual de tu aplicación o un código de recuperación sin usar.' },
  account_locked: { status: 429, message: 'Too many failed sign-ins for this account; wait the seconds in `Retry-After` and try again.', es: 'Demasiados inicios de sesión fallidos en esta cuenta; espera los segundos de `Retry-After` y vuelve a intentarlo.' },
  too_many_attempts: { status: 429, message: 'Too many attempts; wait the seconds in `Retry-After` and try again.', es: 'Demasiados intentos; espera los segundos de `Retry-After` y vuelve a intentarlo.' },
  registration_disabled: { status: 403, message: 'Registration is turned off on this server; ask an admin to create your account.', es: 'El registro está desactivado en este servidor; pide a un administrador que cree tu cuenta.' },
  not_a_user: { status: 403, message: 'This needs a signed-in user, not a service token; sign in as a user.', es: 'Esto necesita un usuario con sesión iniciada, no un token de servicio; inicia sesión como usuario.' },
  owner_only: { status: 403, message: 'Only an owner can do this; ask an owner.', es: 'Solo un propietario puede hacer esto; pídeselo a un propietario.' },
  scope_exceeds_role: { status: 403, message: 'An API key cannot hold scopes its creator\'s role does not grant; drop the scopes `details` lists.', es: 'Una clave de API no puede tener permisos que el rol de quien la crea no concede; quita los permisos que lista `details`.' },
  last_owner: { status: 409, message: 'This is the last owner; make another user owner first.', es: 'Es el último propietario; haz antes propietario a otro usuario.' },
  already_set_up: { status: 409, message: 'An owner already exists; sign in instead.', es: 'Ya existe un propietario; inicia sesión.' },
  not_local_operator: { status: 403, message: 'The owner of this data folder is not the desktop app\'s local operator (or is disabled); sign in with that owner\'s account instead.', es: 'El propietario de esta carpeta de datos no es el operador local de la aplicación de escritorio (o está desactivado); inicia sesión con la cuenta de ese propietario.' },
  email_taken: { status: 409, message: 'A user with this e-mail already exists; sign in, or use another address.', es: 'Ya existe un usuario con este correo; inicia sesión o usa otra dirección.' },
  weak_password: { status: 400, message: 'The password is too weak; `details.password` says how to make it stronger.', es: 'La contraseña es demasiado débil; `details.password` dice cómo hacerla más fuerte.' },
  no_session: { status: 400, message: 'This credential has no session to end; revoke an API key instead, or send {"all": true}.', es: 'Esta credencial no tiene ninguna sesión que cerrar; revoca una clave de API, o envía {"all": true}.' },
  mfa_already_enabled: { status: 409, message: 'Two-factor authentication is already on; disable it first to enroll a new device.', es: 'La verificación en dos pasos ya está activada; desactívala antes de registrar un dispositivo nuevo.' },
  mfa_not_enabled: { status: 409, message: 'Two-factor authentication is not on.', es: 'La verificación en dos pasos no está activada.' },
  mfa_not_enrolled: { status: 400, message: 'Start with POST /api/v3/auth/mfa/enroll, then send a code from your app.', es: 'Empieza con POST /api/v3/auth/mfa/enroll y después envía un código de tu aplicación.' },

  // Secrets vault
  invalid_secret_name: { status: 400, message: 'Secret names start with a letter or "_", then letters, digits, "_", "." or "-".', es: 'Los nombres de secretos empiezan por una letra o "_", seguidos de letras, dígitos, "_", "." o "-".' },
  secret_too_large: { status: 400, message: 'The secret value is larger than the vault allows; store a reference to it instead.', es: 'El valor del secreto es mayor de lo que admite la bóveda; guarda en su lugar una referencia.' },
  secret_integrity_failed: { status: 409, message: 'A stored secret failed its integrity check (altered, or sealed under another name); set it again.', es: 'Un secreto guardado no pasó su comprobación de integridad (alterado, o sellado con otro nombre); vuelve a definirlo.' },
  master_key_missing: {
    status: 503,
    message: 'A secret is encrypted with a master key this server does not hold; set it in DWC_MASTER_KEY_PREVIOUS or restore its key file, then restart.',
    es: 'Un secreto está cifrado con una clave maestra que este servidor no tiene; ponla en DWC_MASTER_KEY_PREVIOUS o restaura su archivo de clave, y reinicia.',
    type: ConfigError,
  },
  master_key_file_mode: { status: 503, message: 'The master key file is readable by other users; `chmod 600` it and start again.', es: 'Otros usuarios pueden leer el archivo de la clave maestra; haz `chmod 600` y arranca de nuevo.', type: ConfigError },
  master_key_file_invalid: { status: 503, message: 'The master key file does not hold a 32-byte key (hex or base64); restore it from your backup.', es: 'El archivo de la clave maestra no contiene una clave de 32 bytes (hex o base64); restáuralo desde tu copia de seguridad.', type: ConfigError },

  // AI providers: which one answers
  ai_no_provider: { status: 503, message: 'No AI provider is set up for this; the message lists each provider and what to set for it.', es: 'No hay ningún proveedor de IA configurado para esto; el mensaje lista cada proveedor y lo que hay que definir para él.' },
  ai_provider_not_installed: { status: 404, message: 'No installed plugin provides that AI provider; install its plugin or name one of the providers the message lists.', es: 'Ningún plugin instalado ofrece ese proveedor de IA; instala su plugin o usa uno de los proveedores que lista el mensaje.' },
  ai_provider_disabled: { status: 503, message: 'The plugin of that AI provider is disabled; enable it with the route the message names.', es: 'El plugin de ese proveedor de IA está desactivado; actívalo con la ruta que indica el mensaje.' },
  ai_provider_failed: { status: 503, message: 'The plugin of that AI provider failed to load; fix the reason the message gives (GET /api/v3/plugins shows it too).', es: 'El plugin de ese proveedor de IA no se pudo cargar; corrige el motivo que da el mensaje (GET /api/v3/plugins también lo muestra).' },

  // workflow.call limits
  workflow_call_cycle: { status: 422, message: 'Workflows call each other in a cycle ({chain}); remove one of the `workflow.call` steps of that chain.', es: 'Los flujos de trabajo se llaman entre sí en un ciclo ({chain}); quita uno de los pasos `workflow.call` de esa cadena.' },
  call_depth_exceeded: { status: 422, message: '`workflow.call` nested deeper than {limit} runs; flatten the chain or raise DWC_MAX_CALL_DEPTH.', es: '`workflow.call` se anidó más de {limit} ejecuciones; aplana la cadena o sube DWC_MAX_CALL_DEPTH.' },
  descendant_limit_exceeded: { status: 422, message: 'One run started more than {limit} executions through `workflow.call`; split the work or raise DWC_MAX_DESCENDANTS.', es: 'Una ejecución inició más de {limit} ejecuciones mediante `workflow.call`; divide el trabajo o sube DWC_MAX_DESCENDANTS.' },

  // Expressions
  expression_timeout: { status: 400, message: 'An expression ran longer than its time limit; simplify it or raise DWC_EXPRESSION_TIMEOUT_MS.', es: 'Una expresión tardó más que su límite de tiempo; simplifícala o sube DWC_EXPRESSION_TIMEOUT_MS.' },
  expression_memory_limit: { status: 400, message: 'An expression needed more memory than its limit; work on less data at once or raise DWC_EXPRESSION_MEMORY_MB.', es: 'Una expresión necesitó más memoria que su límite; trabaja con menos datos a la vez o sube DWC_EXPRESSION_MEMORY_MB.' },
  expression_too_large: { status: 400, message: 'An expression builds a range larger than JSONata allows (10,000,000 items); work on less data at once.', es: 'Una expresión construye un rango mayor de lo que permite JSONata (10.000.000 elementos); trabaja con menos datos a la vez.' },
  expression_evaluator_unavailable: { status: 503, message: 'The process that runs heavy expressions could not start; check the server log, then retry.', es: 'No se pudo iniciar el proceso que ejecuta las expresiones pesadas; revisa el registro del servidor y vuelve a intentarlo.' },

  // Notifications
  channel_error: { status: 502, message: 'The notification channel failed unexpectedly; the attempt history has its message. Report it to the channel plugin\'s author.', es: 'El canal de notificación falló de forma inesperada; el historial de intentos tiene su mensaje. Comunícalo al autor del plugin del canal.' },
  push_not_available: { status: 503, message: 'Web Push is not available on this server: enable the @dwc/plugin-notify-push plugin (it makes or reads the VAPID keys).', es: 'Web Push no está disponible en este servidor: activa el plugin @dwc/plugin-notify-push (crea o lee las claves VAPID).', type: ConfigError },
  channel_not_installed: { status: 400, message: 'No enabled plugin provides that notification channel; GET /api/v3/notifications/channels lists the ones there are.', es: 'Ningún plugin activado ofrece ese canal de notificación; GET /api/v3/notifications/channels lista los que hay.' },
  idempotency_key_reused: { status: 409, message: 'That idempotency key was already used for a different message; use a new key for a new message.', es: 'Esa clave de idempotencia ya se usó para otro mensaje; usa una clave nueva para un mensaje nuevo.' },
  invalid_recipient: { status: 400, message: 'The recipient is not valid for that channel; the message says what the channel expects (an e-mail, a URL, a user id, an E.164 number).', es: 'El destinatario no es válido para ese canal; el mensaje dice qué espera el canal (un correo, una URL, un id de usuario, un número E.164).' },
  notification_not_found: { status: 404, message: 'No notification with that id; GET /api/v3/notifications lists them.', es: 'No hay ninguna notificación con ese id; GET /api/v3/notifications las lista.' },
  inbox_message_not_found: { status: 404, message: 'No message with that id in your inbox; GET /api/v3/notifications/inbox lists them.', es: 'No hay ningún mensaje con ese id en tu bandeja de entrada; GET /api/v3/notifications/inbox los lista.' },
  inbox_recipient_unknown: { status: 400, message: 'No user has that id or e-mail, so the in-app message has no inbox to go to; name an existing user.', es: 'Ningún usuario tiene ese id o correo, así que el mensaje en la aplicación no tiene bandeja a la que ir; nombra un usuario existente.' },
  push_recipient_unknown: { status: 400, message: 'No user has that id or e-mail, so there are no push subscriptions to send to; name an existing user.', es: 'Ningún usuario tiene ese id o correo, así que no hay suscripciones push a las que enviar; nombra un usuario existente.' },
  push_subscription_not_found: { status: 404, message: 'No push subscription with that id for you; GET /api/v3/notifications/push/subscriptions lists yours.', es: 'No tienes ninguna suscripción push con ese id; GET /api/v3/notifications/push/subscriptions lista las tuyas.' },
  template_exists: { status: 409, message: 'A notification template with that name and channel exists; update it instead (a new version is kept).', es: 'Ya existe una plantilla de notificación con ese nombre y canal; actualízala (se guarda una versión nueva).' },
  template_syntax_error: { status: 400, message: 'The template is not valid Liquid; fix it at the line and column the message names.', es: 'La plantilla no es Liquid válido; corrígela en la línea y columna que indica el mensaje.' },
  template_variable_missing: { status: 400, message: 'The template uses a variable the data does not have; add it to `data` or remove it from the template.', es: 'La plantilla usa una variable que los datos no tienen; añádela a `data` o quítala de la plantilla.' },
  template_render_failed: { status: 400, message: 'The template could not be rendered with this data; the message says where.', es: 'No se pudo generar la plantilla con estos datos; el mensaje dice dónde.' },
});

export type RuntimeErrorCode = keyof typeof runtimeErrors.codes;
