import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createTokenStreams, useStreamedText, type TokenStreams } from './token-streams';

let renders = 0;
function Reader({ streams, stepId }: { streams: TokenStreams; stepId: string }) {
  renders++;
  return <p data-testid={stepId}>{useStreamedText(streams, stepId) ?? 'nothing yet'}</p>;
}

describe('token streams', () => {
  it('hands each reader its step text as it grows, without a re-render of the page around it', () => {
    const streams = createTokenStreams();
    let pageRenders = 0;
    function Page() {
      pageRenders++;
      return <Reader streams={streams} stepId="generate" />;
    }
    render(<Page />);
    expect(screen.getByTestId('generate').textContent).toBe('nothing yet');
    act(() => streams.set({ generate: 'Hel' }));
    act(() => streams.set({ generate: 'Hello' }));
    expect(screen.getByTestId('generate').textContent).toBe('Hello');
    expect(pageRenders).toBe(1);
    expect(renders).toBe(3);
  });
});
