import { z } from 'zod';
import type { DocumentDraft } from './document.js';
import type { EventBus } from './events.js';
import type { Logger } from './logger.js';
import { assertCapabilityId, assertFunction } from './capability-id.js';
import { checkI18n, type I18nTexts } from './i18n/i18n.js';

export interface TriggerEmitOptions {
  /** Documents handed to the run (e.g. the file a `file_watch` saw): stored as documents before the execution is written; their ids reach the run as `input.documents`. */
  documents?: DocumentDraft[];
}

/**
 * Fires the workflow the trigger belongs to, with `data` as the execution's input. Resolves once
 * the execution is written (durable), with its id, or with undefined when the workflow's
 * `condition` refused the data or the trigger was already stopped.
 */
export type TriggerEmit = (data: Record<string, unknown>, options?: TriggerEmitOptions) => Promise<{ executionId: string } | undefined>;

/** What a trigger remembers across restarts, per workflow, under keys of its choosing. */
export interface TriggerState {
  get<Value = unknown>(key: string): Promise<Value | undefined>;
  set(key: string, value: unknown): Promise<void>;
}

/** Read-only views of what the engine stores, for triggers that watch them. */
export interface TriggerRecords {
  /**
   * The latest `limit` documents or executions (newest first), other workflows' only, without
   * contents: documents `{id, title, format, metadata, workflow_id, execution_id, step_id, created_at}`,
   * executions `{id, workflow_id, version, status, started_at, finished_at}`.
   */
  recent(kind: 'documents' | 'executions', limit: number): Promise<Record<string, unknown>[]>;
}

export interface TriggerStartContext {
  workflowId: string;
  log: Logger;
  /** Aborted when the trigger must stop listening (workflow disabled, plugin disabled, shutdown). */
  signal: AbortSignal;
  emit: TriggerEmit;
  /** The process's event bus (internal events, and `external.<type>` from `POST /api/v3/events`). */
  events: EventBus;
  /** Stored state; a restart resumes from it. */
  state: TriggerState;
  records: TriggerRecords;
  /** The current time; tests hand in a clock. */
  now(): number;
}

/**
 * Where a trigger listens when several processes share one database: `one` (a single process,
 * e.g. a folder watch or a poll, so nothing fires twice) or `every` (each process, e.g. events
 * that are emitted on the process where they happen).
 */
export type TriggerRunsOn = 'one' | 'every';

export interface TriggerSpec<Settings extends z.ZodType> {
  /** Registry key, e.g. `webhook`, `schedule`, `file_watch`. */
  type: string;
  title: string;
  description: string;
  /** Texts in other languages (`es`): name, description and the settings form's fields by path. */
  i18n?: I18nTexts;
  /** Per-workflow trigger settings (`trigger: { type, ...settings }` in a workflow definition). */
  settings: Settings;
  /** Default `one`. */
  runsOn?: TriggerRunsOn;
  /**
   * Starts listening for one workflow. Returns a function that stops listening. Absent for triggers
   * the host serves itself (`manual`, `api_call`, the `webhook` route, `schedule` by the scheduler).
   */
  start?(settings: z.output<Settings>, ctx: TriggerStartContext): Promise<() => Promise<void> | void>;
}

export interface TriggerDefinition<Settings extends z.ZodType = z.ZodType> extends TriggerSpec<Settings> {
  readonly kind: 'trigger';
  readonly runsOn: TriggerRunsOn;
}

/** Declares a trigger. */
export function defineTrigger<Settings extends z.ZodType>(spec: TriggerSpec<Settings>): TriggerDefinition<Settings> {
  assertCapabilityId('defineTrigger', spec.type);
  if (!(spec.settings instanceof z.ZodType)) {
    throw new TypeError(`defineTrigger(${spec.type}): "settings" must be a zod schema.`);
  }
  if (spec.start !== undefined) assertFunction(`defineTrigger(${spec.type})`, 'start', spec.start);
  checkI18n(`defineTrigger(${spec.type})`, spec.i18n, [spec.settings]);
  const runsOn = spec.runsOn ?? 'one';
  if (runsOn !== 'one' && runsOn !== 'every') throw new TypeError(`defineTrigger(${spec.type}): "runsOn" must be 'one' or 'every'.`);
  return Object.freeze({ ...spec, runsOn, kind: 'trigger' as const });
}
