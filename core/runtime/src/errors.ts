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
  },

  // Workflows and their definitions
  workflow_not_found: { status: 404, message: 'No workflow with id "{id}"; GET /api/v3/workflows lists them.' },
  invalid_workflow: { status: 400, message: 'The workflow definition is invalid; `details` maps each field path to what is wrong.' },
  workflow_cycle: { status: 400, message: 'The steps depend on each other in a cycle; remove one of the `depends_on` links it names.' },
  unknown_step: { status: 400, message: 'The workflow has no step "{step}"; use the id of one of its steps.' },
  invalid_expression: { status: 400, message: 'A JSONata expression failed to compile or evaluate; fix it at the position the message names.' },
  invalid_template: { status: 400, message: 'A step\'s input, `when` or `for_each` could not be resolved; the message names the step and field to fix.' },

  // Triggers
  trigger_not_found: { status: 400, message: 'No trigger of that type is registered; GET /api/v3/triggers lists them, or enable the plugin that provides it.' },
  invalid_trigger: { status: 400, message: 'The workflow\'s trigger settings do not match its type\'s schema; `details` maps each field to what is wrong.' },
  webhook_path_in_use: { status: 409, message: 'Another active workflow already listens on this webhook method and path; pick another path or deactivate that workflow.' },
  trigger_unavailable: { status: 409, message: 'The trigger\'s plugin is disabled or did not load, so it cannot be turned on; enable the plugin first.' },

  // Executions and steps (stored on the execution; the status applies when one reaches HTTP)
  execution_not_found: { status: 404, message: 'No execution with id "{id}"; GET /api/v3/workflows/executions lists them.' },
  execution_finished: { status: 409, message: 'The execution already ended; there is nothing to cancel.' },
  execution_not_retryable: { status: 409, message: 'Only a failed or cancelled execution can be retried; use rerun to run a succeeded one again.' },
  execution_running: { status: 409, message: 'The execution is still running; re-run it once it has ended, or cancel it first.' },
  execution_failed: { status: 422, message: 'The execution could not finish; its steps say which one failed and why.' },
  workflow_version_missing: { status: 409, message: 'The workflow version this execution pinned no longer exists; run the workflow again.' },
  step_not_found: { status: 404, message: 'There is no step "{step}" there; list the steps to find its id.' },
  step_failed: { status: 422, message: 'A step failed; the message names the step and what its action reported.' },
  step_timeout: { status: 504, message: 'A step did not finish within its `timeout_ms`; raise the limit or make the step faster.' },
  action_not_found: { status: 400, message: 'No action of that type is registered; install and enable the plugin that provides it, or fix the step type.' },
  invalid_step_input: { status: 400, message: 'A step\'s input does not match its action\'s schema; `details` names each field.' },
  invalid_step_output: { status: 502, message: 'An action returned output that does not match its own schema; report it to the plugin\'s author.' },
  fan_out_failed: { status: 422, message: 'Items of a `for_each` step failed; `details` lists them. Set `continue_on_error` to keep the others.' },
  child_execution_failed: { status: 422, message: 'The workflow a `workflow.call` step ran did not succeed; open the child execution named in `details`.' },
  wait_in_called_workflow: { status: 409, message: 'A wait.until, wait.event or approval step cannot wait inside a workflow run by workflow.call; move the wait into the calling workflow.' },
  wait_timed_out: { status: 504, message: 'A waiting step reached its `timeout_ms` with `on_timeout: "fail"`; set `on_timeout: "continue"` to route on `timed_out` with `when` instead.' },
  approval_rejected: { status: 422, message: 'An approver rejected the step (`on_reject: "fail"`); its output says who and why. Set `on_reject: "continue"` to route on `decision` with `when`.' },
  approval_not_found: { status: 404, message: 'That execution has no approval step of that id that has started; GET the execution to see its steps.' },
  approval_forbidden: { status: 403, message: 'Only the roles or user ids in the step\'s `approvers` may decide this approval; ask one of them.' },
  approval_not_pending: { status: 409, message: 'The approval was already decided, timed out, or its execution ended; GET the step to see its outcome.' },
  automation_not_found: { status: 404, message: 'No automation with id "{id}"; GET /api/v3/automations lists them.' },
  automation_disabled: { status: 409, message: 'The automation is disabled; PUT it with `"enabled": true` to run it.' },
  automation_run_not_found: { status: 404, message: 'That automation has no run of that id; GET /api/v3/automations/{id}/runs lists them.' },
  invalid_automation: { status: 400, message: 'The automation is invalid; `details` names each field to fix.' },
  cancelled: { status: 409, message: 'The work was cancelled before it finished; start it again if it is still needed.' },

  // Background tasks
  unknown_task_type: { status: 400, message: 'Unknown task_type; use `data_processing` or the type of a registered action.' },
  invalid_task_payload: { status: 400, message: 'The payload is not valid input for this task type; `details` names each field.' },
  task_not_found: { status: 404, message: 'No background task with id "{id}".' },
  task_failed: { status: 422, message: 'The background task failed; its error message says why. Fix the payload or what it calls and submit it again.' },

  // Scheduler
  schedule_not_found: { status: 404, message: 'No schedule with id "{id}"; GET /api/v3/scheduler/schedules lists them.' },
  invalid_schedule: { status: 400, message: 'The schedule is invalid (a bad cron expression, time zone, time or policy); `details` names each field.' },
  // Metrics and analytics
  invalid_metric_name: { status: 400, message: 'The metric name has no letters or digits left once made a Prometheus name; use letters, digits, `.` or `_`.' },
  invalid_metric_labels: { status: 400, message: 'A label name is not allowed or there are too many; `details` names each one. Use [a-zA-Z_][a-zA-Z0-9_]* names, at most 8 labels.' },
  invalid_metric_value: { status: 400, message: 'A counter only goes up; send a value of 0 or more, or use a gauge.' },
  metric_conflict: { status: 409, message: 'Metric {name} already exists as a {type} with labels ({labels}); send the same type and labels, or pick another name.' },
  too_many_metrics: { status: 409, message: 'This server already holds {max} custom metrics; reuse one (with labels) instead of a new name per value.' },
  invalid_time_range: { status: 400, message: '`from` must be before `to`; give ISO date-times.' },
  metrics_disabled: { status: 503, message: 'Metrics are turned off on this server (DWC_METRICS_ENABLED=false); turn them on to record and query them.' },

  // Documents, AI, cache
  document_not_found: { status: 404, message: 'No document with id "{id}".' },
  template_not_found: { status: 404, message: 'No AI workflow template "{name}"; GET /api/v3/ai-workflows/templates lists them.' },
  ai_unavailable: { status: 502, message: 'No AI provider answered; `details.attempts` says why each failed. Fix the first, or add providers to DWC_AI_FALLBACK.' },
  cache_unavailable: { status: 503, message: 'The Redis cache (REDIS_URL) cannot be reached; check that Redis runs, or unset DWC_CACHE_BACKEND to use the memory cache.' },

  // Plugins
  plugin_not_found: { status: 404, message: 'No plugin named "{name}" is installed; GET /api/v3/plugins lists them, `npm install` adds one.' },
  plugin_not_loadable: { status: 400, message: 'The plugin did not load, so it cannot be enabled, disabled or configured; fix the load error GET /api/v3/plugins shows.' },
  plugin_manifest_invalid: { status: 422, message: 'The plugin\'s package.json is not a valid plugin manifest; its "dwc" field must list its kinds and SDK range.' },
  plugin_sdk_mismatch: { status: 422, message: 'The plugin was built for another SDK version; install a version of it made for this one.' },
  plugin_api_version_mismatch: { status: 422, message: 'The plugin targets another SDK major version; install a version of it made for this one.' },
  plugin_import_failed: { status: 422, message: 'Importing the plugin\'s code failed; reinstall it (npm install) or remove it from DWC_PLUGINS.' },
  plugin_export_invalid: { status: 422, message: 'The plugin must default-export definePlugin({...}) from @dwc/sdk, named as its package.' },
  plugin_config_invalid: { status: 400, message: 'The plugin\'s stored config is invalid; fix it with PUT /api/v3/plugins/{name}/config.' },
  plugin_setup_failed: { status: 422, message: 'The plugin\'s setup failed; the message gives its reason (often a setting). Fix it and enable the plugin again.' },
  plugin_setup_timeout: { status: 504, message: 'The plugin\'s setup did not finish in time; setup must only register capabilities.' },
  capability_conflict: { status: 409, message: 'Two plugins register the same capability type; disable one of the plugins named in `details`.' },

  // Accounts, sign-in, MFA, API keys
  invalid_credentials: { status: 401, message: 'The user name or password is wrong.' },
  invalid_setup_token: { status: 401, message: 'The setup token is wrong or was already used; use the one in the server log of the latest start.' },
  invalid_refresh_token: { status: 401, message: 'The refresh token is invalid, expired or revoked; sign in again.' },
  refresh_token_reused: { status: 401, message: 'This refresh token was already used, so the session was ended for safety; sign in again.' },
  mfa_required: { status: 401, message: 'This account uses two-factor authentication: send the current 6-digit code as "totp".' },
  invalid_mfa_code: { status: 401, message: 'The two-factor code is wrong or expired; send the current code from your app or an unused recovery code.' },
  account_locked: { status: 429, message: 'Too many failed sign-ins for this account; wait the seconds in `Retry-After` and try again.' },
  too_many_attempts: { status: 429, message: 'Too many attempts; wait the seconds in `Retry-After` and try again.' },
  registration_disabled: { status: 403, message: 'Registration is turned off on this server; ask an admin to create your account.' },
  not_a_user: { status: 403, message: 'This needs a signed-in user, not a service token; sign in as a user.' },
  owner_only: { status: 403, message: 'Only an owner can do this; ask an owner.' },
  scope_exceeds_role: { status: 403, message: 'An API key cannot hold scopes its creator\'s role does not grant; drop the scopes `details` lists.' },
  last_owner: { status: 409, message: 'This is the last owner; make another user owner first.' },
  already_set_up: { status: 409, message: 'An owner already exists; sign in instead.' },
  not_local_operator: { status: 403, message: 'The owner of this data folder is not the desktop app\'s local operator (or is disabled); sign in with that owner\'s account instead.' },
  email_taken: { status: 409, message: 'A user with this e-mail already exists; sign in, or use another address.' },
  weak_password: { status: 400, message: 'The password is too weak; `details.password` says how to make it stronger.' },
  no_session: { status: 400, message: 'This credential has no session to end; revoke an API key instead, or send {"all": true}.' },
  mfa_already_enabled: { status: 409, message: 'Two-factor authentication is already on; disable it first to enroll a new device.' },
  mfa_not_enabled: { status: 409, message: 'Two-factor authentication is not on.' },
  mfa_not_enrolled: { status: 400, message: 'Start with POST /api/v3/auth/mfa/enroll, then send a code from your app.' },

  // Secrets vault
  invalid_secret_name: { status: 400, message: 'Secret names start with a letter or "_", then letters, digits, "_", "." or "-".' },
  secret_too_large: { status: 400, message: 'The secret value is larger than the vault allows; store a reference to it instead.' },
  secret_integrity_failed: { status: 409, message: 'A stored secret failed its integrity check (altered, or sealed under another name); set it again.' },
  master_key_missing: {
    status: 503,
    message: 'A secret is encrypted with a master key this server does not hold; set it in DWC_MASTER_KEY_PREVIOUS or restore its key file, then restart.',
    type: ConfigError,
  },
  master_key_file_mode: { status: 503, message: 'The master key file is readable by other users; `chmod 600` it and start again.', type: ConfigError },
  master_key_file_invalid: { status: 503, message: 'The master key file does not hold a 32-byte key (hex or base64); restore it from your backup.', type: ConfigError },

  // AI providers: which one answers
  ai_no_provider: { status: 503, message: 'No AI provider is set up for this; the message lists each provider and what to set for it.' },
  ai_provider_not_installed: { status: 404, message: 'No installed plugin provides that AI provider; install its plugin or name one of the providers the message lists.' },
  ai_provider_disabled: { status: 503, message: 'The plugin of that AI provider is disabled; enable it with the route the message names.' },
  ai_provider_failed: { status: 503, message: 'The plugin of that AI provider failed to load; fix the reason the message gives (GET /api/v3/plugins shows it too).' },

  // workflow.call limits
  workflow_call_cycle: { status: 422, message: 'Workflows call each other in a cycle ({chain}); remove one of the `workflow.call` steps of that chain.' },
  call_depth_exceeded: { status: 422, message: '`workflow.call` nested deeper than {limit} runs; flatten the chain or raise DWC_MAX_CALL_DEPTH.' },
  descendant_limit_exceeded: { status: 422, message: 'One run started more than {limit} executions through `workflow.call`; split the work or raise DWC_MAX_DESCENDANTS.' },

  // Expressions
  expression_timeout: { status: 400, message: 'An expression ran longer than its time limit; simplify it or raise DWC_EXPRESSION_TIMEOUT_MS.' },
  expression_memory_limit: { status: 400, message: 'An expression needed more memory than its limit; work on less data at once or raise DWC_EXPRESSION_MEMORY_MB.' },
  expression_too_large: { status: 400, message: 'An expression builds a range larger than JSONata allows (10,000,000 items); work on less data at once.' },
  expression_evaluator_unavailable: { status: 503, message: 'The process that runs heavy expressions could not start; check the server log, then retry.' },

  // Notifications
  channel_error: { status: 502, message: 'The notification channel failed unexpectedly; the attempt history has its message. Report it to the channel plugin\'s author.' },
  push_not_available: { status: 503, message: 'Web Push is not available on this server: enable the @dwc/plugin-notify-push plugin (it makes or reads the VAPID keys).', type: ConfigError },
  channel_not_installed: { status: 400, message: 'No enabled plugin provides that notification channel; GET /api/v3/notifications/channels lists the ones there are.' },
  idempotency_key_reused: { status: 409, message: 'That idempotency key was already used for a different message; use a new key for a new message.' },
  invalid_recipient: { status: 400, message: 'The recipient is not valid for that channel; the message says what the channel expects (an e-mail, a URL, a user id, an E.164 number).' },
  notification_not_found: { status: 404, message: 'No notification with that id; GET /api/v3/notifications lists them.' },
  inbox_message_not_found: { status: 404, message: 'No message with that id in your inbox; GET /api/v3/notifications/inbox lists them.' },
  inbox_recipient_unknown: { status: 400, message: 'No user has that id or e-mail, so the in-app message has no inbox to go to; name an existing user.' },
  push_recipient_unknown: { status: 400, message: 'No user has that id or e-mail, so there are no push subscriptions to send to; name an existing user.' },
  push_subscription_not_found: { status: 404, message: 'No push subscription with that id for you; GET /api/v3/notifications/push/subscriptions lists yours.' },
  template_exists: { status: 409, message: 'A notification template with that name and channel exists; update it instead (a new version is kept).' },
  template_syntax_error: { status: 400, message: 'The template is not valid Liquid; fix it at the line and column the message names.' },
  template_variable_missing: { status: 400, message: 'The template uses a variable the data does not have; add it to `data` or remove it from the template.' },
  template_render_failed: { status: 400, message: 'The template could not be rendered with this data; the message says where.' },
});

export type RuntimeErrorCode = keyof typeof runtimeErrors.codes;
