import type { SqlClient } from '../storage/sql-client.js';

/** A stored workflow made from an AI template. */
export interface AiWorkflowRecord {
  workflowId: string;
  workflowType: string;
  templateName: string;
  provider: string | null;
  inputData: Record<string, unknown>;
  createdAt: Date;
}

export type AiWorkflowStore = ReturnType<typeof createAiWorkflowStore>;

/** Which workflows are AI workflows, of which type and template (`ai_workflows`). */
export function createAiWorkflowStore(sql: SqlClient) {
  const toRecord = (row: Record<string, unknown>): AiWorkflowRecord => ({
    workflowId: row.workflow_id as string,
    workflowType: row.workflow_type as string,
    templateName: row.template_name as string,
    provider: (row.provider as string | null) ?? null,
    inputData: sql.fromJson<Record<string, unknown>>(row.input_data) ?? {},
    createdAt: sql.fromDate(row.created_at)!,
  });
  const live = 'FROM ai_workflows a JOIN workflows w ON w.id = a.workflow_id AND w.deleted_at IS NULL';
  return {
    async add(record: Omit<AiWorkflowRecord, 'createdAt'>): Promise<AiWorkflowRecord> {
      const createdAt = new Date();
      await sql.run('INSERT INTO ai_workflows (workflow_id, workflow_type, template_name, provider, input_data, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
        record.workflowId, record.workflowType, record.templateName, record.provider, record.inputData, createdAt,
      ]);
      return { ...record, createdAt };
    },
    async get(workflowId: string): Promise<AiWorkflowRecord | undefined> {
      const row = await sql.get(`SELECT a.* ${live} WHERE a.workflow_id = ?`, [workflowId]);
      return row ? toRecord(row) : undefined;
    },
    /** Newest first; only workflows not deleted. */
    async list(page: { limit: number; offset: number; workflowType?: string | undefined }): Promise<{ items: AiWorkflowRecord[]; total: number }> {
      const filter = page.workflowType ? ' WHERE a.workflow_type = ?' : '';
      const params = page.workflowType ? [page.workflowType] : [];
      const rows = await sql.all(`SELECT a.* ${live}${filter} ORDER BY a.created_at DESC, a.workflow_id DESC LIMIT ? OFFSET ?`, [...params, page.limit, page.offset]);
      const count = await sql.get<{ n: unknown }>(`SELECT COUNT(*) AS n ${live}${filter}`, params);
      return { items: rows.map(toRecord), total: sql.fromInt(count?.n ?? 0) };
    },
    /** Executions of AI workflows (deleted ones included), by status. */
    async executionCounts(): Promise<Record<string, number>> {
      const rows = await sql.all('SELECT e.status AS s, COUNT(*) AS n FROM executions e JOIN ai_workflows a ON a.workflow_id = e.workflow_id GROUP BY e.status');
      return Object.fromEntries(rows.map((row) => [row.s as string, sql.fromInt(row.n)]));
    },
    /** Counts per workflow type of the live AI workflows. */
    async countByType(): Promise<Record<string, number>> {
      const rows = await sql.all(`SELECT a.workflow_type AS t, COUNT(*) AS n ${live} GROUP BY a.workflow_type`);
      return Object.fromEntries(rows.map((row) => [row.t as string, sql.fromInt(row.n)]));
    },
  };
}
