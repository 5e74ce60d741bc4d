import type { SqlClient } from '@dwc/runtime';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The 10-character time part of a ULID made at `ms`. */
function timePart(ms: number): string {
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[ms % 32]! + out;
    ms = Math.floor(ms / 32);
  }
  return out;
}

export interface SeedOptions {
  /** How many executions in all. */
  total: number;
  /** Spread evenly over [from, to). */
  from: number;
  to: number;
  workflows: number;
  /** Rows per INSERT ... SELECT (one time slice each). */
  perStatement?: number;
  /** Duration in ms of the runs of slice `slice` (default: 20 to 2,000 ms, by slice). */
  durationMs?: (slice: number) => number;
  /** Share of runs that failed (every n-th row). */
  failEvery?: number;
  /** Also insert the workflow rows (names `Seeded <n>`); false when an earlier call did. */
  createWorkflows?: boolean;
}

/**
 * Inserts made-up ended executions fast with set-based SQL: each statement writes one time
 * slice's rows from a number series (SQLite recursive CTE, Postgres generate_series); ids are
 * ULIDs of the slice's time with the row number as their random part, so they sort by time.
 */
export async function seedExecutions(sql: SqlClient, options: SeedOptions): Promise<void> {
  const per = options.perStatement ?? 2_000;
  const slices = Math.ceil(options.total / per);
  const step = (options.to - options.from) / slices;
  const failEvery = options.failEvery ?? 10;
  const durationOf = options.durationMs ?? ((slice: number) => 20 + ((slice * 7919) % 1980));
  const workflowIds = Array.from({ length: options.workflows }, (_, i) => `WF${String(i).padStart(24, '0')}`);
  if (options.createWorkflows !== false) await sql.transaction(async (tx) => {
    for (let i = 0; i < workflowIds.length; i++) {
      await tx.run('INSERT INTO workflows (id, name, description, latest_version, trigger_type, created_at, updated_at) VALUES (?, ?, NULL, 1, ?, ?, ?)', [workflowIds[i]!, `Seeded ${i}`, 'manual', new Date(options.from), new Date(options.from)]);
    }
  });
  const pad = sql.dialect === 'sqlite' ? "printf('%016d', n)" : "lpad(n::text, 16, '0')";
  const workflow = sql.dialect === 'sqlite' ? `'WF' || printf('%024d', n % ${options.workflows})` : `'WF' || lpad((n % ${options.workflows})::text, 24, '0')`;
  // Postgres types the parameters of an INSERT ... SELECT as text unless told.
  const time = sql.dialect === 'sqlite' ? '?' : 'CAST(? AS timestamptz)';
  const columns = `INSERT INTO executions (id, workflow_id, version, status, cancel_requested, created_at, started_at, finished_at)
    SELECT CAST(? AS varchar(10)) || ${pad}, ${workflow}, 1, CASE WHEN n % ${failEvery} = ${failEvery - 1} THEN 'failed' ELSE 'succeeded' END, ${sql.dialect === 'sqlite' ? '0' : 'false'}, ${time}, ${time}, ${time}`;
  const statement = sql.dialect === 'sqlite'
    ? `WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n + 1 < ?) ${columns} FROM seq`
    : `${columns} FROM generate_series(0, CAST(? AS integer) - 1) AS seq(n)`;
  for (let slice = 0; slice < slices; slice++) {
    const rows = Math.min(per, options.total - slice * per);
    const at = Math.floor(options.from + slice * step);
    const params = [timePart(at), new Date(at), new Date(at), new Date(at + durationOf(slice))];
    await sql.run(statement, sql.dialect === 'sqlite' ? [rows, ...params] : [...params, rows]);
  }
}
