import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/error-note';
import { Loading } from '../../components/loading';
import { live } from '../../lib/live-events';
import { useCan } from '../../lib/roles';
import { automationsKey, listAutomations, listRuns, runsKey, sendFeedback } from './automations-api';
import { AutomationTable, RunTable, VariantOddsTable } from './automation-views';
import { TriggerForm } from './trigger-form';

/** Automations, the runs of the one picked (refreshed when this connection hears its executions change), feedback and variant odds. */
export function AutomationsScreen() {
  const { t } = useTranslation('automations');
  const client = useQueryClient();
  const canWrite = useCan('automations:write');
  const [selected, setSelected] = useState<string | null>(null);
  const automations = useQuery({ queryKey: automationsKey, queryFn: ({ signal }) => listAutomations(signal) });
  const current = automations.data?.items.find((a) => a.id === selected) ?? null;
  const runs = useQuery({ queryKey: runsKey(selected ?? ''), queryFn: ({ signal }) => listRuns(selected!, signal), enabled: selected !== null });
  useEffect(() => live.listen((event) => {
    if (selected && event.type.startsWith('execution.')) void client.invalidateQueries({ queryKey: runsKey(selected) });
  }), [client, selected]);
  const feedback = useMutation({
    mutationFn: ({ runId, success }: { runId: string; success: boolean }) => sendFeedback(selected!, runId, success),
    onSettled: () => client.invalidateQueries({ queryKey: automationsKey }),
  });
  return (
    <section className="page">
      <h1>{t('title')}</h1>
      {automations.error ? <ErrorNote error={automations.error} /> : null}
      {automations.data ? <AutomationTable items={automations.data.items} selected={selected} onSelect={setSelected} /> : automations.isPending ? <Loading /> : null}
      {current ? (
        <section className="card" aria-label={t('runs', { name: current.name })}>
          <h2>{t('runs', { name: current.name })}</h2>
          {canWrite ? <TriggerForm key={current.id} automationId={current.id} /> : null}
          <VariantOddsTable automation={current} />
          {feedback.error ? <ErrorNote error={feedback.error} /> : null}
          <p role="status" className="muted">{feedback.isSuccess ? t('feedbackSent') : ''}</p>
          {runs.error ? <ErrorNote error={runs.error} /> : null}
          {runs.data ? <RunTable runs={runs.data.items} canFeedback={canWrite} busy={feedback.isPending} onFeedback={(run, success) => feedback.mutate({ runId: run.id, success })} /> : runs.isPending ? <Loading /> : null}
        </section>
      ) : null}
    </section>
  );
}
