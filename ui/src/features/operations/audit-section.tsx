import { useMutation, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/error-note';
import { Loading } from '../../components/loading';
import { formatDateTime } from '../../lib/format';
import { listAudit, opsKeys, verifyAudit, type AuditFilter } from './operations-api';

/** The audit log, newest first, filtered by actor, action and outcome; verify checks the hash chain. */
export function AuditPanel() {
  const { t } = useTranslation('operations');
  const [filter, setFilter] = useState<AuditFilter>({ actor: '', action: '', outcome: '' });
  const deferred = useDeferredValue(filter);
  const records = useQuery({ queryKey: opsKeys.audit(deferred), queryFn: ({ signal }) => listAudit(deferred, signal) });
  const verify = useMutation({ mutationFn: verifyAudit });
  return (
    <>
      <div className="toolbar">
        <label className="field">
          <span>{t('audit.actor')}</span>
          <input value={filter.actor} onChange={(e) => setFilter({ ...filter, actor: e.target.value })} placeholder="user:…" />
        </label>
        <label className="field">
          <span>{t('audit.action')}</span>
          <input value={filter.action} onChange={(e) => setFilter({ ...filter, action: e.target.value })} placeholder="auth.*" />
        </label>
        <label className="field">
          <span>{t('audit.outcome')}</span>
          <select value={filter.outcome} onChange={(e) => setFilter({ ...filter, outcome: e.target.value as AuditFilter['outcome'] })}>
            <option value="">{t('audit.any')}</option>
            <option value="success">{t('audit.success')}</option>
            <option value="failure">{t('audit.failure')}</option>
          </select>
        </label>
        <button type="button" className="button" onClick={() => verify.mutate()} disabled={verify.isPending}>{t('audit.verify')}</button>
      </div>
      {verify.data && (
        <p role="status" className={verify.data.ok ? '' : 'error-note'}>
          {verify.data.ok ? t('audit.intact', { count: verify.data.checked }) : t('audit.broken', { seq: verify.data.first_bad?.seq, reason: verify.data.first_bad?.reason })}
        </p>
      )}
      <ErrorNote error={records.error ?? verify.error} />
      {records.isPending ? <Loading /> : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.target')}</th>
              <th scope="col">{t('audit.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {(records.data ?? []).map((r) => (
              <tr key={r.id}>
                <td>{formatDateTime(r.occurred_at)}</td>
                <th scope="row">{r.action}</th>
                <td>{r.actor_label ?? r.actor ?? '—'}</td>
                <td>{r.target ?? '—'}</td>
                <td><span className={`badge ${r.outcome === 'success' ? 'badge-succeeded' : 'badge-failed'}`}>{t(`audit.${r.outcome}`)}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
