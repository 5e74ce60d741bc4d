import { useTranslation } from 'react-i18next';
import type { AiUsageRow, UsageGroup } from './ai-api';

/** Calls, tokens and cost per provider or model, with a bar per row for the share of tokens. */
export function UsageTable({ rows, group, onGroup }: { rows: AiUsageRow[]; group: UsageGroup; onGroup(group: UsageGroup): void }) {
  const { t, i18n } = useTranslation('ai');
  const number = new Intl.NumberFormat(i18n.language);
  const money = new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'USD', maximumFractionDigits: 4 });
  const most = Math.max(1, ...rows.map((r) => r.input_tokens + r.output_tokens));
  return (
    <section className="card" aria-labelledby="ai-usage">
      <h2 id="ai-usage">{t('usage.title')}</h2>
      <div className="toolbar">
      <label className="field">
        <span>{t('usage.groupBy')}</span>
        <select value={group} onChange={(e) => onGroup(e.target.value as UsageGroup)}>
          <option value="provider">{t('usage.byProvider')}</option>
          <option value="model">{t('usage.byModel')}</option>
        </select>
      </label>
      </div>
      {rows.length === 0 ? (
        <p className="muted">{t('usage.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{group === 'provider' ? t('usage.provider') : t('usage.model')}</th>
              <th scope="col">{t('usage.calls')}</th>
              <th scope="col">{t('usage.failed')}</th>
              <th scope="col">{t('usage.tokens')}</th>
              <th scope="col">{t('usage.cost')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const tokens = r.input_tokens + r.output_tokens;
              return (
                <tr key={r.key ?? '—'}>
                  <th scope="row">{r.key ?? '—'}</th>
                  <td>{number.format(r.calls)}</td>
                  <td>{number.format(r.failed)}</td>
                  <td>
                    <meter min={0} max={most} value={tokens} aria-label={t('usage.tokensOf', { key: r.key ?? '—' })} /> {number.format(tokens)}
                  </td>
                  <td>{r.cost_usd === null ? t('playground.unpriced') : money.format(r.cost_usd)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
