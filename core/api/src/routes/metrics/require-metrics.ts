import { UnavailableError } from '@dwc/sdk';
import type { ApiDeps } from '../../api-deps.js';

/** The metrics runtime, or 503 `metrics_disabled` when this server has none or turned it off. */
export function requireMetrics(deps: ApiDeps): NonNullable<ApiDeps['metrics']> {
  if (deps.metrics === undefined || !deps.metrics.enabled) {
    throw new UnavailableError('Metrics are turned off on this server (DWC_METRICS_ENABLED=false); turn them on to record and query them.', { code: 'metrics_disabled' });
  }
  return deps.metrics;
}
