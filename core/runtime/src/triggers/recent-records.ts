import type { TriggerRecords } from '@dwc/sdk';
import type { SqlClient } from '../storage/sql-client.js';

/** The latest documents or executions of other workflows, newest first (by id, the primary key), for `ctx.records`. */
export function recentRecords(sql: SqlClient, workflowId: string): TriggerRecords {
  const iso = (value: unknown): string | null => sql.fromDate(value)?.toISOString() ?? null;
  return {
    async recent(kind, limit) {
      const bounded = Math.max(1, Math.min(1_000, Math.trunc(limit)));
      if (kind === 'documents') {
        const rows = await sql.all(
          `SELECT id, title, format, metadata, workflow_id, execution_id, step_id, created_at FROM documents
           WHERE workflow_id IS NULL OR workflow_id <> ? ORDER BY id DESC LIMIT ?`,
          [workflowId, bounded],
        );
        return rows.map((row) => ({
          id: row.id, title: row.title, format: row.format, metadata: sql.fromJson(row.metadata), workflow_id: row.workflow_id ?? null,
          execution_id: row.execution_id ?? null, step_id: row.step_id ?? null, created_at: iso(row.created_at),
        }));
      }
      const rows = await sql.all(
        'SELECT id, workflow_id, version, status, started_at, finished_at FROM executions WHERE workflow_id <> ? ORDER BY id DESC LIMIT ?',
        [workflowId, bounded],
      );
      return rows.map((row) => ({
        id: row.id, workflow_id: row.workflow_id, version: sql.fromInt(row.version), status: row.status, started_at: iso(row.started_at), finished_at: iso(row.finished_at),
      }));
    },
  };
}
