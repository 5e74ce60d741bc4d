import type { Logger } from 'pino';
import type { Database } from '../storage/database.js';
import { firstIdAt } from '../storage/new-id.js';
import { reclaimSqliteSpace } from '../storage/sqlite-space.js';
import type { SqlClient, SqlQueries } from '../storage/sql-client.js';
import { deleteFinishedTasks } from './delete-finished-tasks.js';
import { deleteExecutions, noRowsPruned, type PruneCandidate, type PrunedRows } from './delete-executions.js';
import { retentionRules, type RetentionRule, type RuleScope, type ServerRetention } from './retention-rules.js';
import { createWorkflowRetentions } from './workflow-retentions.js';

const DAY_MS = 86_400_000;
/** Executions removed per transaction: small, so writers wait at most a few milliseconds. */
export const PRUNE_BATCH = 200;
/** Pause between batches, so queued writes go first. */
const PAUSE_MS = 2;
/** Postgres advisory lock held by the process pruning, for the span of one batch. */
export const PRUNE_LOCK_KEY = 0x64776302;
const FINISHED = "('succeeded', 'failed', 'cancelled')";
const UNFINISHED = "('queued', 'running', 'waiting')";

export interface PrunerOptions {
  database: Database;
  sql: SqlClient;
  logger: Logger;
  retention: ServerRetention;
  intervalMs: number;
  batchSize?: number;
}

export interface PruneReport extends PrunedRows {
  /** SQLite pages given back to the disk. */
  freedPages: number;
}

export type ExecutionPruner = ReturnType<typeof createExecutionPruner>;

/**
 * Removes finished executions past the retention (the server's, or a workflow's own
 * `settings.retention`) in small batches, each its own short transaction. An execution that is
 * queued, running or waiting is never a candidate, nor a finished one whose parent or child is
 * still unfinished or whose job is still queued or running (n8n-io/n8n #7333 removed live runs).
 */
export function createExecutionPruner(options: PrunerOptions) {
  const { sql, logger } = options;
  const batchSize = options.batchSize ?? PRUNE_BATCH;
  const workflowRetentions = createWorkflowRetentions(sql);
  let timer: NodeJS.Timeout | undefined;
  let stopping = false;
  let pass: Promise<PruneReport> | undefined;

  async function cutoff(rule: RetentionRule, now: number): Promise<string | undefined> {
    if ('days' in rule) return firstIdAt(now - rule.days * DAY_MS);
    const scope = scopeSql(rule.scope);
    // The count-th newest execution of the scope: everything older than it is past the count.
    const row = await sql.get<{ id: string }>(`SELECT e.id FROM executions e WHERE 1 = 1${scope.sql} ORDER BY e.id DESC LIMIT 1 OFFSET ?`, [...scope.params, rule.count - 1]);
    return row?.id;
  }

  async function candidates(q: SqlQueries, scope: RuleScope, before: string): Promise<PruneCandidate[]> {
    const where = scopeSql(scope);
    const rows = await q.all<{ id: string; workflow_id: string }>(
      `SELECT e.id, e.workflow_id FROM executions e
       WHERE e.status IN ${FINISHED} AND e.id < ?${where.sql}
         AND NOT EXISTS (SELECT 1 FROM executions p WHERE p.id = e.parent_execution_id AND p.status IN ${UNFINISHED})
         AND NOT EXISTS (SELECT 1 FROM executions c WHERE c.parent_execution_id = e.id AND c.status IN ${UNFINISHED})
         AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.id = e.id AND j.status IN ('queued', 'running'))
       ORDER BY e.id LIMIT ?`,
      [before, ...where.params, batchSize],
    );
    return rows.map((row) => ({ id: row.id, workflowId: row.workflow_id }));
  }

  /** `work` in one transaction; undefined when another process holds the pruning lock. */
  function locked<T>(work: (tx: SqlQueries) => Promise<T>): Promise<T | undefined> {
    return sql.transaction(async (tx) => {
      if (sql.dialect === 'postgres') {
        const lock = await tx.get<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock(?) AS ok', [PRUNE_LOCK_KEY]);
        if (!lock?.ok) return undefined;
      }
      return work(tx);
    });
  }

  function pruneBatch(scope: RuleScope, before: string, withDocuments: (workflowId: string) => boolean): Promise<{ found: number; rows: PrunedRows } | undefined> {
    return locked(async (tx) => {
      const batch = await candidates(tx, scope, before);
      return { found: batch.length, rows: await deleteExecutions(tx, batch, withDocuments) };
    });
  }

  /** Finished background tasks older than the server's days; false when another process is pruning. */
  async function pruneTasks(report: PruneReport, now: number): Promise<boolean> {
    if (options.retention.days === 0) return true;
    const before = firstIdAt(now - options.retention.days * DAY_MS);
    while (!stopping) {
      const removed = await locked((tx) => deleteFinishedTasks(tx, before, batchSize));
      if (removed === undefined) return false;
      report.tasks += removed;
      if (removed < batchSize) break;
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    }
    return true;
  }

  async function pruneOnce(now = Date.now()): Promise<PruneReport> {
    const started = performance.now();
    const report: PruneReport = { ...noRowsPruned(), freedPages: 0 };
    const retentions = await workflowRetentions();
    const withDocuments = (workflowId: string) => retentions.get(workflowId)?.delete_documents === true;
    let gotLock = await pruneTasks(report, now);
    rules: for (const rule of gotLock ? retentionRules(options.retention, retentions) : []) {
      const before = await cutoff(rule, now);
      if (before === undefined) continue;
      while (!stopping) {
        const result = await pruneBatch(rule.scope, before, withDocuments);
        if (result === undefined) {
          gotLock = false;
          break rules;
        }
        for (const key of Object.keys(result.rows) as (keyof PrunedRows)[]) report[key] += result.rows[key];
        if (result.found < batchSize || result.rows.executions === 0) break;
        await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      }
    }
    if (report.executions + report.tasks > 0 && !stopping) report.freedPages = await reclaimSqliteSpace(options.database);
    if (report.executions + report.tasks > 0) {
      logger.info({ ...report, ms: Math.round(performance.now() - started) }, `removed ${report.executions} finished execution(s) and ${report.tasks} finished task(s) past retention`);
    } else if (!gotLock) {
      logger.debug('another process is pruning; skipped this pass');
    }
    return report;
  }

  function schedule(): void {
    if (stopping) return;
    timer = setTimeout(() => {
      pass = pruneOnce()
        .catch((error: unknown) => {
          logger.warn({ err: error }, 'pruning executions failed; trying again at the next interval');
          return { ...noRowsPruned(), freedPages: 0 };
        })
        .finally(schedule);
    }, options.intervalMs);
    timer.unref();
  }

  return {
    /** Applies the retention once, now; resolves with what it removed. */
    pruneOnce,
    /** Prunes every `intervalMs`, the first time one interval after start. */
    start(): void {
      stopping = false;
      schedule();
    },
    /** Stops after the batch under way. */
    async stop(): Promise<void> {
      stopping = true;
      clearTimeout(timer);
      await pass;
    },
  };
}

function scopeSql(scope: RuleScope): { sql: string; params: string[] } {
  if ('workflowId' in scope) return { sql: ' AND e.workflow_id = ?', params: [scope.workflowId] };
  if (scope.except.length === 0) return { sql: '', params: [] };
  return { sql: ` AND e.workflow_id NOT IN (${scope.except.map(() => '?').join(', ')})`, params: [...scope.except] };
}
