import { EditorView } from '@codemirror/view';
import { act, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TemplateField } from './template-field';

afterEach(() => vi.useRealTimers());

function field(onChange: (value: string) => void) {
  const { container, unmount } = render(
    <>
      <span id="label">prompt</span>
      <TemplateField value="" onChange={onChange} labelledBy="label" completions={[]} />
    </>,
  );
  const view = EditorView.findFromDOM(container.querySelector('.cm-editor') as HTMLElement)!;
  return { view, unmount };
}

describe('TemplateField', () => {
  it('writes what is typed once typing pauses, not per keystroke', () => {
    vi.useFakeTimers();
    const onChange = vi.fn();
    const { view } = field(onChange);
    act(() => view.focus());
    expect(view.hasFocus).toBe(true);
    for (const char of 'Hi there') act(() => view.dispatch({ changes: { from: view.state.doc.length, insert: char } }));
    expect(onChange).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(250));
    expect(onChange.mock.calls).toEqual([['Hi there']]);
  });

  it('writes at once on blur, on unmount, and for a change made while not focused', () => {
    vi.useFakeTimers();
    const onChange = vi.fn();
    const { view, unmount } = field(onChange);
    act(() => view.focus());
    act(() => view.dispatch({ changes: { from: 0, insert: 'a' } }));
    act(() => view.contentDOM.blur());
    expect(onChange.mock.calls).toEqual([['a']]);

    act(() => view.dispatch({ changes: { from: 1, insert: 'b' } }));
    expect(onChange.mock.calls.at(-1)).toEqual(['ab']);

    act(() => view.focus());
    act(() => view.dispatch({ changes: { from: 2, insert: 'c' } }));
    unmount();
    expect(onChange.mock.calls.at(-1)).toEqual(['abc']);
    expect(onChange).toHaveBeenCalledTimes(3);
  });
});
