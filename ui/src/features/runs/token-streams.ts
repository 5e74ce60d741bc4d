import { useSyncExternalStore } from 'react';

/** The AI text streamed so far per step of one run; readers subscribe, so only they re-render as it grows. */
export interface TokenStreams {
  text(stepId: string): string | undefined;
  subscribe(listener: () => void): () => void;
}

export function createTokenStreams(): TokenStreams & { set(texts: Readonly<Record<string, string>>): void } {
  let texts: Readonly<Record<string, string>> = {};
  const listeners = new Set<() => void>();
  return {
    text: (stepId) => texts[stepId],
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      texts = next;
      for (const listener of listeners) listener();
    },
  };
}

/** The text streamed so far into `stepId`, re-rendering the caller as it grows. */
export function useStreamedText(streams: TokenStreams, stepId: string): string | undefined {
  return useSyncExternalStore(streams.subscribe, () => streams.text(stepId));
}
