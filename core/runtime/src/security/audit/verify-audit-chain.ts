import type { SqlClient } from '../../storage/sql-client.js';
import { auditRecordHash, GENESIS_HASH } from './audit-hash.js';
import { AUDIT_COLUMNS, hashedFieldsOf, type AuditRow } from './audit-record.js';

export type ChainFault = 'hash_mismatch' | 'broken_link' | 'gap' | 'out_of_order';

export interface ChainReport {
  ok: boolean;
  /** Records examined (up to and including the first bad one). */
  checked: number;
  /** The last good record; absent when the log is empty or the first record is bad. */
  head?: { seq: number; hash: string };
  first_bad?: { seq: number; id: string; reason: ChainFault };
  verified_at: string;
}

const BATCH = 1_000;
/** How far ahead to look for the record a misplaced one should follow. */
const LOOKAHEAD = 16;

/**
 * Walks `audit_events` in `seq` order, a batch at a time, and checks for each record, in this
 * order: its `seq` follows the previous one (`gap` when numbers are missing, `out_of_order` when
 * they go back); its `prev_hash` is the previous record's hash (`out_of_order` when it is the
 * hash of a record further on, i.e. records were swapped; otherwise `broken_link`); its stored
 * hash matches its fields (`hash_mismatch`). Stops at the first bad record.
 */
export async function verifyAuditChain(sql: SqlClient, options: { batchSize?: number } = {}): Promise<ChainReport> {
  const batchSize = options.batchSize ?? BATCH;
  let checked = 0;
  let previous: { seq: number; hash: string } | undefined;
  const bad = (seq: number, id: string, reason: ChainFault): ChainReport => ({
    ok: false,
    checked,
    ...(previous ? { head: previous } : {}),
    first_bad: { seq, id, reason },
    verified_at: new Date().toISOString(),
  });

  for (;;) {
    const rows = await sql.all<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_events WHERE seq > ? ORDER BY seq LIMIT ?`, [previous?.seq ?? 0, batchSize]);
    if (rows.length === 0) break;
    for (let i = 0; i < rows.length; i++) {
      const fields = hashedFieldsOf(sql, rows[i]!);
      checked += 1;
      const expectedSeq = (previous?.seq ?? 0) + 1;
      if (fields.seq !== expectedSeq) return bad(fields.seq, fields.id, fields.seq > expectedSeq ? 'gap' : 'out_of_order');
      const expectedPrev = previous?.hash ?? GENESIS_HASH;
      if (fields.prevHash !== expectedPrev) {
        const ahead = await sql.all<{ hash: string }>('SELECT hash FROM audit_events WHERE seq > ? ORDER BY seq LIMIT ?', [fields.seq, LOOKAHEAD]);
        return bad(fields.seq, fields.id, ahead.some((row) => row.hash === fields.prevHash) ? 'out_of_order' : 'broken_link');
      }
      if (auditRecordHash(fields) !== fields.hash) return bad(fields.seq, fields.id, 'hash_mismatch');
      previous = { seq: fields.seq, hash: fields.hash };
    }
    if (rows.length < batchSize) break;
  }
  return { ok: true, checked, ...(previous ? { head: previous } : {}), verified_at: new Date().toISOString() };
}
