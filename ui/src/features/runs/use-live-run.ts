import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { live } from '../../lib/live-events';
import { applyStepEvent } from './apply-step-event';
import { executionKey, type Execution } from './runs-api';

/**
 * Joins the execution's room: `step.*` events patch the cached execution in place, `ai.token`
 * text is gathered per step and shown at most once per animation frame (streams of 1,000 events/s
 * stay smooth).
 */
export function useLiveRun(executionId: string): Record<string, string> {
  const queryClient = useQueryClient();
  const buffer = useRef<Record<string, string>>({});
  const frame = useRef<number | null>(null);
  const [tokens, setTokens] = useState<Record<string, string>>({});

  useEffect(() => {
    buffer.current = {};
    setTokens({});
    const leave = live.join({ type: 'join_execution', execution_id: executionId });
    const stop = live.listen((event) => {
      if (event.execution_id !== executionId) return;
      if (event.type === 'ai.token' && typeof event.step_id === 'string') {
        const previous = event.reset ? '' : (buffer.current[event.step_id] ?? '');
        buffer.current = { ...buffer.current, [event.step_id]: previous + String(event.text ?? '') };
        frame.current ??= requestAnimationFrame(() => {
          frame.current = null;
          setTokens(buffer.current);
        });
      } else if (event.type.startsWith('step.')) {
        queryClient.setQueryData<Execution>(executionKey(executionId), (old) => (old ? applyStepEvent(old, event) : old));
      }
    });
    // Events may have passed between the first fetch and joining the room.
    void queryClient.invalidateQueries({ queryKey: executionKey(executionId) });
    return () => {
      leave();
      stop();
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
    };
  }, [executionId, queryClient]);

  return tokens;
}
