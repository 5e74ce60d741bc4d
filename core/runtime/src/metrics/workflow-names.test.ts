import { describe, expect, it } from 'vitest';
import { createWorkflowNames } from './workflow-names.js';

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('workflow names for metric labels', () => {
  it('answers unknown until the name is read, then the name, reading it once', async () => {
    const reads: string[] = [];
    const nameOf = createWorkflowNames(async (id) => (reads.push(id), id === 'w1' ? 'Daily digest' : undefined));
    expect(nameOf('w1')).toBe('unknown');
    expect(nameOf('w1')).toBe('unknown');
    await settle();
    expect(nameOf('w1')).toBe('Daily digest');
    expect(nameOf('gone')).toBe('unknown');
    await settle();
    expect(nameOf('gone')).toBe('unknown');
    expect(reads).toEqual(['w1', 'gone']);
  });

  it('reads a stale name again in the background and answers the old one meanwhile (a rename)', async () => {
    let clock = 0;
    let current = 'Daily digest';
    const nameOf = createWorkflowNames(async () => current, { refreshMs: 1000, now: () => clock });
    nameOf('w1');
    await settle();
    current = 'Morning digest';
    clock = 999;
    expect(nameOf('w1')).toBe('Daily digest');
    await settle();
    expect(nameOf('w1')).toBe('Daily digest');
    clock = 1000;
    expect(nameOf('w1')).toBe('Daily digest');
    await settle();
    expect(nameOf('w1')).toBe('Morning digest');
  });

  it('tries again after a failed read, and keeps no more than max workflows', async () => {
    let fail = true;
    const reads: string[] = [];
    const nameOf = createWorkflowNames(async (id) => {
      reads.push(id);
      if (fail) throw new Error('database away');
      return `name of ${id}`;
    }, { max: 2 });
    expect(nameOf('w1')).toBe('unknown');
    await settle();
    fail = false;
    expect(nameOf('w1')).toBe('unknown');
    await settle();
    expect(nameOf('w1')).toBe('name of w1');
    nameOf('w2');
    nameOf('w3');
    await settle();
    expect(nameOf('w1')).toBe('unknown');
    expect(reads).toEqual(['w1', 'w1', 'w2', 'w3', 'w1']);
  });
});
