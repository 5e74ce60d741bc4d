import { ConflictError, NotFoundError } from '@dwc/sdk';
import { newId } from '../storage/new-id.js';
import type { SqlClient } from '../storage/sql-client.js';
import { checkTemplate } from './template-engine.js';

export interface TemplateRecord {
  id: string;
  version: number;
  name: string;
  channel: string;
  subject: string | null;
  body: string;
  html: string | null;
  variables: string[] | null;
  sampleData: Record<string, unknown> | null;
  createdBy: string | null;
  createdAt: Date;
}

export interface TemplateInput {
  name: string;
  channel: string;
  subject?: string | null;
  body: string;
  html?: string | null;
  /** The data paths the template may use; checked at save. */
  variables?: string[] | null;
  /** Example data the template must render from; checked at save. */
  sampleData?: Record<string, unknown> | null;
}

export type TemplateStore = ReturnType<typeof createTemplateStore>;

/**
 * Stored, versioned templates, one per name and channel. Saving checks the template (syntax,
 * declared variables, sample data) and adds a version; versions are never edited, so a
 * notification names the exact version it was rendered from.
 */
export function createTemplateStore(sql: SqlClient) {
  const toRecord = (row: Record<string, unknown>): TemplateRecord => ({
    id: row.id as string,
    version: sql.fromInt(row.version),
    name: row.name as string,
    channel: row.channel as string,
    subject: (row.subject as string | null) ?? null,
    body: row.body as string,
    html: (row.html as string | null) ?? null,
    variables: sql.fromJson<string[] | null>(row.variables),
    sampleData: sql.fromJson<Record<string, unknown> | null>(row.sample_data),
    createdBy: (row.created_by as string | null) ?? null,
    createdAt: sql.fromDate(row.created_at)!,
  });
  const latest = `SELECT t.* FROM notification_templates t
    WHERE t.version = (SELECT MAX(v.version) FROM notification_templates v WHERE v.id = t.id)`;

  const insert = (id: string, version: number, input: TemplateInput, createdBy: string | null) =>
    sql.run(
      `INSERT INTO notification_templates (id, version, name, channel, subject, body, html, variables, sample_data, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, version, input.name, input.channel, input.subject ?? null, input.body, input.html ?? null, input.variables ?? null, input.sampleData ?? null, createdBy, new Date()],
    );

  const store = {
    async create(input: TemplateInput, createdBy: string | null): Promise<TemplateRecord> {
      checkTemplate(input, { variables: input.variables, sampleData: input.sampleData });
      if (await store.findByName(input.name, input.channel)) {
        throw new ConflictError(`A template "${input.name}" for channel ${input.channel} exists already; update it to add a version.`, { code: 'template_exists' });
      }
      const id = newId();
      try {
        await insert(id, 1, input, createdBy);
      } catch (error) {
        if (await store.findByName(input.name, input.channel)) throw new ConflictError(`A template "${input.name}" for channel ${input.channel} exists already.`, { code: 'template_exists' });
        throw error;
      }
      return store.get(id);
    },

    /** Saves a new version; the name and channel may change, to a pair no other template holds. */
    async update(id: string, input: TemplateInput, createdBy: string | null): Promise<TemplateRecord> {
      const current = await store.get(id);
      checkTemplate(input, { variables: input.variables, sampleData: input.sampleData });
      const other = await store.findByName(input.name, input.channel);
      if (other && other.id !== id) throw new ConflictError(`Another template is called "${input.name}" for channel ${input.channel}.`, { code: 'template_exists' });
      await insert(id, current.version + 1, input, createdBy);
      return store.get(id);
    },

    /** The latest version, or a given one. */
    async get(id: string, version?: number): Promise<TemplateRecord> {
      const row = version === undefined
        ? await sql.get('SELECT * FROM notification_templates WHERE id = ? ORDER BY version DESC LIMIT 1', [id])
        : await sql.get('SELECT * FROM notification_templates WHERE id = ? AND version = ?', [id, version]);
      if (!row) throw new NotFoundError(`No notification template ${id}${version === undefined ? '' : ` version ${version}`}.`, { code: 'template_not_found' });
      return toRecord(row);
    },

    /** The latest version of the template called `name` for `channel`. */
    async findByName(name: string, channel: string): Promise<TemplateRecord | undefined> {
      const row = await sql.get(`${latest} AND t.name = ? AND t.channel = ?`, [name, channel]);
      return row ? toRecord(row) : undefined;
    },

    async versions(id: string): Promise<TemplateRecord[]> {
      const rows = await sql.all('SELECT * FROM notification_templates WHERE id = ? ORDER BY version DESC', [id]);
      if (rows.length === 0) throw new NotFoundError(`No notification template ${id}.`, { code: 'template_not_found' });
      return rows.map(toRecord);
    },

    /** Latest versions, by name. */
    async list(filter: { channel?: string }): Promise<TemplateRecord[]> {
      const rows = filter.channel === undefined ? await sql.all(`${latest} ORDER BY t.name, t.channel`) : await sql.all(`${latest} AND t.channel = ? ORDER BY t.name`, [filter.channel]);
      return rows.map(toRecord);
    },

    /** Removes every version; notifications already rendered from it keep their text. */
    async delete(id: string): Promise<void> {
      const removed = await sql.run('DELETE FROM notification_templates WHERE id = ?', [id]);
      if (removed === 0) throw new NotFoundError(`No notification template ${id}.`, { code: 'template_not_found' });
    },
  };
  return store;
}
