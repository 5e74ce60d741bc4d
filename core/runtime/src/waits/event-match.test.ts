import { describe, expect, it } from 'vitest';
import { awaitedTypesOf, eventData, matchesEvent } from './event-match.js';

describe('event matching for wait.event', () => {
  it('hears a posted event under its own type and under external.<type>', () => {
    expect(awaitedTypesOf('external.order_paid')).toEqual(['order_paid', 'external.order_paid']);
    expect(awaitedTypesOf('document.created')).toEqual(['document.created']);
  });

  it("matches a posted event's data, and an internal event's payload", () => {
    expect(eventData({ type: 'external.x', timestamp: '', payload: { type: 'x', data: { a: 1 }, user_id: 'u' } })).toEqual({ a: 1 });
    expect(eventData({ type: 'document.created', timestamp: '', payload: { id: 'd' } })).toEqual({ id: 'd' });
  });

  it('requires every dotted path to equal its value, objects compared as JSON', () => {
    const data = { order: { id: 'o1', lines: [1, 2] }, paid: true };
    expect(matchesEvent({ 'order.id': 'o1', paid: true }, data)).toBe(true);
    expect(matchesEvent({ 'order.lines': [1, 2] }, data)).toBe(true);
    expect(matchesEvent({ 'order.id': 'o2' }, data)).toBe(false);
    expect(matchesEvent({ 'order.missing': undefined, paid: false }, data)).toBe(false);
    expect(matchesEvent({ 'order.constructor': undefined }, data)).toBe(true);
    expect(matchesEvent({}, data)).toBe(true);
  });
});
