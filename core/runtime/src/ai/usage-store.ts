import type { Logger } from 'pino';
import { newId } from '../storage/new-id.js';
import type { SqlClient } from '../storage/sql-client.js';
import { whereClause } from '../storage/where-clause.js';

/** One AI call as recorded. */
export interface AiUsageEntry {
  provider: string;
  model: string;
  operation: 'generate' | 'analyze' | 'embed';
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  costUsd: number | null;
  cached: boolean;
  outcome: 'ok' | 'failed';
  reason?: string | undefined;
  executionId?: string | undefined;
  stepId?: string | undefined;
  workflowId?: string | undefined;
}

export type UsageGroup = 'provider' | 'model' | 'workflow' | 'execution' | 'step' | 'operation' | 'none';

export interface UsageFilter {
  workflowId?: string | undefined;
  executionId?: string | undefined;
  stepId?: string | undefined;
  provider?: string | undefined;
  /** Only calls made from then on. */
  since?: Date | undefined;
  /** Only calls made by workflows created from AI templates. */
  aiWorkflowsOnly?: boolean | undefined;
}

export interface AiUsageAggregate {
  /** The group's value (provider name, workflow id ...); null for `none` or a missing id. */
  key: string | null;
  calls: number;
  failed: number;
  cached: number;
  inputTokens: number;
  outputTokens: number;
  /** Sum over priced calls; null when none of the group's calls had a price. */
  costUsd: number | null;
  avgLatencyMs: number;
}

const GROUP_COLUMN: Record<Exclude<UsageGroup, 'none'>, string> = {
  provider: 'provider', model: "provider || '/' || model", workflow: 'workflow_id', execution: 'execution_id', step: "execution_id || ':' || step_id", operation: 'operation',
};
const COLUMNS = 'id, created_at, provider, model, operation, input_tokens, output_tokens, latency_ms, cost_usd, cached, outcome, reason, execution_id, step_id, workflow_id';
const MAX_BATCH = 200;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Ids that keep the order calls were recorded in, even within one millisecond. */
function monotonicIds(): () => string {
  let last = '';
  return () => {
    let id = newId();
    if (id <= last) {
      const chars = last.split('');
      for (let i = chars.length - 1; i >= 10; i--) {
        const next = ALPHABET.indexOf(chars[i]!) + 1;
        if (next < ALPHABET.length) {
          chars[i] = ALPHABET[next]!;
          break;
        }
        chars[i] = '0';
      }
      id = chars.join('');
    }
    last = id;
    return id;
  };
}

export type AiUsageStore = ReturnType<typeof createAiUsageStore>;

/**
 * The `ai_usage` table. `record` is off the caller's path: rows are buffered and written as one
 * multi-row INSERT shortly after (or at `MAX_BATCH` rows); every read flushes first, so a query
 * sees all calls this process made.
 */
