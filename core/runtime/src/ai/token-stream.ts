import type { EventBus } from '@dwc/sdk';

/**
 * Sends streamed text as `ai.token` events, several tokens coalesced into one event per
 * `coalesceMs` (0: one event per token), each numbered from 0 by `index`. `end()` sends what is left.
 * When a provider fails mid-stream and the chain moves on, an event with `reset: true` (and the
 * failed `provider` and `reason`) says to discard the text received so far.
 */
export function createTokenStream(events: EventBus, ids: { execution_id: string; workflow_id: string; step_id: string }, coalesceMs: number) {
  let pending = '';
  let index = 0;
  let timer: NodeJS.Timeout | undefined;
  const send = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (pending === '') return;
    events.emit('ai.token', { ...ids, index: index++, text: pending });
    pending = '';
  };
  return {
    push(text: string): void {
      if (text === '') return;
      pending += text;
      if (coalesceMs === 0) send();
      else timer ??= setTimeout(send, coalesceMs);
    },
    end: send,
    /** The provider streaming so far failed and another takes over: drops what is pending and tells listeners to discard the text so far. */
    reset(attempt: { provider: string; reason: string }): void {
      if (timer) clearTimeout(timer);
      timer = undefined;
      pending = '';
      events.emit('ai.token', { ...ids, index: index++, text: '', reset: true, provider: attempt.provider, reason: attempt.reason });
    },
  };
}
