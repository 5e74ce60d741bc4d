import { Readable } from 'node:stream';
import { lazyRequire } from '@dwc/sdk';
import type * as CsvStringify from 'csv-stringify';
import type { SqlClient } from '../../storage/sql-client.js';
import { streamAuditRecords, type AuditFilter } from './audit-queries.js';
import type { AuditRecord } from './audit-record.js';

const csvStringify = lazyRequire<typeof CsvStringify>(import.meta.url, 'csv-stringify');

export type AuditExportFormat = 'csv' | 'json';

/** A record as exported (and served by the API): snake_case, ISO-8601 UTC time, hashes included so the chain can be checked offline. */
export function auditRecordWire(record: AuditRecord) {
  return {
    seq: record.seq,
    id: record.id,
    occurred_at: record.occurredAt.toISOString(),
    action: record.action,
    outcome: record.outcome,
    actor: record.actor,
    actor_label: record.actorLabel,
    ip: record.ip,
    user_agent: record.userAgent,
    target: record.target,
    before: record.before,
    after: record.after,
    detail: record.detail,
    prev_hash: record.prevHash,
    hash: record.hash,
  };
}

const CSV_COLUMNS = ['seq', 'id', 'occurred_at', 'action', 'outcome', 'actor', 'actor_label', 'ip', 'user_agent', 'target', 'before', 'after', 'detail', 'prev_hash', 'hash'] as const;

/**
 * The matching records, oldest first, as a text stream: CSV (header row; `before`, `after`,
 * `detail` as JSON text; quoting by csv-stringify) or one JSON array. Read from the database a
 * batch at a time, so memory stays flat however long the log is.
 */
export function exportAuditLog(sql: SqlClient, filter: AuditFilter, format: AuditExportFormat): Readable {
  const wire = async function* () {
    for await (const record of streamAuditRecords(sql, filter)) yield auditRecordWire(record);
  };
  if (format === 'json') {
    return Readable.from(
      (async function* () {
        yield '[';
        let first = true;
        for await (const record of wire()) {
          yield `${first ? '' : ','}\n${JSON.stringify(record)}`;
          first = false;
        }
        yield first ? ']\n' : '\n]\n';
      })(),
      { objectMode: false },
    );
  }
  const rows = Readable.from(
    (async function* () {
      for await (const record of wire()) {
        yield CSV_COLUMNS.map((column) => {
          const value = record[column];
          return value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
        });
      }
    })(),
  );
  const csv = csvStringify().stringify({ header: true, columns: [...CSV_COLUMNS] });
  rows.on('error', (error) => csv.destroy(error));
  return rows.pipe(csv);
}
