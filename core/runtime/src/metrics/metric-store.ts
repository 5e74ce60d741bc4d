import type { SqlClient } from '../storage/sql-client.js';
import type { Resolution, RollupPoint } from './rollup-point.js';

/** One stored row: a series' point in one bucket of one rollup, as one process recorded it. */
export interface StoredPoint extends RollupPoint {
  name: string;
  /** Canonical JSON of the labels (keys sorted). */
  labels: string;
  process: string;
  resolution: Resolution;
  bucketStart: number;
}

const COLUMNS = 'name, resolution, bucket_start, process, labels, type, count, sum, min, max, last, bounds, buckets';
const PER_INSERT = 200;

/** The `metric_points` table: each process writes only its own rows (its `process` id), so writes never contend. */
export function createMetricStore(sql: SqlClient) {
  const toPoint = (row: Record<string, unknown>): StoredPoint => {
    const bounds = row.bounds === null ? null : sql.fromJson<number[]>(row.bounds);
    const buckets = row.buckets === null ? null : sql.fromJson<number[]>(row.buckets);
    const count = Number(row.count);
    const sum = Number(row.sum);
    return {
      name: row.name as string,
      labels: row.labels as string,
      process: row.process as string,
      resolution: sql.fromInt(row.resolution) as Resolution,
      bucketStart: sql.fromInt(row.bucket_start),
      type: row.type as StoredPoint['type'],
      count,
      sum,
      min: row.min === null ? null : Number(row.min),
      max: row.max === null ? null : Number(row.max),
      last: row.last === null ? null : Number(row.last),
      histogram: bounds && buckets ? { bounds, counts: buckets, sum, count } : null,
    };
  };

  return {
    /** Writes the points, replacing this process's earlier value of the same bucket. */
    async upsert(points: readonly StoredPoint[]): Promise<void> {
      for (let at = 0; at < points.length; at += PER_INSERT) {
        const batch = points.slice(at, at + PER_INSERT);
        const values = batch.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
        const params = batch.flatMap((p) => [
          p.name, p.resolution, p.bucketStart, p.process, p.labels, p.type, p.count, p.sum, p.min, p.max, p.last,
          p.histogram ? p.histogram.bounds : null, p.histogram ? p.histogram.counts : null,
        ]);
        await sql.run(
          `INSERT INTO metric_points (${COLUMNS}) VALUES ${values}
           ON CONFLICT (name, resolution, bucket_start, process, labels) DO UPDATE SET
             type = excluded.type, count = excluded.count, sum = excluded.sum, min = excluded.min, max = excluded.max,
             last = excluded.last, bounds = excluded.bounds, buckets = excluded.buckets`,
          params,
        );
      }
    },

    /** Every process's points of one metric in one rollup, buckets starting in [from, to). */
    async range(name: string, resolution: Resolution, from: number, to: number): Promise<StoredPoint[]> {
      const rows = await sql.all(
        `SELECT ${COLUMNS} FROM metric_points WHERE name = ? AND resolution = ? AND bucket_start >= ? AND bucket_start < ? ORDER BY bucket_start`,
        [name, resolution, from, to],
      );
      return rows.map(toPoint);
    },

    /** Names stored, with their type. */
    async names(): Promise<{ name: string; type: string }[]> {
      return sql.all<{ name: string; type: string }>('SELECT DISTINCT name, type FROM metric_points ORDER BY name');
    },

    /** The processes that wrote points of a rollup since `since`. */
    async processes(resolution: Resolution, since: number): Promise<string[]> {
      const rows = await sql.all<{ process: string }>('SELECT DISTINCT process FROM metric_points WHERE resolution = ? AND bucket_start >= ? ORDER BY process', [resolution, since]);
      return rows.map((row) => row.process);
    },

    /** Deletes a rollup's buckets that started before `cutoff`; returns how many rows went. */
    async deleteBefore(resolution: Resolution, cutoff: number): Promise<number> {
      return sql.run('DELETE FROM metric_points WHERE resolution = ? AND bucket_start < ?', [resolution, cutoff]);
    },
  };
}

export type MetricStore = ReturnType<typeof createMetricStore>;
