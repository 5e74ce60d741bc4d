// Audit log throughput on SQLite and Postgres, in one process: appends per second awaited one at a
// time (a security event before its response) and with many in flight (the request middleware,
// batched into shared transactions), then hash-chain verification in records per second.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuditService, createLogger, openDatabase, sqlClientOf, verifyAuditChain } from '@dwc/runtime';
import { benchPostgres } from './lib/postgres.js';
import { report, type Row } from './lib/report.js';

const SERIAL = Number(process.env.BENCH_AUDIT_SERIAL ?? 2_000);
const CONCURRENT = Number(process.env.BENCH_AUDIT_CONCURRENT ?? 20_000);
const IN_FLIGHT = Number(process.env.BENCH_AUDIT_IN_FLIGHT ?? 64);

const entry = (i: number) => ({
  action: 'http.request',
  outcome: 'success' as const,
  actor: `user:${i % 50}`,
  ip: '127.0.0.1',
  userAgent: 'bench/1.0',
  target: 'PUT /api/v3/workflows/{id}',
  after: { fields: ['name', 'steps'], id: `wf_${i}` },
  detail: { status: 200, request_id: `req-${i}`, params: { id: `wf_${i}` }, duration_ms: 1.23 },
});

async function measure(label: string, databaseUrl: string | undefined): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'dwc-bench-audit-'));
  const logger = createLogger({ level: 'warn' });
  const database = await openDatabase({ databaseUrl, dataDir: join(dir, 'data'), logger });
  try {
    await database.migrate();
    const sql = sqlClientOf(database);
    const audit = createAuditService({ sql, logger });

    let started = performance.now();
    for (let i = 0; i < SERIAL; i++) await audit.record(entry(i));
    const serialSeconds = (performance.now() - started) / 1000;

    started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < CONCURRENT) await audit.record(entry(next++));
      }),
    );
    const concurrentSeconds = (performance.now() - started) / 1000;
    await audit.close();

    started = performance.now();
    const verified = await verifyAuditChain(sql);
    const verifySeconds = (performance.now() - started) / 1000;
    if (!verified.ok || verified.checked !== SERIAL + CONCURRENT) throw new Error(`bench chain is wrong: ${JSON.stringify(verified)}`);
    return {
      database: label,
      'serial appends/s': Math.round(SERIAL / serialSeconds),
      [`appends/s (${IN_FLIGHT} in flight)`]: Math.round(CONCURRENT / concurrentSeconds),
      'verified records': verified.checked,
      'verify records/s': Math.round(verified.checked / verifySeconds),
    };
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows: Row[] = [await measure('sqlite', undefined)];
if (process.env.BENCH_SKIP_POSTGRES !== '1') {
  const postgres = await benchPostgres();
  try {
    rows.push(await measure('postgres', await postgres.createDatabase()));
  } finally {
    await postgres.stop();
  }
}
report('audit', rows, { serial: SERIAL, concurrent: CONCURRENT, in_flight: IN_FLIGHT, note: 'one process; appends on Postgres take pg_advisory_xact_lock per batch' });
