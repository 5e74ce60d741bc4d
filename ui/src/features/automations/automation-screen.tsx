import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Dialog } from '../../components/dialog';
import { ErrorNote } from '../../components/error-note';
import { Loading } from '../../components/loading';
import { useCan } from '../../lib/roles';
import { automationKey, automationsKey, deleteAutomation, getAutomation, listRuns, runsKey, sendFeedback } from './automations-api';
import { RunTable, VariantOddsTable } from './automation-views';
import { TriggerForm } from './trigger-form';

/** How often the runs are fetched again while the page is open. */
const RUNS_POLL_MS = 2000;

/** One automation: what it does, edit and delete, trigger it by hand, its runs (polled), score feedback and variant odds. */
export function AutomationScreen() {
  const { t } = useTranslation('automations');
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const canWrite = useCan('automations:write');
  const [confirming, setConfirming] = useState(false);
  const automation = useQuery({ queryKey: automationKey(id), queryFn: ({ signal }) => getAutomation(id, signal), refetchInterval: RUNS_POLL_MS });
  const runs = useQuery({ queryKey: runsKey(id), queryFn: ({ signal }) => listRuns(id, signal), refetchInterval: RUNS_POLL_MS });
  const feedback = useMutation({
    mutationFn: ({ runId, score }: { runId: string; score: number }) => sendFeedback(id, runId, score / 100),
    onSettled: () => client.invalidateQueries({ queryKey: automationKey(id) }),
  });
  const remove = useMutation({
    mutationFn: () => deleteAutomation(id),
    onSuccess: () => {
      client.removeQueries({ queryKey: automationKey(id) });
      void client.invalidateQueries({ queryKey: automationsKey });
      void navigate('/automations');
    },
  });

  if (automation.error) return <section className="page"><p><Link to="/automations">{t('back')}</Link></p><ErrorNote error={automation.error} /></section>;
  if (!automation.data) return <section className="page"><Loading /></section>;
  const a = automation.data;
  return (
    <section className="page">
      <p><Link to="/automations">{t('back')}</Link></p>
      <div className="toolbar">
        <h1>{a.name}</h1>
        <span className={a.enabled ? 'badge badge-succeeded' : 'badge badge-waiting'}>{a.enabled ? t('on') : t('off')}</span>
        <span className="spacer" />
        {canWrite ? <Link className="button" to={`/automations/${encodeURIComponent(a.id)}/edit`}>{t('edit')}</Link> : null}
        {canWrite ? <button type="button" className="danger" onClick={() => setConfirming(true)}>{t('delete')}</button> : null}
      </div>
      {a.description ? <p>{a.description}</p> : null}
      <div className="two-columns">
        <section className="card" aria-labelledby="automation-facts">
          <h2 id="automation-facts">{t('details')}</h2>
          <dl className="facts">
            <dt>{t('trigger')}</dt>
            <dd><code>{a.trigger.type}</code> {Object.keys(a.trigger.conditions).length > 0 ? <code>{JSON.stringify(a.trigger.conditions)}</code> : null}</dd>
            <dt>{t('actions')}</dt>
            <dd>
              <ol className="plain-list">
                {a.actions.map((action, index) => <li key={index}><code>{action.type}</code>{action.variants ? ` · ${t('variantsCount', { count: action.variants.length })}` : ''}</li>)}
              </ol>
            </dd>
            <dt>{t('ai')}</dt>
            <dd>{a.ai_decision_making ? t('yes') : t('no')}</dd>
            <dt>{t('learning')}</dt>
            <dd>{a.learning_enabled ? t('yes') : t('no')}</dd>
          </dl>
          {canWrite ? <TriggerForm automationId={a.id} /> : null}
        </section>
        <section className="card" aria-labelledby="automation-odds">
          <h2 id="automation-odds">{t('odds')}</h2>
          {a.variant_odds.length > 0 ? <VariantOddsTable automation={a} /> : <p className="muted">{t('noOdds')}</p>}
        </section>
      </div>
      <section className="card" aria-label={t('runs', { name: a.name })}>
        <h2>{t('runs', { name: a.name })}</h2>
        <p className="muted">{t('polled')}</p>
        {feedback.error ? <ErrorNote error={feedback.error} /> : null}
        <p role="status" className="muted">{feedback.isSuccess ? t('feedbackSent') : ''}</p>
        {runs.error ? <ErrorNote error={runs.error} /> : null}
        {runs.data ? <RunTable runs={runs.data.items} canFeedback={canWrite} busy={feedback.isPending} onFeedback={(run, score) => feedback.mutate({ runId: run.id, score })} /> : runs.isPending ? <Loading /> : null}
      </section>
      <Dialog open={confirming} onOpenChange={setConfirming} title={t('deleteTitle', { name: a.name })} description={t('deleteWarning')}>
        <ErrorNote error={remove.error} />
        <div className="toolbar">
          <span className="spacer" />
          <button type="button" className="ghost" onClick={() => setConfirming(false)}>{t('cancel')}</button>
          <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate()}>{remove.isPending ? t('deleting') : t('deleteConfirm')}</button>
        </div>
      </Dialog>
    </section>
  );
}
