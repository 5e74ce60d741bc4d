import { describe, expect, it } from 'vitest';
import { runSignal } from './run-signal.js';

describe('run signal', () => {
  it('uses the outer signal itself when the run may abort it', () => {
    const outer = new AbortController();
    const run = runSignal(outer.signal, (reason) => outer.abort(reason));
    expect(run.signal).toBe(outer.signal);
    run.abort('cancelled');
    expect(outer.signal.reason).toBe('cancelled');
  });

  it('otherwise follows the outer signal with its own, which aborts without touching the outer one', () => {
    const parent = new AbortController();
    const child = runSignal(parent.signal);
    child.abort('child cancelled');
    expect([child.signal.aborted, parent.signal.aborted]).toEqual([true, false]);

    const other = runSignal(parent.signal);
    parent.abort('stopping');
    expect(other.signal.reason).toBe('stopping');
  });

  it('stops following once detached', () => {
    const parent = new AbortController();
    const run = runSignal(parent.signal);
    run.detach();
    parent.abort('late');
    expect(run.signal.aborted).toBe(false);
  });
});
