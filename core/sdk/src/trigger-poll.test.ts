import { describe, expect, it, vi } from 'vitest';
import { pollEvery } from './trigger-poll.js';

describe('pollEvery', () => {
  it('checks again after a failed check, logs the failure, and stops after the check in progress', async () => {
    const controller = new AbortController();
    const warn = vi.fn();
    let calls = 0;
    let release: () => void = () => undefined;
    const stop = pollEvery({ signal: controller.signal, log: { warn } as never }, 1, async () => {
      calls++;
      if (calls === 1) throw new Error('source down');
      if (calls === 3) await new Promise<void>((resolve) => (release = resolve));
    }, 'test poll');
    await vi.waitFor(() => expect(calls).toBe(3));
    expect(warn).toHaveBeenCalledWith({ err: expect.objectContaining({ message: 'source down' }) }, 'test poll failed');
    controller.abort();
    let stopped = false;
    const stopping = stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(stopped).toBe(false);
    release();
    await stopping;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls).toBe(3);
  });
});
