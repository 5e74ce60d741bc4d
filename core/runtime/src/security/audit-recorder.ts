/**
 * One security-relevant fact for the tamper-evident audit log: a mutating request, a login, a
 * refused token, an API key created, a role changed, a secret read by a plugin.
 */
export interface AuditEntry {
  /** Dotted verb: `auth.login`, `auth.login_failed`, `auth.refresh_reuse`, `api_key.create`, `user.role_change`, `secret.read`, `http.request`. */
  action: string;
  outcome: 'success' | 'failure';
  /** Who did it: `user:<id>`, `api_key:<id>`, `plugin:<name>`, `system`; null when unknown (a failed login). */
  actor: string | null;
  /** A readable name for the actor (e-mail, key name), when known. */
  actorLabel?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  /** What it was done to: `user:<id>`, `workflow:<id>`, `secret:<name>`, `POST /api/v3/workflows`. */
  target?: string | null;
  /** Summaries of the target before and after; never secrets, passwords or tokens. */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Anything else worth keeping (reason, status code, request id). */
  detail?: Record<string, unknown> | null;
}

/** Appends audit entries; awaited by the caller so that a recorded security event is on disk before the response. */
export interface AuditRecorder {
  record(entry: AuditEntry): Promise<void>;
}
