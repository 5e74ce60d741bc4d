import { useTranslation } from 'react-i18next';
import type { AnalyticsSummary, Compared } from './dashboard-api';
import { formats } from './dashboard-format';

/** The figures of the summary shown as cards, each with how to write it and whether more is better. */
const KPIS = [
  { key: 'executions', format: formats.count, better: 'neutral' },
  { key: 'failed', format: formats.count, better: 'less' },
  { key: 'success_rate', format: formats.percent, better: 'more' },
  { key: 'p50_duration_ms', format: formats.ms, better: 'less' },
  { key: 'p95_duration_ms', format: formats.ms, better: 'less' },
  { key: 'ai_tokens', format: formats.count, better: 'neutral' },
  { key: 'ai_cost_usd', format: formats.usd, better: 'less' },
] as const satisfies readonly { key: keyof AnalyticsSummary; format: (n: number) => string; better: 'more' | 'less' | 'neutral' }[];

function tone(c: Compared, better: 'more' | 'less' | 'neutral'): string {
  if (c.change === null || c.change === 0 || better === 'neutral') return 'neutral';
  return (c.change > 0) === (better === 'more') ? 'good' : 'bad';
}

/** Each KPI of the period beside the previous period, as the summary gives it. */
export function KpiGrid({ summary }: { summary: AnalyticsSummary }) {
  const { t } = useTranslation('dashboard');
  return (
    <ul className="kpis">
      {KPIS.map(({ key, format, better }) => {
        const c = summary[key];
        return (
          <li key={key} className="kpi card">
            <span className="kpi-label">{t(`kpi.${key}`)}</span>
            <span className="kpi-value">{c.value === null ? '—' : format(c.value)}</span>
            <span className={`kpi-change ${tone(c, better)}`}>{c.change === null ? t('kpi.noChange') : t('kpi.change', { change: formats.change(c.change) })}</span>
            <span className="muted kpi-previous">{t('kpi.previous', { value: c.previous === null ? '—' : format(c.previous) })}</span>
          </li>
        );
      })}
    </ul>
  );
}
