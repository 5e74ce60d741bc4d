/** An event on the bus. `type` is dotted (`execution.started`, `plugin.failed`). */
export interface DwcEvent<Payload = Record<string, unknown>> {
  type: string;
  /** ISO-8601 UTC time the event was emitted. */
  timestamp: string;
  payload: Payload;
}

export type EventHandler = (event: DwcEvent) => void;

/**
 * The in-process event bus. Handlers run synchronously in the order they subscribed; a handler
 * that throws is logged and does not stop the others.
 */
export interface EventBus {
  emit(type: string, payload?: Record<string, unknown>): void;
  /** Subscribes to one type, a prefix ending in `.*` (`execution.*`), or `*` for all. Returns the unsubscribe function. */
  on(pattern: string, handler: EventHandler): () => void;
}
