import type { Route } from '../../define-route.js';
import { exportAuditLogRoute, listAuditLogsRoute, listSecurityEventsRoute, securityStatsRoute, verifyAuditRoute } from './audit-routes.js';
import { deleteSecretRoute, listSecretsRoute, putSecretRoute } from './secret-routes.js';

/** The audit log, security statistics and events, and the secrets vault. */
export const auditAndSecretRoutes: readonly Route[] = [
  verifyAuditRoute,
  listAuditLogsRoute,
  exportAuditLogRoute,
  securityStatsRoute,
  listSecurityEventsRoute,
  listSecretsRoute,
  putSecretRoute,
  deleteSecretRoute,
];
