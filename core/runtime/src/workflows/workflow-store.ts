import { NotFoundError } from '@dwc/sdk';
import { newId } from '../storage/new-id.js';
import type { SqlClient } from '../storage/sql-client.js';

/** A stored workflow: its identity and its latest definition. */
export interface WorkflowRecord<Definition = unknown> {
  id: string;
  name: string;
  description: string | null;
  version: number;
  triggerType: string;
  /** Whether its trigger listens; kept across versions. */
  triggerActive: boolean;
  definition: Definition;
  createdAt: Date;
  updatedAt: Date;
}

export interface WorkflowVersionRecord<Definition = unknown> {
  workflowId: string;
  version: number;
  definition: Definition;
  createdAt: Date;
}

export interface DefinitionFields {
  name: string;
  description?: string | undefined;
  trigger: { type: string };
}

export type WorkflowStore<Definition extends DefinitionFields = DefinitionFields> = ReturnType<typeof createWorkflowStore<Definition>>;

/**
 * Workflows and their immutable versions: every create or update writes a new version row, and
 * executions pin the version they ran. Versions are cached in memory since they never change.
 */
export function createWorkflowStore<Definition extends DefinitionFields>(sql: SqlClient) {
  const versionCache = new Map<string, WorkflowVersionRecord<Definition>>();

  const toRecord = (row: Record<string, unknown>): WorkflowRecord<Definition> => ({
    id: row.id as string,
    name: row.name as string,
    description: (row.description as string | null) ?? null,
    version: sql.fromInt(row.latest_version),
    triggerType: row.trigger_type as string,
    triggerActive: sql.fromBool(row.trigger_active),
    definition: sql.fromJson<Definition>(row.definition),
    createdAt: sql.fromDate(row.created_at)!,
    updatedAt: sql.fromDate(row.updated_at)!,
  });

  const selectLatest = `SELECT w.*, v.definition FROM workflows w
    JOIN workflow_versions v ON v.workflow_id = w.id AND v.version = w.latest_version WHERE w.deleted_at IS NULL`;

  // On SQLite this process is the only writer, so the latest version of each workflow can be kept
  // in memory and dropped on every write here. On Postgres another process may update a workflow,
  // so every lookup reads the database.
  const latestCache = sql.dialect === 'sqlite' ? new Map<string, WorkflowRecord<Definition>>() : undefined;
  /** Bumped by every write, so a read that raced a write does not cache what it read. */
  let writes = 0;
  const forget = (id: string) => {
    writes++;
    latestCache?.delete(id);
  };

  async function get(id: string): Promise<WorkflowRecord<Definition> | undefined> {
    const cached = latestCache?.get(id);
    if (cached) return cached;
    const writesBefore = writes;
    const row = await sql.readTogether((q) => q.get(`${selectLatest} AND w.id = ?`, [id]));
    if (!row) return undefined;
    const record = toRecord(row);
    if (latestCache && writes === writesBefore) {
      if (latestCache.size >= 1_000) latestCache.clear();
      latestCache.set(id, record);
    }
    return record;
  }

  const notFound = (id: string) => new NotFoundError(`No workflow with id "${id}".`, { code: 'workflow_not_found', values: { id } });

  async function getOrThrow(id: string): Promise<WorkflowRecord<Definition>> {
    const workflow = await get(id);
    if (!workflow) throw notFound(id);
    return workflow;
  }

  return {
    get,
    require: getOrThrow,

    /**
     * The number of the workflow's latest version, for starting a run: on Postgres one read of a
     * column by primary key, leaving the definition to `version`'s cache; throws
     * `workflow_not_found` when there is no such workflow.
     */
    async latestVersion(id: string): Promise<number> {
      if (latestCache) return (await getOrThrow(id)).version;
      const row = await sql.readTogether((q) => q.get<{ latest_version: unknown }>('SELECT latest_version FROM workflows WHERE id = ? AND deleted_at IS NULL', [id]));
      if (!row) throw notFound(id);
      return sql.fromInt(row.latest_version);
    },

    async create(definition: Definition): Promise<WorkflowRecord<Definition>> {
      const id = newId();
      const now = new Date();
      await sql.transaction(async (tx) => {
        await tx.run(
          'INSERT INTO workflows (id, name, description, latest_version, trigger_type, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?)',
          [id, definition.name, definition.description ?? null, definition.trigger.type, now, now],
        );
        await tx.run('INSERT INTO workflow_versions (workflow_id, version, definition, created_at) VALUES (?, 1, ?, ?)', [id, definition, now]);
      });
      return { id, name: definition.name, description: definition.description ?? null, version: 1, triggerType: definition.trigger.type, triggerActive: false, definition, createdAt: now, updatedAt: now };
    },

    /** Saves `definition` as the next version; the previous versions stay as they were. */
    async update(id: string, definition: Definition): Promise<WorkflowRecord<Definition>> {
      const now = new Date();
      const version = await sql.transaction(async (tx) => {
        const row = await tx.get<{ latest_version: unknown }>('SELECT latest_version FROM workflows WHERE id = ? AND deleted_at IS NULL', [id]);
        if (!row) throw notFound(id);
        const next = sql.fromInt(row.latest_version) + 1;
        await tx.run('INSERT INTO workflow_versions (workflow_id, version, definition, created_at) VALUES (?, ?, ?, ?)', [id, next, definition, now]);
        await tx.run('UPDATE workflows SET name = ?, description = ?, latest_version = ?, trigger_type = ?, updated_at = ? WHERE id = ?', [
          definition.name, definition.description ?? null, next, definition.trigger.type, now, id,
        ]);
        return next;
      });
      forget(id);
      return { ...(await getOrThrow(id)), version };
    },

    /** Turns the trigger on or off without making a version; undefined when no such workflow. */
    async setTriggerActive(id: string, active: boolean): Promise<WorkflowRecord<Definition>> {
      const changed = await sql.run('UPDATE workflows SET trigger_active = ? WHERE id = ? AND deleted_at IS NULL', [active, id]);
      forget(id);
      if (changed === 0) throw notFound(id);
      return getOrThrow(id);
    },

    /** Every workflow whose trigger is on, at its latest version. */
    async listTriggerActive(): Promise<WorkflowRecord<Definition>[]> {
      const rows = await sql.all(`${selectLatest} AND w.trigger_active = ? ORDER BY w.id`, [true]);
      return rows.map(toRecord);
    },

    /** Most recently changed first, with the total for paging. */
    async list(page: { limit: number; offset: number; search?: string }): Promise<{ items: WorkflowRecord<Definition>[]; total: number }> {
      const search = page.search ? ` AND LOWER(w.name) LIKE ?` : '';
      const params = page.search ? [`%${page.search.toLowerCase().replace(/[%_]/g, '')}%`] : [];
      const rows = await sql.all(`${selectLatest}${search} ORDER BY w.updated_at DESC, w.id DESC LIMIT ? OFFSET ?`, [...params, page.limit, page.offset]);
      const count = await sql.get<{ n: unknown }>(`SELECT COUNT(*) AS n FROM workflows w WHERE w.deleted_at IS NULL${search}`, params);
      return { items: rows.map(toRecord), total: sql.fromInt(count?.n ?? 0) };
    },

    /** Hides the workflow; its versions stay so past executions still show what ran. */
    async delete(id: string): Promise<void> {
      const changed = await sql.run('UPDATE workflows SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL', [new Date(), id]);
      forget(id);
      if (changed === 0) throw notFound(id);
    },

    async version(workflowId: string, version: number): Promise<WorkflowVersionRecord<Definition> | undefined> {
      const key = `${workflowId}@${version}`;
      const cached = versionCache.get(key);
      if (cached) return cached;
      const row = await sql.get('SELECT * FROM workflow_versions WHERE workflow_id = ? AND version = ?', [workflowId, version]);
      if (!row) return undefined;
      const record = { workflowId, version, definition: sql.fromJson<Definition>(row.definition), createdAt: sql.fromDate(row.created_at)! };
      if (versionCache.size > 1_000) versionCache.clear();
      versionCache.set(key, record);
      return record;
    },

    async versions(workflowId: string): Promise<{ version: number; name: string; createdAt: Date }[]> {
      await getOrThrow(workflowId);
      const rows = await sql.all('SELECT version, definition, created_at FROM workflow_versions WHERE workflow_id = ? ORDER BY version DESC', [workflowId]);
      return rows.map((row) => ({ version: sql.fromInt(row.version), name: sql.fromJson<Definition>(row.definition).name, createdAt: sql.fromDate(row.created_at)! }));
    },
  };
}
