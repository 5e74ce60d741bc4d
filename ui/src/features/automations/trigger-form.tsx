import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/error-note';
import { runsKey, triggerAutomation } from './automations-api';

/** Runs an automation now on trigger data the person writes as JSON (what its conditions will read). */
export function TriggerForm({ automationId }: { automationId: string }) {
  const { t } = useTranslation('automations');
  const client = useQueryClient();
  const id = useId();
  const [text, setText] = useState('{}');
  const [problem, setProblem] = useState<string | null>(null);
  const trigger = useMutation({
    mutationFn: (data: Record<string, unknown>) => triggerAutomation(automationId, data),
    onSettled: () => client.invalidateQueries({ queryKey: runsKey(automationId) }),
  });
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return setProblem(t('triggerData.mustBeObject'));
    setProblem(null);
    trigger.mutate(data as Record<string, unknown>);
  };
  return (
    <form className="trigger-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={id}>{t('triggerData.label')}</label>
        <textarea id={id} rows={3} value={text} onChange={(e) => setText(e.target.value)} aria-invalid={problem !== null} />
        {problem ? <span className="field-error" role="alert">{problem}</span> : null}
      </div>
      <ErrorNote error={trigger.error} />
      <button type="submit" disabled={trigger.isPending}>
        {trigger.isPending ? t('triggerData.running') : t('triggerData.submit')}
      </button>
      <span role="status" className="muted">
        {trigger.data ? (trigger.data.matched ? t('triggerData.matched') : t('triggerData.notMatched')) : ''}
      </span>
    </form>
  );
}
