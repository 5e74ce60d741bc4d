import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../lib/format';
import type { StepRun } from './runs-api';

/** When each step ran, as bars on one time axis (the run's start to its last end). */
export function RunTimeline({ steps, onSelect }: { steps: readonly StepRun[]; onSelect(id: string): void }) {
  const { t } = useTranslation('runs');
  const started = steps.filter((s) => s.started_at);
  if (started.length === 0) return null;
  const t0 = Math.min(...started.map((s) => Date.parse(s.started_at!)));
  const t1 = Math.max(...started.map((s) => Date.parse(s.finished_at ?? new Date().toISOString())), t0 + 1);
  const span = t1 - t0;
  return (
    <section className="timeline" aria-label={t('timeline')}>
      <h2>{t('timeline')}</h2>
      <ol>
        {started.slice(0, 200).map((step) => {
          const a = Date.parse(step.started_at!) - t0;
          const b = Date.parse(step.finished_at ?? new Date(t1).toISOString()) - t0;
          return (
            <li key={step.id}>
              <button type="button" className="ghost timeline-label" onClick={() => onSelect(step.id)}>
                {step.id}
              </button>
              <span className="timeline-track">
                <span className={`timeline-bar badge-${step.status}`} style={{ left: `${(a / span) * 100}%`, width: `${Math.max(0.5, ((b - a) / span) * 100)}%` }} />
              </span>
              <span className="muted timeline-time">{formatDuration(b - a)}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
