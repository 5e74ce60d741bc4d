import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../components/status-badge';
import { formatDateTime, formatDuration } from '../../lib/format';
import { JsonView } from './json-view';
import { stepOutput, type StepRun } from './runs-api';
import { useStreamedText, type TokenStreams } from './token-streams';

/** One step of a run: status, attempts, timing, input, output (large ones by URL), error and streamed AI text. */
export function StepDetails({ step, streams, onRerun, canRerun }: { step: StepRun; streams: TokenStreams; onRerun(): void; canRerun: boolean }) {
  const { t } = useTranslation('runs');
  const large = useQuery({ queryKey: ['step-output', step.output_url], queryFn: ({ signal }) => stepOutput(step.output_url!, signal), enabled: step.output_url !== null && step.output === null });
  const duration = step.started_at && step.finished_at ? Date.parse(step.finished_at) - Date.parse(step.started_at) : null;
  return (
    <aside className="step-panel" aria-label={t('step.title', { id: step.id })}>
      <h2>{t('step.title', { id: step.id })}</h2>
      <dl className="facts">
        <dt>{t('step.status')}</dt>
        <dd>
          <StatusBadge status={step.status} />
        </dd>
        <dt>{t('step.attempts')}</dt>
        <dd>{step.attempts}</dd>
        <dt>{t('step.started')}</dt>
        <dd>{formatDateTime(step.started_at)}</dd>
        <dt>{t('step.duration')}</dt>
        <dd>{duration === null ? '—' : formatDuration(duration)}</dd>
      </dl>
      {canRerun && (
        <button type="button" className="ghost" onClick={onRerun}>
          {t('actions.rerunFrom', { id: step.id })}
        </button>
      )}
      {step.error && (
        <div role="alert" className="error-note">
          <strong>{step.error.code}</strong>: {step.error.message}
        </div>
      )}
      <StreamedText streams={streams} stepId={step.id} />
      <h3>{t('step.output')}</h3>
      {step.output_url !== null && step.output === null ? (
        large.data === undefined ? (
          <p className="muted">{t('step.largeOutput', { size: step.output_size_bytes ?? 0 })}</p>
        ) : (
          <JsonView value={large.data} label={t('step.output')} />
        )
      ) : (
        <JsonView value={step.output} label={t('step.output')} />
      )}
      <h3>{t('step.input')}</h3>
      <JsonView value={step.input} label={t('step.input')} />
    </aside>
  );
}

/** The AI text of a step as it is written; the only part of the run view that re-renders per frame while it streams. */
function StreamedText({ streams, stepId }: { streams: TokenStreams; stepId: string }) {
  const { t } = useTranslation('runs');
  const streamed = useStreamedText(streams, stepId);
  if (streamed === undefined) return null;
  return (
    <>
      <h3>{t('step.streamed')}</h3>
      <div className="stream" aria-live="polite" data-testid="ai-stream">
        {streamed}
      </div>
    </>
  );
}
