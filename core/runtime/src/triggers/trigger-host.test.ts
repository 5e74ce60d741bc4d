import { defineTrigger, z, type TriggerStartContext } from '@dwc/sdk';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../engine/index.js';
import { createEventBus } from '../events/event-bus.js';
import { CapabilityRegistry } from '../plugin-host/capability-registry.js';
import type { WorkflowRecord } from '../workflows/workflow-store.js';
import type { LeaderLock } from './leader-lock.js';
import { createTriggerHost, TRIGGER_CHANGED } from './trigger-host.js';

const logger = pino({ level: 'silent' });

function record(id: string, trigger: WorkflowDefinition['trigger'], active = true, version = 1): WorkflowRecord<WorkflowDefinition> {
  const definition = { name: id, trigger, steps: [] } as unknown as WorkflowDefinition;
  return { id, name: id, description: null, version, triggerType: trigger.type, triggerActive: active, definition, createdAt: new Date(0), updatedAt: new Date(0) };
}

function fakeLeader(initial: boolean): LeaderLock & { become(leader: boolean): void } {
  let leader = initial;
  const listeners: ((leader: boolean) => void)[] = [];
  return {
    isLeader: () => leader,
    onChange: (listener) => void listeners.push(listener),
    close: async () => undefined,
    become(next) {
      leader = next;
      for (const listener of listeners) listener(next);
    },
  };
}

function setup(leaderAtStart: boolean, listDelayMs = 0) {
  const started: string[] = [];
  const stopped: string[] = [];
  const contexts: TriggerStartContext[] = [];
  const registry = new CapabilityRegistry<ReturnType<typeof defineTrigger>>('trigger');
  registry.register(defineTrigger({ type: 'webhook', title: 'webhook', description: 'webhook', settings: z.strictObject({ method: z.string(), path: z.string() }), runsOn: 'every' }), 'fixture-plugin');
  for (const runsOn of ['one', 'every'] as const) {
    registry.register(defineTrigger({
      type: `on_${runsOn}`, title: runsOn, description: runsOn, settings: z.strictObject({ tag: z.string() }), runsOn,
      async start(settings, ctx) {
        started.push(settings.tag);
        contexts.push(ctx);
        return () => void stopped.push(settings.tag);
      },
    }), 'fixture-plugin');
  }
  const rows = new Map<string, WorkflowRecord<WorkflowDefinition>>();
  const events = createEventBus(logger);
  const fired: unknown[] = [];
  const leader = fakeLeader(leaderAtStart);
  const host = createTriggerHost({
    workflows: { get: async (id) => rows.get(id), listTriggerActive: async () => {
      await new Promise((resolve) => setTimeout(resolve, listDelayMs));
      return [...rows.values()].filter((r) => r.triggerActive);
    } },
    triggers: registry,
    events,
    fire: async (request) => (fired.push(request), { executionId: 'e1' }),
    state: { of: () => ({ get: async () => undefined, set: async () => undefined }) },
    records: () => ({ recent: async () => [] }),
    leader,
    logger,
  });
  return { host, rows, events, started, stopped, contexts, fired, leader, registry };
}

describe('trigger host', () => {
  it('starts single-process triggers on the leader only, and every-process ones everywhere', async () => {
    const t = setup(false);
    t.rows.set('a', record('a', { type: 'on_one', tag: 'one' }));
    t.rows.set('b', record('b', { type: 'on_every', tag: 'every' }));
    await t.host.start();
    expect(t.started).toEqual(['every']);
    t.leader.become(true);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await t.host.settled();
    expect(t.started.sort()).toEqual(['every', 'one']);
  });

  it('finds a webhook activated a moment ago, its change still being applied, and misses an unknown one', async () => {
    const t = setup(true);
    await t.host.start();
    t.rows.set('w', record('w', { type: 'webhook', method: 'POST', path: 'just-activated' }));
    t.events.emit(TRIGGER_CHANGED, { workflow_id: 'w', active: true });
    expect((await t.host.webhook('post', 'just-activated'))?.workflowId).toBe('w');
    expect(await t.host.webhook('POST', 'unknown')).toBeUndefined();
  });

  it('follows workflow.trigger_changed: restarts on a new version, stops when deactivated', async () => {
    const t = setup(true);
    t.rows.set('a', record('a', { type: 'on_every', tag: 'v1' }));
    await t.host.start();
    t.rows.set('a', record('a', { type: 'on_every', tag: 'v2' }, true, 2));
    t.events.emit(TRIGGER_CHANGED, { workflow_id: 'a', active: true, trigger: {} });
    await t.host.settled();
    expect(t.started).toEqual(['v1', 'v2']);
    expect(t.stopped).toEqual(['v1']);
    t.rows.set('a', record('a', { type: 'on_every', tag: 'v2' }, false, 2));
    t.events.emit(TRIGGER_CHANGED, { workflow_id: 'a', active: false, trigger: {} });
    await t.host.settled();
    expect(t.stopped).toEqual(['v1', 'v2']);
    expect(t.host.list()).toEqual([]);
  });

  it('fires through the workflow condition, and not after the trigger was stopped', async () => {
    const t = setup(true);
    t.rows.set('a', record('a', { type: 'on_every', tag: 'x', condition: 'input.n > 1' }));
    await t.host.start();
    const ctx = t.contexts[0]!;
    await ctx.emit({ n: 2 });
    expect(t.fired).toEqual([{ workflowId: 'a', type: 'on_every', condition: 'input.n > 1', data: { n: 2 }, options: undefined }]);
    expect(ctx.signal.aborted).toBe(false);
    t.registry.removePlugin('fixture-plugin');
    t.events.emit('plugin.disabled', { plugin: 'fixture-plugin' });
    await t.host.settled();
    expect(ctx.signal.aborted).toBe(true);
    expect(await ctx.emit({ n: 5 })).toBeUndefined();
    expect(t.fired).toHaveLength(1);
  });

  it('settled() waits for the re-sync a plugin (re)load starts, while it still lists the workflows', async () => {
    const t = setup(true, 50);
    t.rows.set('a', record('a', { type: 'on_every', tag: 'back' }));
    t.events.emit('plugin.loaded', { plugin: 'fixture-plugin' });
    await t.host.settled();
    expect(t.started).toEqual(['back']);
  });
});
