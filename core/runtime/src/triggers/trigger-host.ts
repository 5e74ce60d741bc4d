import type { EventBus, TriggerDefinition, TriggerRecords } from '@dwc/sdk';
import type { Logger } from 'pino';
import type { WorkflowDefinition } from '../engine/index.js';
import type { CapabilityRegistry } from '../plugin-host/capability-registry.js';
import type { WorkflowRecord, WorkflowStore } from '../workflows/workflow-store.js';
import type { FireTrigger } from './fire-trigger.js';
import type { LeaderLock } from './leader-lock.js';
import type { TriggerStateStore } from './trigger-state-store.js';
import { parseTrigger, type ParsedTrigger } from './trigger-settings.js';

/** The bus event sent when a workflow is activated, deactivated, or saved while active. */
export const TRIGGER_CHANGED = 'workflow.trigger_changed';

/** An active workflow's trigger as this process holds it. */
export interface ActiveTrigger {
  workflowId: string;
  version: number;
  trigger: ParsedTrigger;
  /** Stops the plugin's listener; absent when nothing listens here. */
  stop?: () => Promise<void>;
}

export type TriggerHost = ReturnType<typeof createTriggerHost>;

/**
 * Runs the triggers of active workflows. Every process knows every active trigger (the webhook
 * route looks its path up here); a plugin's listener runs on every process (`runsOn: 'every'`) or
 * on the leader only (`one`). It follows `workflow.trigger_changed` (from this process or, through
 * the event bridge, another), and plugins being loaded, disabled or failing.
 */
