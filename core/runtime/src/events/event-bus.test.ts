import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { createEventBus } from './event-bus.js';

const silent = pino({ level: 'silent' });

describe('event bus', () => {
  it('delivers to exact, prefix and wildcard subscribers with a UTC timestamp', () => {
    const bus = createEventBus(silent);
    const seen: string[] = [];
    bus.on('execution.started', () => seen.push('exact'));
    bus.on('execution.*', () => seen.push('prefix'));
    bus.on('*', (event) => seen.push(`all:${event.timestamp.endsWith('Z')}`));
    bus.on('plugin.*', () => seen.push('other prefix'));
    bus.emit('execution.started', { id: 'e1' });
    expect(seen).toEqual(['exact', 'prefix', 'all:true']);
  });

  it('stamps each event with the current time', () => {
    vi.useFakeTimers({ now: new Date('2026-03-04T05:06:07.008Z') });
    try {
      const bus = createEventBus(silent);
      const stamps: string[] = [];
      bus.on('*', (event) => stamps.push(event.timestamp));
      bus.emit('a.one');
      bus.emit('a.two');
      vi.advanceTimersByTime(5);
      bus.emit('a.three');
      expect(stamps).toEqual(['2026-03-04T05:06:07.008Z', '2026-03-04T05:06:07.008Z', '2026-03-04T05:06:07.013Z']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps delivering when a handler throws', () => {
    const bus = createEventBus(silent);
    const seen: unknown[] = [];
    bus.on('x', () => {
      throw new Error('boom');
    });
    bus.on('x', (event) => seen.push(event.payload));
    bus.emit('x', { n: 1 });
    expect(seen).toEqual([{ n: 1 }]);
  });

  it('stops delivering after unsubscribe', () => {
    const bus = createEventBus(silent);
    let count = 0;
    const off = bus.on('x', () => count++);
    bus.emit('x');
    off();
    bus.emit('x');
    expect(count).toBe(1);
  });
});
