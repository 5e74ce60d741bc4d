import { workflowRetentionSchema, type WorkflowRetention } from '../engine/workflow-settings.js';
import type { SqlClient } from '../storage/sql-client.js';

/**
 * The `settings.retention` of every workflow that has one, from its latest version. A definition
 * is read again only when its workflow got a new version, so a pass over many workflows costs one
 * small query.
 */
export function createWorkflowRetentions(sql: SqlClient) {
  const known = new Map<string, { version: number; retention: WorkflowRetention | undefined }>();

  return async function workflowRetentions(): Promise<Map<string, WorkflowRetention>> {
    const rows = await sql.all<{ id: string; latest_version: unknown }>('SELECT id, latest_version FROM workflows');
    const current = new Set<string>();
    for (const row of rows) {
      current.add(row.id);
      const version = sql.fromInt(row.latest_version);
      if (known.get(row.id)?.version === version) continue;
      const stored = await sql.get<{ definition: unknown }>('SELECT definition FROM workflow_versions WHERE workflow_id = ? AND version = ?', [row.id, version]);
      const settings = stored ? sql.fromJson<{ settings?: { retention?: unknown } }>(stored.definition)?.settings : undefined;
      const parsed = workflowRetentionSchema.safeParse(settings?.retention);
      known.set(row.id, { version, retention: parsed.success ? parsed.data : undefined });
    }
    for (const id of known.keys()) if (!current.has(id)) known.delete(id);
    const retentions = new Map<string, WorkflowRetention>();
    for (const [id, entry] of known) if (entry.retention) retentions.set(id, entry.retention);
    return retentions;
  };
}
