import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/error-note';
import { Loading } from '../../components/loading';
import { formatDuration } from '../../lib/format';
import { getHealth, opsKeys, type Readiness } from './operations-api';

const badge = { ok: 'badge-succeeded', degraded: 'badge-waiting', down: 'badge-failed' } as const;

export function HealthTable({ health }: { health: Readiness }) {
  const { t } = useTranslation('operations');
  return (
    <>
      <p>
        {t('health.overall')} <span className={`badge ${badge[health.status]}`}>{t(`health.${health.status}`)}</span>
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('health.check')}</th>
            <th scope="col">{t('health.status')}</th>
            <th scope="col">{t('health.latency')}</th>
            <th scope="col">{t('health.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {health.checks.map((c) => (
            <tr key={c.name}>
              <th scope="row">{c.name}</th>
              <td><span className={`badge ${badge[c.status]}`}>{t(`health.${c.status}`)}</span></td>
              <td>{formatDuration(c.latency_ms)}</td>
              <td>{c.detail ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Database, queue, scheduler, plugins and AI providers, refreshed every 15 s. */
export function HealthPanel() {
  const health = useQuery({ queryKey: opsKeys.health, queryFn: ({ signal }) => getHealth(signal), refetchInterval: 15_000 });
  if (health.isPending) return <Loading />;
  return health.data ? <HealthTable health={health.data} /> : <ErrorNote error={health.error} />;
}
