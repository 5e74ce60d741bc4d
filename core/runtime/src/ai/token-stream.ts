import type { EventBus } from '@dwc/sdk';

/**
 * Sends streamed text as `ai.token` events, several tokens coalesced into one event per
 * `coalesceMs` (0: one event per token), each numbered from 0 by `index`. `end()` sends what is left.
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
  };
}
