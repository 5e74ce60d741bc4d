import type { DwcEvent, EventBus, EventHandler } from '@dwc/sdk';
import type { Logger } from 'pino';

/** Sets up the in-process event bus described by the SDK's `EventBus` contract. */
export function createEventBus(logger: Logger): EventBus {
  const exact = new Map<string, Set<EventHandler>>();
  const prefixes = new Map<string, Set<EventHandler>>();
  const all = new Set<EventHandler>();

  const deliver = (handlers: Iterable<EventHandler>, event: DwcEvent) => {
    for (const handler of handlers) {
      try {
        handler(event);
      } catch (error) {
        logger.error({ err: error, event: event.type }, 'event handler threw; other handlers still ran');
      }
    }
  };

  return {
    emit(type, payload = {}) {
      const event: DwcEvent = { type, timestamp: isoNow(), payload };
      const direct = exact.get(type);
      if (direct) deliver(direct, event);
      for (const [prefix, handlers] of prefixes) {
        if (type.startsWith(prefix)) deliver(handlers, event);
      }
      deliver(all, event);
    },
    on(pattern, handler) {
      let set: Set<EventHandler>;
      if (pattern === '*') set = all;
      else if (pattern.endsWith('.*')) set = getOrCreate(prefixes, pattern.slice(0, -1));
      else set = getOrCreate(exact, pattern);
      set.add(handler);
      return () => {
        set.delete(handler);
      };
    },
  };
}

// Events come in bursts within one millisecond, so its ISO text is kept.
let lastMs = Number.NaN;
let lastIso = '';

function isoNow(): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastIso = new Date(now).toISOString();
    lastMs = now;
  }
  return lastIso;
}

function getOrCreate(map: Map<string, Set<EventHandler>>, key: string): Set<EventHandler> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}
