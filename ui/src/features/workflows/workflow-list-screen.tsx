import { useMutation, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorNote } from '../../components/error-note';
import { Loading } from '../../components/loading';
import { useCan } from '../../lib/roles';
import { AiTemplateDialog } from './ai-template-dialog';
import { LastRunCell } from './last-run-cell';
import { executeWorkflow, listWorkflows, workflowKeys } from './workflows-api';

/** Every workflow the person may read: search, last run, trigger, and a run button. */
export function WorkflowListScreen() {
  const { t } = useTranslation('workflows');
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [fromTemplate, setFromTemplate] = useState(false);
  const canWrite = useCan('workflows:write');
  const canUseTemplates = useCan('ai:write');
  const deferred = useDeferredValue(search.trim());
  const { data, error, isPending } = useQuery({ queryKey: workflowKeys.list(deferred), queryFn: ({ signal }) => listWorkflows(deferred, signal) });
  const run = useMutation({ mutationFn: (id: string) => executeWorkflow(id, {}), onSuccess: (execution) => void navigate(`/runs/${execution.id}`) });

  return (
    <section className="page">
      <h1>{t('list.title')}</h1>
      <div className="toolbar">
        <input type="search" aria-label={t('list.search')} placeholder={t('list.search')} value={search} onChange={(e) => setSearch(e.target.value)} />
        <span className="spacer" />
        {canWrite && canUseTemplates && (
          <button type="button" className="ghost" onClick={() => setFromTemplate(true)}>
            {t('list.fromTemplate')}
          </button>
        )}
        {canWrite && (
          <Link className="button" to="/workflows/new">
            {t('list.create')}
          </Link>
        )}
      </div>
      {fromTemplate && <AiTemplateDialog open onOpenChange={setFromTemplate} />}
      <ErrorNote error={error ?? run.error} />
      {isPending ? (
        <Loading />
      ) : data && data.items.length === 0 ? (
        <p className="muted">{t('list.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('list.name')}</th>
              <th scope="col">{t('list.trigger')}</th>
              <th scope="col">{t('list.active')}</th>
              <th scope="col">{t('list.lastRun')}</th>
              <th scope="col">{t('list.version')}</th>
              {canWrite && <th scope="col">{t('list.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {data?.items.map((workflow) => (
              <tr key={workflow.id}>
                <td>
                  <Link to={`/workflows/${workflow.id}`}>{workflow.name}</Link>
                </td>
                <td>{t(`trigger.${workflow.trigger.type}`, { defaultValue: workflow.trigger.type })}</td>
                <td>
                  <span className={workflow.active ? 'badge badge-succeeded' : 'badge'}>{workflow.active ? t('list.activeYes') : t('list.activeNo')}</span>
                </td>
                <td>
                  <LastRunCell last={workflow.last_execution} />
                </td>
                <td>{workflow.version}</td>
                {canWrite && (
                  <td>
                    <button type="button" className="ghost" disabled={run.isPending} onClick={() => run.mutate(workflow.id)} aria-label={`${t('list.run')}: ${workflow.name}`}>
                      {t('list.run')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
