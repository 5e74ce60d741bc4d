/**
 * The tamper-evident audit log: an append-only table `audit_events` whose records form one hash
 * chain. Each record carries `seq` (1, 2, 3 … without gaps), the previous record's hash
 * (`prev_hash`; 64 zeros for the first) and its own `hash` = SHA-256 over a fixed-order JSON
 * serialisation of all its stored fields including `seq` and `prev_hash` (exact scheme:
 * `auditRecordHash` in audit-hash.ts). Editing a record changes its hash; deleting one leaves a
 * gap in `seq` and a broken link; swapping two records breaks the links — `verifyAuditChain` finds
 * each and names the first bad record. Truncating the newest records is only visible against a
 * head (seq, hash) kept elsewhere, e.g. from an earlier verify or export.
 *
 * Appends are queued and written in batches, one transaction per batch:
 * - Postgres (possibly several processes): `pg_advisory_xact_lock`, read the head, insert, commit;
 *   the lock serialises every appender on the database, so there is one linear chain.
 * - SQLite (one writer; the SQL client already groups commits): the head is kept in memory; if
 *   another process appended meanwhile (a `dwc` command beside the server), the insert hits the
 *   primary key on `seq`, the head is read again and the batch re-chained.
 *
 * Values of secret-ish fields are redacted before anything is stored (see redact.ts).
 */
import { UnavailableError } from '@dwc/sdk';
import type { Logger } from 'pino';
import { newId } from '../../storage/new-id.js';
import type { SqlClient, SqlQueries } from '../../storage/sql-client.js';
import type { AuditEntry, AuditRecorder } from '../audit-recorder.js';
import { auditRecordHash, canonicalJson, GENESIS_HASH, type AuditRecordFields } from './audit-hash.js';
import type { AuditRecord } from './audit-record.js';
import { redact } from './redact.js';

/** Advisory lock key held while appending on Postgres. */
export const AUDIT_APPEND_LOCK_KEY = 0x64776302;
const MAX_BATCH = 200;

export interface AuditLog extends AuditRecorder {
  /** Appends one entry; resolves once it is committed. */
  record(entry: AuditEntry): Promise<void>;
  /** Called (in this process) for each record once committed; returns the unsubscribe function. */
  onRecorded(listener: (record: AuditRecord) => void): () => void;
  /** Resolves when every entry recorded so far is committed (or failed). */
  flush(): Promise<void>;
  /** Refuses new entries and flushes the queued ones. */
  close(): Promise<void>;
}

/**
 * An entry ready to chain: its hashed fields, whose `seq` and `prevHash` are filled in when it takes
 * its place in the chain, and the redacted `before`, `after` and `detail` as values for the record
 * listeners receive.
 */
interface Prepared {
  fields: AuditRecordFields;
  occurredAt: Date;
  outcome: AuditRecord['outcome'];
  values: Pick<AuditRecord, 'before' | 'after' | 'detail'>;
}

