import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/error-note';
import { formatBytes } from '../../lib/format';
import { aiKeys, streamPull, type AiProvider, type PullModel, type PullProgress } from './ai-api';
import { useLocalized } from '../../lib/localized';

function PullForm({ provider, canManage, pull: pullModel }: { provider: AiProvider; canManage: boolean; pull: PullModel }) {
  const { t, i18n } = useTranslation('ai');
  const { name: localName } = useLocalized();
  const client = useQueryClient();
  const [model, setModel] = useState('');
  const [progress, setProgress] = useState<PullProgress | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);
  const pull = useMutation({
    mutationFn: (name: string) => {
      abort.current = new AbortController();
      setProgress(null);
      return pullModel(provider.type, name, setProgress, abort.current.signal);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: aiKeys.providers }),
  });
  if (!canManage) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    pull.mutate(model.trim());
  };
  const label = t('providers.pulling', { model: pull.variables ?? model });
  return (
    <form className="toolbar" onSubmit={submit}>
      <label className="field">
        <span>{t('providers.pullModel', { provider: localName(provider) })}</span>
        <input value={model} onChange={(e) => setModel(e.target.value)} placeholder="llama3.2" required />
      </label>
      <button type="submit" className="button" disabled={pull.isPending || model.trim() === ''}>{t('providers.pull')}</button>
      {pull.isPending && (
        <span role="status" className="pull-progress">
          {progress?.percent === undefined ? <progress aria-label={label} /> : <progress aria-label={label} max={100} value={progress.percent} />}{' '}
          {label}
          {progress && (
            <span className="muted">
              {' '}
              {progress.percent !== undefined && progress.total !== undefined
                ? t('providers.pullBytes', { percent: new Intl.NumberFormat(i18n.language, { style: 'percent' }).format(progress.percent / 100), done: formatBytes(progress.completed ?? 0), total: formatBytes(progress.total) })
                : progress.status}
            </span>
          )}
        </span>
      )}
      {pull.isSuccess && <span role="status">{t('providers.pulled', { model: pull.data.model })}</span>}
      <ErrorNote error={pull.error} />
    </form>
  );
}

/** Each provider: set up or not (and what to set), reachable or not, its models; pull for Ollama-like ones. */
export function ProvidersPanel({ providers, canManage, pull = streamPull }: { providers: AiProvider[]; canManage: boolean; /** Downloads a model; the screen passes `streamPull`. */ pull?: PullModel }) {
  const { t } = useTranslation('ai');
  const { name: localName } = useLocalized();
  return (
    <section className="card" aria-labelledby="ai-providers">
      <h2 id="ai-providers">{t('providers.title')}</h2>
      {providers.length === 0 ? (
        <p className="muted">{t('providers.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('providers.name')}</th>
              <th scope="col">{t('providers.readiness')}</th>
              <th scope="col">{t('providers.health')}</th>
              <th scope="col">{t('providers.models')}</th>
            </tr>
          </thead>
          <tbody>
            {providers.map((p) => (
              <tr key={p.type}>
                <th scope="row">{localName(p)} <span className="muted">({p.type})</span></th>
                <td>
                  <span className="badge">{t(`readiness.${p.readiness.state}`)}</span>
                  {p.readiness.hint && <p className="muted">{p.readiness.hint}</p>}
                </td>
                <td>
                  <span className={p.health.ok ? 'badge badge-succeeded' : 'badge badge-failed'}>{p.health.ok ? t('providers.healthy') : t('providers.unhealthy')}</span>
                  {p.health.detail && <p className="muted">{p.health.detail}</p>}
                </td>
                <td>
                  {p.models === null ? <span className="muted">{p.models_error ?? t('providers.noModels')}</span> : p.models.length === 0 ? <span className="muted">{t('providers.noModels')}</span> : (
                    <ul>{p.models.map((m) => <li key={m.id}>{m.id}</li>)}</ul>
                  )}
                  {p.capabilities.model_management && <PullForm provider={p} canManage={canManage} pull={pull} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
