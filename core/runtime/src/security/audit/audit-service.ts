import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { SqlClient } from '../../storage/sql-client.js';
import { createAuditLog, type AuditLog } from './audit-log.js';
import { auditStats, listAuditRecords, type AuditFilter, type AuditPage, type AuditStats } from './audit-queries.js';
import { exportAuditLog, type AuditExportFormat } from './export-audit-log.js';
import { verifyAuditChain, type ChainReport } from './verify-audit-chain.js';

/** `settings` key under which the last verification report is kept (by the server and by `dwc audit verify`). */
export const LAST_VERIFICATION_SETTING = 'audit.last_verification';

/** The audit log and what reads it: the runtime's one object for the audit routes and commands. */
export interface AuditService extends AuditLog {
  list(filter: AuditFilter, page: { limit: number; cursor?: number; offset?: number }): Promise<AuditPage>;
  /** Checks the whole chain and stores the report as the last verification. */
  verify(): Promise<ChainReport>;
  lastVerification(): Promise<ChainReport | undefined>;
  stats(window: { from: Date; to: Date }): Promise<AuditStats>;
  export(filter: AuditFilter, format: AuditExportFormat): Readable;
}

export function createAuditService(options: { sql: SqlClient; logger: Logger; now?: () => Date }): AuditService {
  const { sql } = options;
  const log = createAuditLog(options);
  return {
    ...log,
    list: (filter, page) => listAuditRecords(sql, filter, page),
    async verify() {
      const report = await verifyAuditChain(sql);
      await sql.run(
        'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
        [LAST_VERIFICATION_SETTING, JSON.stringify(report), new Date()],
      );
      return report;
    },
    async lastVerification() {
      const row = await sql.get<{ value: unknown }>('SELECT value FROM settings WHERE key = ?', [LAST_VERIFICATION_SETTING]);
      return row === undefined ? undefined : (sql.fromJson<ChainReport>(row.value) ?? undefined);
    },
    stats: (window) => auditStats(sql, window),
    export: (filter, format) => exportAuditLog(sql, filter, format),
  };
}
