import { principalAllows } from '@dwc/runtime';
import type { Connection } from './connection.js';

/** The bus event the brute-force detector raises; sent to every connection this filter admits, whatever rooms it joined. */
export const SECURITY_ALERT_EVENT = 'security.alert';

/** Whether `connection` is sent `security.alert` events: only to those allowed to read the security log (admins and owners). */
export function receivesSecurityAlerts(connection: Connection): boolean {
  return principalAllows(connection.principal, 'security:admin');
}
