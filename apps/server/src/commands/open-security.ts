import { userInfo } from 'node:os';
import { createAuditService, createLogger, createSecretVault, openDatabase, resolveKeyring, sqlClientOf, type AuditService, type DwcConfig, type SqlClient } from '@dwc/runtime';
import { loadServerConfig } from '../load-server-config.js';

export interface SecurityTools {
  config: DwcConfig;
  sql: SqlClient;
  audit: AuditService;
  /** The vault's keyring and key source, resolved (and the key file created) on first call. */
  masterKeys(): ReturnType<typeof resolveKeyring>;
  vault(): ReturnType<typeof createSecretVault>;
  /** Who a command acts as in the audit log: `cli:<OS user>`. */
  actor: string;
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return String(process.getuid?.() ?? 'unknown');
  }
}

/**
 * Opens the database (applying pending migrations, as `dwc serve` does), the audit log and, on
 * demand, the vault, for the audit and secrets commands; closes them after `work`, the queued audit
 * records flushed first.
 */
export async function withSecurityTools<T>(work: (tools: SecurityTools) => Promise<T>): Promise<T> {
  const config = loadServerConfig();
  const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger });
  let audit: AuditService | undefined;
  try {
    await database.migrate();
    const sql = sqlClientOf(database);
    audit = createAuditService({ sql, logger });
    let keys: ReturnType<typeof resolveKeyring> | undefined;
    const masterKeys = () => (keys ??= resolveKeyring(config));
    let vault: ReturnType<typeof createSecretVault> | undefined;
    const auditLog = audit;
    return await work({
      config,
      sql,
      audit,
      masterKeys,
      vault: () => (vault ??= createSecretVault({ sql, keyring: () => masterKeys().keyring, audit: auditLog })),
      actor: `cli:${osUser()}`,
    });
  } finally {
    await audit?.close();
    await database.close();
  }
}
