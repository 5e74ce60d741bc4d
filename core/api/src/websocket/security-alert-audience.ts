import type { Connection } from './connection.js';

/** The bus event the brute-force detector raises; sent to every connection this filter admits, whatever rooms it joined. */
export const SECURITY_ALERT_EVENT = 'security.alert';

/**
 * Whether `connection` is sent `security.alert` events. For now every authenticated connection;
 * once principals carry roles, this is the one place to restrict alerts to admins and owners.
 */
export function receivesSecurityAlerts(connection: Connection): boolean {
  return connection.userId !== '';
}