export function createAiUsageStore(sql: SqlClient, options: { logger: Logger; flushAfterMs?: number; onRecord?: (entry: AiUsageEntry) => void }) {
  let buffer: (AiUsageEntry & { id: string; createdAt: Date })[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  const flushAfterMs = options.flushAfterMs ?? 50;
  const nextId = monotonicIds();

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const rows = buffer;
    buffer = [];
    if (rows.length > 0) {
      const placeholders = rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
      const params = rows.flatMap((r) => [
        r.id, r.createdAt, r.provider, r.model, r.operation, r.inputTokens, r.outputTokens, Math.round(r.latencyMs), r.costUsd, r.cached, r.outcome,
        r.reason ?? null, r.executionId ?? null, r.stepId ?? null, r.workflowId ?? null,
      ]);
      writing = writing.then(() => sql.run(`INSERT INTO ai_usage (${COLUMNS}) VALUES ${placeholders}`, params)).then(
        () => undefined,
        (err: unknown) => options.logger.error({ err, rows: rows.length }, 'could not record AI usage'),
      );
    }
    return writing;
  }

  return {
    record(entry: AiUsageEntry): void {
      options.onRecord?.(entry);
      buffer.push({ ...entry, id: nextId(), createdAt: new Date() });
      if (buffer.length >= MAX_BATCH) void flush();
      else timer ??= setTimeout(() => void flush(), flushAfterMs);
    },

    flush,

    /** Totals per group (`none`: one row for everything matching). */
    async aggregate(filter: UsageFilter, group: UsageGroup): Promise<AiUsageAggregate[]> {
      await flush();
      const where = whereClause([
        ['workflow_id = ?', filter.workflowId],
        ['execution_id = ?', filter.executionId],
        ['step_id = ?', filter.stepId],
        ['provider = ?', filter.provider],
        ['created_at >= ?', filter.since],
        ['workflow_id IN (SELECT workflow_id FROM ai_workflows)', filter.aiWorkflowsOnly ? 1 : undefined],
      ]);
      const key = group === 'none' ? 'NULL' : GROUP_COLUMN[group];
      const rows = await sql.all(
        `SELECT ${key} AS key, COUNT(*) AS calls,
           SUM(CASE WHEN outcome = 'failed' THEN 1 ELSE 0 END) AS failed,
           SUM(CASE WHEN cached THEN 1 ELSE 0 END) AS cached,
           SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens,
           SUM(cost_usd) AS cost_usd, AVG(latency_ms) AS avg_latency_ms
         FROM ai_usage ${where.sql}${group === 'none' ? '' : ` GROUP BY ${key}`} ORDER BY calls DESC LIMIT 500`,
        where.params,
      );
      return rows
        .filter((row) => sql.fromInt(row.calls) > 0)
        .map((row) => ({
          key: (row.key as string | null) ?? null,
          calls: sql.fromInt(row.calls),
          failed: sql.fromInt(row.failed ?? 0),
          cached: sql.fromInt(row.cached ?? 0),
          inputTokens: sql.fromInt(row.input_tokens ?? 0),
          outputTokens: sql.fromInt(row.output_tokens ?? 0),
          costUsd: row.cost_usd === null || row.cost_usd === undefined ? null : Number(row.cost_usd),
          avgLatencyMs: Math.round(Number(row.avg_latency_ms ?? 0)),
        }));
    },

    /** The recorded calls of one execution, oldest first. */
    async calls(filter: UsageFilter & { limit?: number }): Promise<(AiUsageEntry & { id: string; createdAt: Date })[]> {
      await flush();
      const where = whereClause([
        ['workflow_id = ?', filter.workflowId],
        ['execution_id = ?', filter.executionId],
        ['step_id = ?', filter.stepId],
        ['provider = ?', filter.provider],
      ]);
      const rows = await sql.all(`SELECT ${COLUMNS} FROM ai_usage ${where.sql} ORDER BY id LIMIT ?`, [...where.params, filter.limit ?? 1000]);
      return rows.map((row) => ({
        id: row.id as string,
        createdAt: sql.fromDate(row.created_at)!,
        provider: row.provider as string,
        model: row.model as string,
        operation: row.operation as AiUsageEntry['operation'],
        inputTokens: sql.fromInt(row.input_tokens),
        outputTokens: sql.fromInt(row.output_tokens),
        latencyMs: sql.fromInt(row.latency_ms),
        costUsd: row.cost_usd === null ? null : Number(row.cost_usd),
        cached: sql.fromBool(row.cached),
        outcome: row.outcome as AiUsageEntry['outcome'],
        reason: (row.reason as string | null) ?? undefined,
        executionId: (row.execution_id as string | null) ?? undefined,
        stepId: (row.step_id as string | null) ?? undefined,
        workflowId: (row.workflow_id as string | null) ?? undefined,
      }));
    },

    /** Writes what is buffered; later records are written at once. */
    close: flush,
  };
}
