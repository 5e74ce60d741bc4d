import { aiRoutes } from './ai-routes.js';
import type { Route } from './define-route.js';
import { engineRoutes } from './engine-routes.js';
import { cacheRoutes } from './routes/cache/cache-routes.js';
import { analyticsRoutes } from './routes/metrics/analytics-routes.js';
import { metricRoutes } from './routes/metrics/metric-routes.js';
import { prometheusScrapeRoute } from './routes/metrics/prometheus-scrape.js';
import { authRoutes } from './routes/auth-routes.js';
import { configurePluginRoute, getPluginConfigRoute } from './routes/configure-plugin.js';
import { disablePluginRoute } from './routes/disable-plugin.js';
import { enablePluginRoute } from './routes/enable-plugin.js';
import { getPluginRoute } from './routes/get-plugin.js';
import { listPluginsRoute } from './routes/list-plugins.js';
import { livenessRoute } from './routes/liveness.js';
import { openApiRoute } from './routes/openapi-json.js';
import { readinessRoute } from './routes/readiness.js';
import { notificationRoutes } from './routes/notifications/notification-routes.js';
import { redocRoute } from './routes/redoc.js';
import { auditAndSecretRoutes } from './routes/security/security-routes.js';
import { swaggerUiRoute } from './routes/swagger-ui.js';
import { websocketStatsRoute } from './routes/websocket-stats.js';
import { websocketUpgradeRoute } from './routes/websocket-upgrade.js';

/** Every route the product serves, in mounting order. */
export const defaultRoutes: readonly Route[] = [
  livenessRoute,
  readinessRoute,
  ...authRoutes,
  listPluginsRoute,
  getPluginRoute,
  enablePluginRoute,
  disablePluginRoute,
  configurePluginRoute,
  getPluginConfigRoute,
  ...aiRoutes,
  ...engineRoutes,
  ...cacheRoutes,
  ...metricRoutes,
  ...analyticsRoutes,
  prometheusScrapeRoute,
  ...notificationRoutes,
  ...auditAndSecretRoutes,
  websocketUpgradeRoute,
  websocketStatsRoute,
  openApiRoute,
  swaggerUiRoute,
  redocRoute,
];
