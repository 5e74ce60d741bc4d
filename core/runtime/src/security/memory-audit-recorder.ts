import type { AuditEntry, AuditRecorder } from './audit-recorder.js';

/** An AuditRecorder keeping entries in an array: for tests and benchmarks that assert what was recorded. */
export function createMemoryAuditRecorder(): AuditRecorder & { entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  return {
    entries,
    async record(entry) {
      entries.push(entry);
    },
  };
}
