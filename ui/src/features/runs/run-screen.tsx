import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorNote } from '../../components/error-note';
import { Loading } from '../../components/loading';
import { StatusBadge } from '../../components/status-badge';
import { formatDateTime } from '../../lib/format';
import { WorkflowCanvas } from '../workflows/editor/workflow-canvas';
import type { WorkflowStep } from '../workflows/workflow-types';
import { useCan } from '../../lib/roles';
import { cancelExecution, executionKey, getExecution, rerunFrom, retryExecution, workflowVersion } from './runs-api';
import { RunTimeline } from './run-timeline';
import { StepDetails } from './step-details';
import { useLiveRun } from './use-live-run';

const ACTIVE = new Set(['queued', 'running', 'waiting']);

/** One execution, live: the graph lights up as steps run, AI text streams in, and it can be cancelled, retried or re-run. */
export function RunScreen() {
  const { t } = useTranslation('runs');
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const execution = useQuery({ queryKey: executionKey(id), queryFn: ({ signal }) => getExecution(id, signal) });
  const run = execution.data;
  const definition = useQuery({
    queryKey: ['workflows', 'version', run?.workflow_id, run?.version],
    queryFn: ({ signal }) => workflowVersion(run!.workflow_id, run!.version, signal),
    enabled: run !== undefined,
    staleTime: Infinity,
  });
  const { streams, streaming: streamingStep } = useLiveRun(id);
  const canWrite = useCan('workflows:write');
  const [selected, setSelected] = useState<string | null>(null);
  const open = (next: { id: string }) => void navigate(`/runs/${next.id}`);
  const cancel = useMutation({ mutationFn: () => cancelExecution(id), onSuccess: () => void queryClient.invalidateQueries({ queryKey: executionKey(id) }) });
  const retry = useMutation({ mutationFn: () => retryExecution(id), onSuccess: open });
  const rerun = useMutation({ mutationFn: (step: string) => rerunFrom(id, step), onSuccess: open });

  const byId = useMemo(() => new Map((run?.steps ?? []).map((s) => [s.id, s])), [run?.steps]);
  const steps: WorkflowStep[] = definition.data?.definition.steps ?? [];
  const extra = useCallback((step: WorkflowStep) => ({ status: byId.get(step.id)?.status ?? 'pending' }), [byId]);
  const shown = selected ?? streamingStep ?? null;
  const shownStep = shown ? (byId.get(shown) ?? { id: shown, status: 'pending', attempts: 0, input: null, output: null, output_size_bytes: null, output_url: null, error: null, started_at: null, finished_at: null }) : null;

  if (execution.isPending) return <Loading />;
  if (!run) return <ErrorNote error={execution.error} />;
  const active = ACTIVE.has(run.status);

  return (
    <section className="run" aria-label={t('title')}>
      <div className="toolbar editor-toolbar">
        <h1 className="run-title">{definition.data?.definition.name ?? t('title')}</h1>
        <StatusBadge status={run.status} />
        {active && <span className="spinner" role="status" aria-label={t('inProgress')} />}
        <span className="muted">{formatDateTime(run.started_at ?? run.created_at)}</span>
        <span className="spacer" />
        <Link to={`/workflows/${run.workflow_id}`}>{t('openWorkflow')}</Link>
        {active && canWrite && (
          <button type="button" className="danger" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
            {t('actions.cancel')}
          </button>
        )}
        {canWrite && (run.status === 'failed' || run.status === 'cancelled') && (
          <button type="button" onClick={() => retry.mutate()} disabled={retry.isPending}>
            {t('actions.retry')}
          </button>
        )}
      </div>
      <ErrorNote error={cancel.error ?? retry.error ?? rerun.error} />
      {run.error && (
        <div role="alert" className="error-note">
          <strong>{run.error.code}</strong>: {run.error.message}
        </div>
      )}
      <div className="run-body">
        <div className="run-main">
          <ReactFlowProvider>{steps.length > 0 ? <WorkflowCanvas steps={steps} selected={shown} extra={extra} onSelect={setSelected} /> : <Loading />}</ReactFlowProvider>
          <RunTimeline steps={run.steps ?? []} onSelect={setSelected} />
        </div>
        {shownStep ? (
          <StepDetails step={shownStep} streams={streams} canRerun={canWrite && !active} onRerun={() => rerun.mutate(shownStep.id)} />
        ) : (
          <aside className="step-panel">
            <p className="muted">{t('pickStep')}</p>
          </aside>
        )}
      </div>
    </section>
  );
}
