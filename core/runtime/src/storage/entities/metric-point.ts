import { EntitySchema } from '../typeorm.js';

/**
 * One row of `metric_points`: what one process recorded for one series of one metric in one
 * bucket of a rollup (`resolution` 60, 3600 or 86400 seconds). Counters hold their increase in
 * `sum`; gauges the sum, count, min, max and last of their readings; histograms their bucket counts
 * (not cumulative), so buckets of any rollup add up and quantiles stay right across boundaries.
 */
export interface MetricPointRow {
  name: string;
  labels: string;
  process: string;
  resolution: number;
  bucketStart: number;
  type: string;
  count: number;
  sum: number;
  min: number | null;
  max: number | null;
  last: number | null;
  bounds: number[] | null;
  buckets: number[] | null;
}

export const metricPointEntity = new EntitySchema<MetricPointRow>({
  name: 'metricPoint',
  tableName: 'metric_points',
  columns: {
    name: { name: 'name', type: 'varchar', length: 200, primary: true },
    resolution: { name: 'resolution', type: 'integer', primary: true },
    bucketStart: { name: 'bucket_start', type: 'bigint', primary: true },
    process: { name: 'process', type: 'varchar', length: 100, primary: true },
    labels: { name: 'labels', type: 'varchar', length: 1000, primary: true },
    type: { name: 'type', type: 'varchar', length: 10 },
    count: { name: 'count', type: 'double precision' },
    sum: { name: 'sum', type: 'double precision' },
    min: { name: 'min', type: 'double precision', nullable: true },
    max: { name: 'max', type: 'double precision', nullable: true },
    last: { name: 'last', type: 'double precision', nullable: true },
    bounds: { name: 'bounds', type: 'jsonb', nullable: true },
    buckets: { name: 'buckets', type: 'jsonb', nullable: true },
  },
  indices: [{ name: 'idx_metric_points_retention', columns: ['resolution', 'bucketStart'] }],
});
