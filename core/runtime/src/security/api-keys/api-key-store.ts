import { newId } from '../../storage/new-id.js';
import type { SqlClient } from '../../storage/sql-client.js';
import { randomToken, sha256 } from '../sha256.js';

export interface ApiKeyRecord {
  id: string;
  name: string;
  /** The first characters of the key, shown so a person can tell keys apart. */
  prefix: string;
  scopes: string[];
  createdBy: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export const API_KEY_PREFIX = 'dwc_';
const SHOWN_CHARACTERS = 12;
/** `last_used_at` is written at most this often per key. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiKeyStore {
  /** Returns the record and the key itself, which is not stored and cannot be shown again. */
  create(input: { name: string; scopes: string[]; createdBy: string; expiresAt: Date | null }): Promise<{ record: ApiKeyRecord; key: string }>;
  findByKey(key: string): Promise<ApiKeyRecord | undefined>;
  get(id: string): Promise<ApiKeyRecord | undefined>;
  list(createdBy?: string): Promise<ApiKeyRecord[]>;
  revoke(id: string): Promise<boolean>;
  /** Records a use; writes only when the stored time is older than a minute. */
  touch(record: ApiKeyRecord, now?: Date): Promise<void>;
}

export function createApiKeyStore(sql: SqlClient): ApiKeyStore {
  const COLUMNS = 'id, name, prefix, scopes, created_by, created_at, expires_at, last_used_at, revoked_at';
  const toRecord = (row: Record<string, unknown>): ApiKeyRecord => ({
    id: row.id as string,
    name: row.name as string,
    prefix: row.prefix as string,
    scopes: sql.fromJson<string[]>(row.scopes),
    createdBy: row.created_by as string,
    createdAt: sql.fromDate(row.created_at)!,
    expiresAt: sql.fromDate(row.expires_at),
    lastUsedAt: sql.fromDate(row.last_used_at),
    revokedAt: sql.fromDate(row.revoked_at),
  });
  const one = async (where: string, value: string) => {
    const row = await sql.get(`SELECT ${COLUMNS} FROM api_keys WHERE ${where} = ?`, [value]);
    return row === undefined ? undefined : toRecord(row);
  };
  return {
    async create({ name, scopes, createdBy, expiresAt }) {
      const key = API_KEY_PREFIX + randomToken();
      const record: ApiKeyRecord = { id: newId(), name, prefix: key.slice(0, SHOWN_CHARACTERS), scopes, createdBy, createdAt: new Date(), expiresAt, lastUsedAt: null, revokedAt: null };
      await sql.run(`INSERT INTO api_keys (${COLUMNS}, key_hash) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)`, [
        record.id, name, record.prefix, scopes, createdBy, record.createdAt, expiresAt, sha256(key),
      ]);
      return { record, key };
    },
    findByKey: (key) => (key.startsWith(API_KEY_PREFIX) ? one('key_hash', sha256(key)) : Promise.resolve(undefined)),
    get: (id) => one('id', id),
    async list(createdBy) {
      const rows = createdBy === undefined
        ? await sql.all(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at DESC, id DESC`)
        : await sql.all(`SELECT ${COLUMNS} FROM api_keys WHERE created_by = ? ORDER BY created_at DESC, id DESC`, [createdBy]);
      return rows.map(toRecord);
    },
    async revoke(id) {
      return (await sql.run('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [new Date(), id])) > 0;
    },
    async touch(record, now = new Date()) {
      if (record.lastUsedAt !== null && now.getTime() - record.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
      await sql.run('UPDATE api_keys SET last_used_at = ? WHERE id = ?', [now, record.id]);
    },
  };
}
