import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Insight } from './dashboard-api';
import { formats } from './dashboard-format';
import { byImpact, insightView } from './insight-view';

/** How each named number of an insight is written. */
const NUMBER_FORMAT: Record<string, (n: number) => string> = {
  rate: formats.percent, was: formats.percent, share: formats.percent, failure_rate: formats.percent, previous_failure_rate: formats.percent,
  cost: formats.usd, total: formats.usd, cost_usd: formats.usd, total_cost_usd: formats.usd,
  p95: formats.ms, previous: formats.ms, p95_ms: formats.ms, previous_p95_ms: formats.ms,
  factor: (n) => formats.count(n),
};
const written = (key: string, value: string | number) => (typeof value === 'number' && NUMBER_FORMAT[key] ? NUMBER_FORMAT[key](value) : String(value));

/** The findings, highest impact first: what happened in words, the numbers behind it, and where to look. */
export function InsightsList({ insights }: { insights: readonly Insight[] }) {
  const { t } = useTranslation('dashboard');
  if (insights.length === 0) return <p className="muted">{t('insights.empty')}</p>;
  return (
    <ol className="insights">
      {byImpact(insights).map((insight, index) => {
        const view = insightView(insight);
        const values = Object.fromEntries(Object.entries(view.values).map(([key, value]) => [key, written(key, value)]));
        return (
          <li key={`${insight.kind}-${insight.workflow_id}-${index}`} className={`insight card impact-${insight.impact >= 0.5 ? 'high' : insight.impact >= 0.2 ? 'medium' : 'low'}`}>
            <p className="insight-message">{view.key ? t(view.key, values) : insight.message}</p>
            <dl className="insight-numbers" aria-label={t('insights.numbers')}>
              {Object.entries(insight.numbers).map(([key, value]) => (
                <div key={key}>
                  <dt>{t(`insights.numberNames.${key}`, { defaultValue: key })}</dt>
                  <dd>{written(key, value)}</dd>
                </div>
              ))}
            </dl>
            <p className="insight-foot">
              <span className="muted">{t('insights.impact', { impact: formats.percent(insight.impact) })}</span>
              <Link to={view.to}>{t(`insights.links.${view.linkKey}`)}</Link>
            </p>
          </li>
        );
      })}
    </ol>
  );
}