interface Pending {
  entry: Prepared;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Postgres text cannot hold NUL; JSON columns are safe (JSON.stringify escapes control characters). */
const text = (value: string | null | undefined, max: number): string | null =>
  value === undefined || value === null ? null : (value.includes('\0') ? value.replace(/\0/g, '\uFFFD') : value).slice(0, max);
const redacted = (value: Record<string, unknown> | null | undefined): Record<string, unknown> | null =>
  value === undefined || value === null ? null : (redact(value) as Record<string, unknown>);
const json = (value: Record<string, unknown> | null): string | null => (value === null ? null : canonicalJson(value));

function prepare(entry: AuditEntry, now: Date): Prepared {
  const values = { before: redacted(entry.before), after: redacted(entry.after), detail: redacted(entry.detail) };
  const outcome = entry.outcome === 'failure' ? 'failure' : 'success';
  const fields: AuditRecordFields = {
    seq: 0,
    id: newId(now.getTime()),
    occurredAt: now.toISOString(),
    action: text(entry.action, 100) || 'unknown',
    outcome,
    actor: text(entry.actor, 200),
    actorLabel: text(entry.actorLabel, 200),
    ip: text(entry.ip, 64),
    userAgent: text(entry.userAgent, 500),
    target: text(entry.target, 500),
    before: json(values.before),
    after: json(values.after),
    detail: json(values.detail),
    prevHash: GENESIS_HASH,
  };
  return { fields, occurredAt: now, outcome, values };
}

interface Head {
  seq: number;
  hash: string;
}

function chain(head: Head | undefined, entries: readonly Prepared[]): AuditRecord[] {
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  return entries.map(({ fields, occurredAt, outcome, values }) => {
    seq += 1;
    fields.seq = seq;
    fields.prevHash = prevHash;
    const hash = auditRecordHash(fields);
    const record: AuditRecord = {
      seq, id: fields.id, occurredAt, action: fields.action, outcome, actor: fields.actor, actorLabel: fields.actorLabel, ip: fields.ip,
      userAgent: fields.userAgent, target: fields.target, before: values.before, after: values.after, detail: values.detail, prevHash, hash,
    };
    prevHash = hash;
    return record;
  });
}

async function readHead(sql: SqlClient, tx: SqlQueries): Promise<Head | undefined> {
  const row = await tx.get<{ seq: unknown; hash: string }>('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1');
  return row === undefined ? undefined : { seq: sql.fromInt(row.seq), hash: row.hash };
}

async function insert(tx: SqlQueries, records: readonly AuditRecord[], stored: readonly Prepared[]): Promise<void> {
  const values = records.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
  const params = records.flatMap((r, i) => {
    const s = stored[i]!.fields;
    return [r.seq, r.id, r.occurredAt, r.action, r.outcome, r.actor, r.actorLabel, r.ip, r.userAgent, r.target, s.before, s.after, s.detail, r.prevHash, r.hash];
  });
  await tx.run(
    `INSERT INTO audit_events (seq, id, occurred_at, action, outcome, actor, actor_label, ip, user_agent, target, "before", "after", detail, prev_hash, hash) VALUES ${values}`,
    params,
  );
}

const isDuplicateSeq = (error: unknown): boolean => {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
};

/** The audit log on this database. */
export function createAuditLog(options: { sql: SqlClient; logger: Logger; now?: () => Date }): AuditLog {
  const { sql } = options;
  const now = options.now ?? (() => new Date());
  const log = options.logger.child({ component: 'audit' });
  const listeners = new Set<(record: AuditRecord) => void>();
  let queue: Pending[] = [];
  let running: Promise<void> | undefined;
  let cachedHead: Head | undefined;
  let closed = false;

  async function append(entries: readonly Prepared[]): Promise<AuditRecord[]> {
    if (sql.dialect === 'postgres') {
      return sql.transaction(async (tx) => {
        await tx.get('SELECT pg_advisory_xact_lock(?)', [AUDIT_APPEND_LOCK_KEY]);
        const records = chain(await readHead(sql, tx), entries);
        await insert(tx, records, entries);
        return records;
      });
    }
    try {
      const records = await sql.transaction(async (tx) => {
        let records = chain(cachedHead ?? (await readHead(sql, tx)), entries);
        try {
          await insert(tx, records, entries);
        } catch (error) {
          if (!isDuplicateSeq(error)) throw error;
          records = chain(await readHead(sql, tx), entries);
          await insert(tx, records, entries);
        }
        return records;
      });
      const last = records.at(-1)!;
      cachedHead = { seq: last.seq, hash: last.hash };
      return records;
    } catch (error) {
      cachedHead = undefined;
      throw error;
    }
  }

  function drain(): void {
    if (running !== undefined) return;
    running = (async () => {
      while (queue.length > 0) {
        const batch = queue.slice(0, MAX_BATCH);
        queue = queue.slice(batch.length);
        const records: AuditRecord[] = [];
        try {
          records.push(...(await append(batch.map((pending) => pending.entry))));
          for (const pending of batch) pending.resolve();
        } catch (error) {
          if (batch.length === 1) {
            log.error({ err: error, action: batch[0]!.entry.fields.action }, 'an audit record could not be written');
            batch[0]!.reject(error);
            continue;
          }
          // One bad entry must not take the others down with it: write them one by one.
          for (const pending of batch) {
            try {
              records.push(...(await append([pending.entry])));
              pending.resolve();
            } catch (single) {
              log.error({ err: single, action: pending.entry.fields.action }, 'an audit record could not be written');
              pending.reject(single);
            }
          }
        }
        for (const record of records) {
          for (const listener of listeners) {
            try {
              listener(record);
            } catch (error) {
              log.error({ err: error, action: record.action }, 'audit listener threw');
            }
          }
        }
      }
    })().finally(() => {
      running = undefined;
      if (queue.length > 0) drain();
    });
  }

  const flush = async (): Promise<void> => {
    while (running !== undefined) await running;
  };

  return {
    record(entry) {
      if (closed) return Promise.reject(new UnavailableError('The audit log is closed; the server is shutting down.'));
      let prepared: Prepared;
      try {
        prepared = prepare(entry, now());
      } catch (error) {
        return Promise.reject(error);
      }
      return new Promise<void>((resolve, reject) => {
        queue.push({ entry: prepared, resolve, reject });
        drain();
      });
    },
    onRecorded(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    flush,
    async close() {
      closed = true;
      await flush();
    },
  };
}
