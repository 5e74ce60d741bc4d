import type { DwcEvent, EventBus, EventHandler } from '@dwc/sdk';

/** The SDK's `EventBus` contract in a few lines, so API tests need not load the runtime. */
export function memoryEventBus(): EventBus {
  const subscriptions = new Set<{ pattern: string; handler: EventHandler }>();
  const matches = (pattern: string, type: string): boolean =>
    pattern === '*' || pattern === type || (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1)));
  return {
    emit(type, payload = {}) {
      const event: DwcEvent = { type, timestamp: new Date().toISOString(), payload };
      for (const { pattern, handler } of [...subscriptions]) if (matches(pattern, type)) handler(event);
    },
    on(pattern, handler) {
      const subscription = { pattern, handler };
      subscriptions.add(subscription);
      return () => void subscriptions.delete(subscription);
    },
  };
}
