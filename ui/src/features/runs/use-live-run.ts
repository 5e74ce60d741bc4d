import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { live } from '../../lib/live-events';
import { applyStepEvent } from './apply-step-event';
import { executionKey, type Execution } from './runs-api';
import { createTokenStreams, type TokenStreams } from './token-streams';

/**
 * Joins the execution's room: `step.*` events patch the cached execution in place, `ai.token`
 * text is gathered per step and handed to its readers at most once per animation frame; the run
 * view itself re-renders only when a step starts streaming (streams of 1,000 events/s stay smooth).
 */
export function useLiveRun(executionId: string): { streams: TokenStreams; streaming: string | null } {
  const queryClient = useQueryClient();
  const [streams, setStreams] = useState(createTokenStreams);
  const [streaming, setStreaming] = useState<string | null>(null);

  useEffect(() => {
    const next = createTokenStreams();
    setStreams(next);
    setStreaming(null);
    let buffer: Record<string, string> = {};
    let frame: number | null = null;
    const leave = live.join({ type: 'join_execution', execution_id: executionId });
    const stop = live.listen((event) => {
      if (event.execution_id !== executionId) return;
      if (event.type === 'ai.token' && typeof event.step_id === 'string') {
        const stepId = event.step_id;
        if (!(stepId in buffer)) setStreaming(stepId);
        buffer = { ...buffer, [stepId]: (event.reset ? '' : (buffer[stepId] ?? '')) + String(event.text ?? '') };
        frame ??= requestAnimationFrame(() => {
          frame = null;
          next.set(buffer);
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
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [executionId, queryClient]);

  return { streams, streaming };
}