export function createTriggerHost(deps: {
  workflows: Pick<WorkflowStore<WorkflowDefinition>, 'get' | 'listTriggerActive'>;
  triggers: CapabilityRegistry<TriggerDefinition>;
  events: EventBus;
  fire: FireTrigger;
  state: TriggerStateStore;
  /** `ctx.records` of one workflow's trigger. */
  records: (workflowId: string) => TriggerRecords;
  leader: LeaderLock;
  logger: Logger;
  now?: () => number;
  /** False in a process that runs no work (an API-only process, a command): it serves webhooks but starts no listener. */
  listen?: boolean;
}) {
  const { logger } = deps;
  const active = new Map<string, ActiveTrigger>();
  /** `METHOD path` -> workflow id, for the webhook route. */
  const webhooks = new Map<string, string>();
  /** One change at a time per workflow, in order. */
  const pending = new Map<string, Promise<void>>();
  let stopped = false;

  const webhookKey = (trigger: ParsedTrigger): string | undefined => {
    if (trigger.type !== 'webhook') return undefined;
    const settings = trigger.settings as { method: string; path: string };
    return `${settings.method} ${settings.path}`;
  };

  function listensHere(definition: TriggerDefinition): definition is TriggerDefinition & Required<Pick<TriggerDefinition, 'start'>> {
    return deps.listen !== false && definition.start !== undefined && (definition.runsOn === 'every' || deps.leader.isLeader());
  }

  async function stopOne(workflowId: string): Promise<void> {
    const entry = active.get(workflowId);
    if (!entry) return;
    active.delete(workflowId);
    const key = webhookKey(entry.trigger);
    if (key !== undefined && webhooks.get(key) === workflowId) webhooks.delete(key);
    try {
      await entry.stop?.();
    } catch (error) {
      logger.error({ err: error, workflow_id: workflowId, trigger: entry.trigger.type }, 'trigger stop threw');
    }
  }

  async function startListener(workflowId: string, trigger: ParsedTrigger): Promise<(() => Promise<void>) | undefined> {
    const { definition } = trigger;
    if (!listensHere(definition)) return undefined;
    const controller = new AbortController();
    const log = logger.child({ workflow_id: workflowId, trigger: trigger.type, plugin: trigger.plugin });
    const stopListening = await definition.start(trigger.settings, {
      workflowId,
      log,
      signal: controller.signal,
      events: deps.events,
      state: deps.state.of(workflowId),
      records: deps.records(workflowId),
      now: deps.now ?? Date.now,
      emit: async (data, options) => {
        if (controller.signal.aborted) return undefined;
        const fired = await deps.fire({ workflowId, type: trigger.type, condition: trigger.condition, data, options });
        log.info({ execution_id: fired?.executionId ?? null }, fired ? 'trigger fired' : 'trigger condition refused the data');
        return fired;
      },
    });
    return async () => {
      controller.abort();
      await stopListening();
    };
  }

  async function apply(workflowId: string): Promise<void> {
    if (stopped) return;
    const record = await deps.workflows.get(workflowId);
    const current = active.get(workflowId);
    if (!record || !record.triggerActive) return stopOne(workflowId);
    let trigger: ParsedTrigger;
    try {
      trigger = parseTrigger(deps.triggers, record.definition.trigger);
    } catch (error) {
      if (current) logger.warn({ workflow_id: workflowId, err: error }, 'trigger stopped: its type is no longer available');
      return stopOne(workflowId);
    }
    const listens = listensHere(trigger.definition);
    if (current && current.version === record.version && current.trigger.definition === trigger.definition && (current.stop !== undefined) === listens) return;
    await stopOne(workflowId);
    const entry: ActiveTrigger = { workflowId, version: record.version, trigger };
    active.set(workflowId, entry);
    const key = webhookKey(trigger);
    if (key !== undefined) webhooks.set(key, workflowId);
    try {
      entry.stop = await startListener(workflowId, trigger);
      if (entry.stop) logger.info({ workflow_id: workflowId, trigger: trigger.type }, 'trigger listening');
    } catch (error) {
      logger.error({ err: error, workflow_id: workflowId, trigger: trigger.type, plugin: trigger.plugin }, 'trigger failed to start');
    }
  }

  /** Applies the workflow's stored state, after any change already queued for it. */
  function sync(workflowId: string): Promise<void> {
    const previous = pending.get(workflowId) ?? Promise.resolve();
    const next = previous.then(() => apply(workflowId)).catch((error: unknown) => logger.error({ err: error, workflow_id: workflowId }, 'trigger sync failed'));
    pending.set(workflowId, next);
    void next.then(() => {
      if (pending.get(workflowId) === next) pending.delete(workflowId);
    });
    return next;
  }

  /** Whole re-syncs under way: their workflow list is still being read, so no `sync` is queued yet. */
  const resyncs = new Set<Promise<void>>();

  function syncAll(): Promise<void> {
    const run = (async () => {
      const records: WorkflowRecord<WorkflowDefinition>[] = await deps.workflows.listTriggerActive();
      const ids = new Set([...records.map((r) => r.id), ...active.keys()]);
      await Promise.all([...ids].map(sync));
    })();
    resyncs.add(run);
    void run.finally(() => resyncs.delete(run)).catch(() => undefined);
    return run;
  }

  const unsubscribe = [
    deps.events.on(TRIGGER_CHANGED, (event) => void sync(String(event.payload.workflow_id))),
    deps.events.on('plugin.loaded', () => void syncAll().catch((error: unknown) => logger.error({ err: error }, 'trigger sync failed'))),
    deps.events.on('plugin.disabled', (event) => void stopPlugin(String(event.payload.plugin))),
    deps.events.on('plugin.failed', (event) => void stopPlugin(String(event.payload.plugin))),
  ];

  function stopPlugin(plugin: string): Promise<void[]> {
    return Promise.all([...active.values()].filter((entry) => entry.trigger.plugin === plugin).map((entry) => sync(entry.workflowId)));
  }

  deps.leader.onChange(() => void syncAll().catch((error: unknown) => logger.error({ err: error }, 'trigger sync failed')));

  return {
    /** Starts the triggers of every active workflow (at start-up). */
    start: syncAll,
    /** Waits for the changes under way (tests). */
    settled: async (): Promise<void> => {
      await Promise.allSettled(resyncs);
      await Promise.all(pending.values());
    },
    /**
     * The active webhook trigger on `METHOD path`. On a miss it waits for the trigger changes under
     * way and looks again: a workflow activated a moment ago (its change is applied after a read of
     * the workflow) must not answer 404 to a call made right after the activation was answered.
     */
    async webhook(method: string, path: string): Promise<ActiveTrigger | undefined> {
      const key = `${method.toUpperCase()} ${path}`;
      const lookUp = () => {
        const id = webhooks.get(key);
        return id === undefined ? undefined : active.get(id);
      };
      const found = lookUp();
      if (found !== undefined || (pending.size === 0 && resyncs.size === 0)) return found;
      await Promise.allSettled([...resyncs, ...pending.values()]);
      return lookUp();
    },
    /** What listens here now (health, tests). */
    list: (): ActiveTrigger[] => [...active.values()],
    /** Fires the workflow through its trigger's condition (the webhook route). */
    fire: deps.fire,
    async stop(): Promise<void> {
      stopped = true;
      for (const off of unsubscribe) off();
      await Promise.allSettled(resyncs);
      await Promise.all([...pending.values()]);
      await Promise.all([...active.keys()].map(stopOne));
      await deps.leader.close();
    },
  };
}
