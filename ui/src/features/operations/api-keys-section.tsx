import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/error-note';
import { Loading } from '../../components/loading';
import { formatDateTime } from '../../lib/format';
import { createApiKey, listApiKeys, opsKeys, revokeApiKey } from './operations-api';

/** Your API keys: create one (its secret is shown once), list, revoke. */
export function ApiKeysPanel() {
  const { t } = useTranslation('operations');
  const client = useQueryClient();
  const keys = useQuery({ queryKey: opsKeys.apiKeys, queryFn: ({ signal }) => listApiKeys(signal) });
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState('workflows:read');
  const refresh = () => client.invalidateQueries({ queryKey: opsKeys.apiKeys });
  const create = useMutation({ mutationFn: createApiKey, onSuccess: refresh });
  const revoke = useMutation({ mutationFn: revokeApiKey, onSuccess: refresh });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name: name.trim(), scopes: scopes.split(/[\s,]+/).filter(Boolean) });
  };
  return (
    <>
      <form className="toolbar" onSubmit={submit}>
        <label className="field">
          <span>{t('keys.name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        <label className="field">
          <span>{t('keys.scopes')}</span>
          <input value={scopes} onChange={(e) => setScopes(e.target.value)} required aria-describedby="key-scopes-help" />
        </label>
        <button type="submit" className="button" disabled={create.isPending}>{t('keys.create')}</button>
      </form>
      <p id="key-scopes-help" className="muted">{t('keys.scopesHelp')}</p>
      <ErrorNote error={create.error ?? revoke.error ?? keys.error} />
      {create.data && (
        <div role="status" className="card">
          <p>{t('keys.shownOnce')}</p>
          <label className="field">
            <span>{t('keys.secret')}</span>
            <input readOnly value={create.data.key} onFocus={(e) => e.target.select()} />
          </label>
        </div>
      )}
      {keys.isPending ? <Loading /> : (keys.data ?? []).length === 0 ? <p className="muted">{t('keys.none')}</p> : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('keys.name')}</th>
              <th scope="col">{t('keys.prefix')}</th>
              <th scope="col">{t('keys.scopes')}</th>
              <th scope="col">{t('keys.lastUsed')}</th>
              <th scope="col">{t('keys.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(keys.data ?? []).map((k) => (
              <tr key={k.id}>
                <th scope="row">{k.name}</th>
                <td><code>{k.prefix}</code></td>
                <td>{k.scopes.join(', ')}</td>
                <td>{formatDateTime(k.last_used_at)}</td>
                <td>
                  {k.revoked_at ? t('keys.revokedAt', { when: formatDateTime(k.revoked_at) }) : (
                    <button type="button" className="button ghost" onClick={() => revoke.mutate(k.id)} aria-label={t('keys.revokeOne', { name: k.name })}>{t('keys.revoke')}</button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
