import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../../components/error-note';
import { workflowKeys } from '../workflows-api';
import { setWorkflowActive } from './triggers-api';

/**
 * Turns the saved trigger on or off. It acts on what is saved, so it waits while the draft has
 * unsaved changes; the API's refusal (e.g. a webhook path another workflow listens on) is shown as is.
 */
export function ActiveToggle({ workflowId, active, dirty }: { workflowId: string; active: boolean; dirty: boolean }) {
  const { t } = useTranslation('workflows');
  const client = useQueryClient();
  const toggle = useMutation({
    mutationFn: (next: boolean) => setWorkflowActive(workflowId, next),
    onSuccess: (workflow) => {
      client.setQueryData(workflowKeys.one(workflow.id), workflow);
      void client.invalidateQueries({ queryKey: ['workflows', 'list'] });
    },
  });
  return (
    <div className="active-toggle">
      <button
        type="button"
        role="switch"
        aria-checked={active}
        className={active ? 'switch on' : 'switch'}
        disabled={dirty || toggle.isPending}
        title={dirty ? t('active.saveFirst') : undefined}
        onClick={() => toggle.mutate(!active)}
      >
        <span className="switch-knob" aria-hidden="true" />
        {t('active.label')}
      </button>
      <span role="status" className={active ? 'badge badge-succeeded' : 'badge'}>
        {toggle.isPending ? t('active.changing') : active ? t('active.on') : t('active.off')}
      </span>
      {toggle.error ? <ErrorNote error={toggle.error} /> : null}
    </div>
  );
}
