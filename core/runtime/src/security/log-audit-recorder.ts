import type { Logger } from 'pino';
import type { AuditRecorder } from './audit-recorder.js';

/**
 * An AuditRecorder that writes each entry as one structured log line (`audit: true`). A stand-in
 * until the hash-chained audit log is wired in; it keeps nothing itself.
 */
export function createLogAuditRecorder(logger: Logger): AuditRecorder {
  const log = logger.child({ component: 'audit' });
  return {
    async record(entry) {
      log.info({ audit: true, ...entry }, `audit ${entry.action} ${entry.outcome}`);
    },
  };
}
