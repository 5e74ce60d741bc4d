import type { TriggerState } from '@dwc/sdk';
import type { SqlClient } from '../storage/sql-client.js';

export type TriggerStateStore = ReturnType<typeof createTriggerStateStore>;

/** `trigger_states`: each workflow's trigger memory (cursors, content hashes), kept across restarts. */
export function createTriggerStateStore(sql: SqlClient) {
  return {
    /** The state of one workflow's trigger. */
    of(workflowId: string): TriggerState {
      return {
        async get<Value>(key: string): Promise<Value | undefined> {
          const row = await sql.get('SELECT value FROM trigger_states WHERE workflow_id = ? AND key = ?', [workflowId, key]);
          return row === undefined ? undefined : (sql.fromJson<{ v: Value }>(row.value).v);
        },
        async set(key: string, value: unknown): Promise<void> {
          await sql.run(
            `INSERT INTO trigger_states (workflow_id, key, value, updated_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (workflow_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
            [workflowId, key, { v: value }, new Date()],
          );
        },
      };
    },
  };
}
