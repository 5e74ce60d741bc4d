import { describe, expect, it } from 'vitest';
import { createRooms } from './rooms.js';

describe('rooms', () => {
  it('creates a room on the first join and removes it when the last member leaves', () => {
    const rooms = createRooms<string>();
    expect(rooms.join('workflow', 'wf-1', 'a')).toBe(true);
    expect(rooms.join('workflow', 'wf-1', 'b')).toBe(true);
    expect(rooms.counts()).toEqual({ total: 1, by_kind: { workflow: 1, execution: 0, user: 0 } });
    expect([rooms.occupied('workflow'), rooms.occupied('execution')]).toEqual([1, 0]);
    expect(rooms.leave('workflow', 'wf-1', 'a')).toBe(true);
    expect([...rooms.members('workflow:wf-1')!]).toEqual(['b']);
    expect(rooms.leave('workflow', 'wf-1', 'b')).toBe(true);
    expect(rooms.members('workflow:wf-1')).toBeUndefined();
    expect(rooms.counts().total).toBe(0);
    expect(rooms.occupied('workflow')).toBe(0);
  });

  it('reports a repeated join or a leave of a room not joined as no change', () => {
    const rooms = createRooms<string>();
    rooms.join('execution', 'ex-1', 'a');
    expect(rooms.join('execution', 'ex-1', 'a')).toBe(false);
    expect(rooms.leave('execution', 'ex-2', 'a')).toBe(false);
    expect(rooms.counts().by_kind.execution).toBe(1);
  });

  it('keeps rooms of different kinds with the same id apart', () => {
    const rooms = createRooms<string>();
    rooms.join('workflow', 'x', 'a');
    rooms.join('user', 'x', 'b');
    expect([...rooms.members('workflow:x')!]).toEqual(['a']);
    expect([...rooms.members('user:x')!]).toEqual(['b']);
    expect(rooms.counts()).toEqual({ total: 2, by_kind: { workflow: 1, execution: 0, user: 1 } });
  });
});
