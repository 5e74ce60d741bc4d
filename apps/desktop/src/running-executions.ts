import type { EventBus } from '@dwc/sdk';

export interface RunningExecutions {
  readonly count: number;
  /** Called with the new count whenever it changes; returns the unsubscribe. */
  onChange(listener: (count: number) => void): () => void;
  stop(): void;
}

const ENDED = ['execution.succeeded', 'execution.failed', 'execution.cancelled'] as const;

/**
 * The executions running in this process, kept from the runtime's events: `execution.started`
 * adds one, `succeeded`, `failed` and `cancelled` remove it. `initial` seeds the set with those
 * already running at start (resumed after a crash, which emit no `started`).
 */
export function trackRunningExecutions(events: EventBus, initial: readonly string[] = []): RunningExecutions {
  const running = new Set(initial);
  const listeners = new Set<(count: number) => void>();
  const changed = () => {
    for (const listener of listeners) listener(running.size);
  };
  const idOf = (payload: unknown): string | undefined => {
    const id = (payload as { execution_id?: unknown } | undefined)?.execution_id;
    return typeof id === 'string' ? id : undefined;
  };
  const offs = [
    events.on('execution.started', (event) => {
      const id = idOf(event.payload);
      if (id !== undefined && !running.has(id)) {
        running.add(id);
        changed();
      }
    }),
    ...ENDED.map((type) =>
      events.on(type, (event) => {
        const id = idOf(event.payload);
        if (id !== undefined && running.delete(id)) changed();
      }),
    ),
  ];
  return {
    get count() {
      return running.size;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    stop() {
      for (const off of offs) off();
      listeners.clear();
    },
  };
}
