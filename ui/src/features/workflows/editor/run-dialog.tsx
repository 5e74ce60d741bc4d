import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Dialog } from '../../../components/dialog';
import { ErrorNote } from '../../../components/error-note';
import { TemplateField } from '../../../components/schema-form/template-field';
import { executeWorkflow } from '../workflows-api';

/** Starts a run with an input object (read by templates as `input.*`) and opens its live view. */
export function RunDialog({ workflowId, open, onOpenChange }: { workflowId: string; open: boolean; onOpenChange(open: boolean): void }) {
  const { t } = useTranslation('workflows');
  const navigate = useNavigate();
  const labelId = useId();
  const [text, setText] = useState('{}');
  const [parseError, setParseError] = useState<string | null>(null);
  const run = useMutation({ mutationFn: (input: Record<string, unknown>) => executeWorkflow(workflowId, input), onSuccess: (execution) => void navigate(`/runs/${execution.id}`) });
  const start = () => {
    try {
      const input = JSON.parse(text || '{}') as unknown;
      if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error(t('run.mustBeObject'));
      setParseError(null);
      run.mutate(input as Record<string, unknown>);
    } catch (error) {
      setParseError(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('run.title')} description={t('run.description')}>
      <div className="field">
        <span id={labelId}>{t('run.input')}</span>
        <TemplateField value={text} onChange={setText} labelledBy={labelId} completions={[]} />
      </div>
      {parseError && (
        <p role="alert" className="error-note">
          {parseError}
        </p>
      )}
      <ErrorNote error={run.error} />
      <div className="toolbar">
        <button type="button" onClick={start} disabled={run.isPending}>
          {t('run.start')}
        </button>
      </div>
    </Dialog>
  );
}
