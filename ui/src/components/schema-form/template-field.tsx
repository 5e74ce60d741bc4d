import { autocompletion, closeBrackets, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderExt } from '@codemirror/view';
import { memo, useEffect, useRef } from 'react';
import { useFormReadOnly } from './read-only';

export interface TemplateFieldProps {
  value: string;
  onChange(value: string): void;
  /** Id of the element naming the field. */
  labelledBy: string;
  describedBy?: string;
  /** Paths offered inside `{{ }}`: `input.url`, `steps.fetch.output.body`. */
  completions: readonly string[];
  placeholder?: string;
  invalid?: boolean;
}

/** Completes the dotted path being typed from the known paths (only inside `{{ … }}`). */
function completeFrom(paths: () => readonly string[]) {
  return (context: CompletionContext): CompletionResult | null => {
    const before = context.state.sliceDoc(Math.max(0, context.pos - 500), context.pos);
    const open = before.lastIndexOf('{{');
    if (open < 0 || before.lastIndexOf('}}') > open) return null;
    const word = context.matchBefore(/[A-Za-z_][\w.]*$|$/);
    if (!word) return null;
    if (word.from === word.to && !context.explicit && !before.endsWith('{{ ') && !before.endsWith('{{')) return null;
    return {
      from: word.from,
      options: paths().map((label) => ({ label, type: label.startsWith('input') ? 'variable' : 'property' })),
      validFor: /^[\w.]*$/,
    };
  };
}

/**
 * How long typing must pause before the text reaches `onChange`. A store write re-renders the form
 * around the field; doing it once per pause (and on blur) instead of once per keystroke keeps a
 * keystroke down to CodeMirror's own work.
 */
const SYNC_AFTER_MS = 200;

/** A CodeMirror 6 editor for a value that may hold `{{ }}` templates; uncontrolled while focused. */
export const TemplateField = memo(function TemplateField({ value, onChange, labelledBy, describedBy, completions, placeholder, invalid }: TemplateFieldProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const readOnly = useFormReadOnly();
  const latest = useRef({ onChange, completions, value });
  latest.current = { onChange, completions, value };

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sync = () => {
      clearTimeout(timer);
      timer = undefined;
      const text = editor.state.doc.toString();
      if (text !== latest.current.value) latest.current.onChange(text);
    };
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          history(),
          closeBrackets(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          autocompletion({ override: [completeFrom(() => latest.current.completions)], activateOnTyping: true }),
          EditorView.lineWrapping,
          EditorState.readOnly.of(readOnly),
          EditorView.editable.of(!readOnly),
          EditorView.contentAttributes.of({ 'aria-labelledby': labelledBy, ...(describedBy ? { 'aria-describedby': describedBy } : {}), 'aria-multiline': 'true' }),
          ...(placeholder ? [placeholderExt(placeholder)] : []),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged) return;
            clearTimeout(timer);
            // A change made while the field is not focused (a completion picked by mouse, a test) is written at once.
            if (update.view.hasFocus) timer = setTimeout(sync, SYNC_AFTER_MS);
            else sync();
          }),
          EditorView.domEventHandlers({ blur: () => (timer !== undefined ? sync() : undefined) }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      if (timer !== undefined) sync();
      editor.destroy();
    };
    // The editor lives as long as the field; value changes from outside are synced below.
  }, [labelledBy, describedBy, placeholder, readOnly]);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  return <div ref={host} className={`template-field${invalid ? ' invalid' : ''}`} />;
});
