import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormReadOnly } from '../../../components/schema-form/read-only';
import { SchemaForm } from '../../../components/schema-form/schema-form';
import { TemplateField } from '../../../components/schema-form/template-field';
import type { WorkflowStep } from '../workflow-types';
import type { ActionInfo } from './actions-api';
import { templateCompletions } from './completions';
import { connect, disconnect, removeSteps, renameStep, setInput, updateStep, useDraftStep, useEditor } from './editor-store';
import { dependenciesOf } from './graph-model';
import { inputErrors } from './step-errors';
import { useLocalized } from '../../../lib/localized';

const EMPTY_SCHEMA = { type: 'object', properties: {} };

/**
 * The selected step: its id, `when`, `for_each`, what it runs after, and its input drawn from the
 * action's schema. It reads its own step from the draft; `steps` is the graph (`useGraphSteps`).
 */
export function StepPanel({ id, steps, actions, readOnly = false }: { id: string; steps: readonly WorkflowStep[]; actions: ReadonlyMap<string, ActionInfo>; readOnly?: boolean }) {
  const step = useDraftStep(id);
  if (step === undefined) return null;
  return <StepPanelOf step={step} steps={steps} actions={actions} readOnly={readOnly} />;
}

function StepPanelOf({ step, steps, actions, readOnly }: { step: WorkflowStep; steps: readonly WorkflowStep[]; actions: ReadonlyMap<string, ActionInfo>; readOnly: boolean }) {
  const { t } = useTranslation('workflows');
  const { name: localName, description: localDescription } = useLocalized();
  const change = useEditor((s) => s.change);
  const select = useEditor((s) => s.select);
  const errors = useEditor((s) => s.errors[step.id]);
  const action = actions.get(step.type);
  const id = step.id;
  const whenLabel = useId();
  const forEachLabel = useId();
  const [idText, setIdText] = useState(id);
  useEffect(() => setIdText(id), [id]);

  // `steps` changes only with the graph, so these are not recomputed on every keystroke.
  const completions = useMemo(() => templateCompletions(steps, id, actions), [steps, id, actions]);
  const onInput = useCallback((key: string, value: unknown) => change((d) => setInput(d, id, key, value), `input:${id}:${key}`), [change, id]);
  const onReplace = useCallback((input: Record<string, unknown>) => change((d) => updateStep(d, id, { input })), [change, id]);
  const onWhen = useCallback((text: string) => change((d) => updateStep(d, id, { when: text.trim() ? text : undefined }), `when:${id}`), [change, id]);
  const onForEach = useCallback((text: string) => change((d) => updateStep(d, id, { for_each: text.trim() ? text : undefined }), `for_each:${id}`), [change, id]);
  const fieldErrors = useMemo(() => inputErrors(errors), [errors]);
  const parents = useMemo(() => {
    const index = steps.findIndex((s) => s.id === id);
    return new Set(index < 0 ? [] : dependenciesOf(steps, index).ids);
  }, [steps, id]);
  const stepLevel = Object.entries(errors ?? {}).filter(([field]) => !field.startsWith('input.'));

  return (
    <aside className="step-panel" aria-label={t('editor.stepPanel', { id })} tabIndex={readOnly ? 0 : undefined}>
      <h2>{t('editor.stepPanel', { id })}</h2>
      <p className="muted">{action ? `${localName(action)} — ${localDescription(action)}` : t('editor.unknownAction', { type: step.type })}</p>
      {stepLevel.length > 0 && (
        <ul className="error-note" role="alert">
          {stepLevel.map(([field, messages]) => (
            <li key={field}>{field ? `${field}: ${messages.join('; ')}` : messages.join('; ')}</li>
          ))}
        </ul>
      )}
      <FormReadOnly.Provider value={readOnly}>
      <fieldset className="form-lock" disabled={readOnly}>
      <label className="field">
        <span>{t('editor.stepId')}</span>
        <input
          value={idText}
          onChange={(e) => setIdText(e.target.value)}
          onBlur={() => {
            if (/^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/.test(idText) && idText !== id) {
              change((d) => renameStep(d, id, idText));
              select(idText);
            } else setIdText(id);
          }}
        />
      </label>
      <div className="field">
        <span id={whenLabel}>{t('editor.whenLabel')}</span>
        <TemplateField value={step.when ?? ''} onChange={onWhen} labelledBy={whenLabel} completions={completions} placeholder="{{ steps.a.output.ok }}" />
      </div>
      <div className="field">
        <span id={forEachLabel}>{t('editor.forEachLabel')}</span>
        <TemplateField value={step.for_each ?? ''} onChange={onForEach} labelledBy={forEachLabel} completions={completions} placeholder="{{ input.items }}" />
      </div>
      {steps.length > 1 && (
        <fieldset className="field">
          <legend>{t('editor.runsAfter')}</legend>
          <div className="checkbox-group">
            {steps
              .filter((s) => s.id !== id)
              .map((s) => (
                <label key={s.id} className="inline-field">
                  <input type="checkbox" checked={parents.has(s.id)} onChange={(e) => change((d) => (e.target.checked ? connect(d, s.id, id) : disconnect(d, s.id, id)))} />
                  {s.id}
                </label>
              ))}
          </div>
        </fieldset>
      )}
      <h3>{t('editor.input')}</h3>
      <SchemaForm schema={action?.input_schema ?? EMPTY_SCHEMA} value={step.input} onChange={onInput} onReplace={onReplace} errors={fieldErrors} completions={completions} />
      </fieldset>
      </FormReadOnly.Provider>
      {!readOnly && (
      <button
        type="button"
        className="danger"
        onClick={() => {
          change((d) => removeSteps(d, [id]));
          select(null);
        }}
      >
        {t('editor.deleteStep')}
      </button>
      )}
    </aside>
  );
}
