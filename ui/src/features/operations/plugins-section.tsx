import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/dialog';
import { ErrorNote } from '../../components/error-note';
import { ApiError } from '../../lib/api-client';
import { Loading } from '../../components/loading';
import type { JsonSchema } from '../../components/schema-form/json-schema';
import { SchemaForm } from '../../components/schema-form/schema-form';
import { configurePlugin, listPlugins, opsKeys, pluginConfig, setPluginEnabled, type Plugin } from './operations-api';
import { useLocalized } from '../../lib/localized';

/** Opens the settings form on what is stored, so saving changes one field without wiping the rest. */
function SettingsDialog({ plugin, onClose }: { plugin: Plugin; onClose(): void }) {
  const stored = useQuery({ queryKey: [...opsKeys.plugins, 'config', plugin.name], queryFn: ({ signal }) => pluginConfig(plugin.name, signal), gcTime: 0 });
  const { t } = useTranslation('operations');
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={t('plugins.settingsOf', { name: plugin.name })}>
      <ErrorNote error={stored.error} />
      {stored.isPending ? <Loading /> : stored.data && <SettingsForm plugin={plugin} initial={stored.data} onClose={onClose} />}
    </Dialog>
  );
}

function SettingsForm({ plugin, initial, onClose }: { plugin: Plugin; initial: Record<string, unknown>; onClose(): void }) {
  const { t } = useTranslation('operations');
  const client = useQueryClient();
  const [value, setValue] = useState<Record<string, unknown>>(initial);
  const change = useCallback((key: string, v: unknown) => setValue((old) => ({ ...old, [key]: v })), []);
  const save = useMutation({
    mutationFn: () => configurePlugin(plugin.name, value),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: opsKeys.plugins });
      onClose();
    },
  });
  return (
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
        <SchemaForm schema={plugin.config_schema as JsonSchema} value={value} onChange={change} onReplace={setValue} errors={save.error instanceof ApiError ? (save.error.details as Record<string, string[]> | null) ?? undefined : undefined} />
        <ErrorNote error={save.error} />
        <button type="submit" className="button" disabled={save.isPending}>{t('plugins.save')}</button>
      </form>
  );
}

/** Every plugin: its state, why it failed, enable/disable and its settings form (admins). */
export function PluginsSection({ plugins, canAdmin }: { plugins: Plugin[]; canAdmin: boolean }) {
  const { t } = useTranslation('operations');
  const client = useQueryClient();
  const [editing, setEditing] = useState<Plugin | null>(null);
  const { description: localDescription } = useLocalized();
  const toggle = useMutation({
    mutationFn: (p: Plugin) => setPluginEnabled(p.name, p.state === 'disabled'),
    onSuccess: () => client.invalidateQueries({ queryKey: opsKeys.plugins }),
  });
  return (
    <>
      <ErrorNote error={toggle.error} />
      <table>
        <thead>
          <tr>
            <th scope="col">{t('plugins.name')}</th>
            <th scope="col">{t('plugins.state')}</th>
            <th scope="col">{t('plugins.kinds')}</th>
            {canAdmin && <th scope="col">{t('plugins.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {plugins.map((p) => (
            <tr key={p.name}>
              <th scope="row">
                {p.name} <span className="muted">{p.version}</span>
                <p className="muted">{localDescription(p)}</p>
              </th>
              <td>
                <span className={`badge ${p.state === 'active' ? 'badge-succeeded' : p.state === 'failed' ? 'badge-failed' : 'badge-waiting'}`}>{t(`plugins.states.${p.state}`)}</span>
                {p.error && <p className="error-note">{p.error_code ? `${p.error_code}: ` : ''}{p.error}</p>}
              </td>
              <td>{p.kinds.join(', ')}</td>
              {canAdmin && (
                <td>
                  <div className="toolbar">
                  <button type="button" className="button ghost" onClick={() => toggle.mutate(p)} disabled={toggle.isPending} aria-label={t(p.state === 'disabled' ? 'plugins.enableOne' : 'plugins.disableOne', { name: p.name })}>
                    {t(p.state === 'disabled' ? 'plugins.enable' : 'plugins.disable')}
                  </button>
                  {p.config_schema && (
                    <button type="button" className="button ghost" onClick={() => setEditing(p)} aria-label={t('plugins.settingsOf', { name: p.name })}>
                      {t('plugins.settings')}
                    </button>
                  )}
                  </div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {editing && <SettingsDialog plugin={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

export function PluginsPanel({ canAdmin }: { canAdmin: boolean }) {
  const plugins = useQuery({ queryKey: opsKeys.plugins, queryFn: ({ signal }) => listPlugins(signal) });
  if (plugins.isPending) return <Loading />;
  return (
    <>
      <ErrorNote error={plugins.error} />
      <PluginsSection plugins={plugins.data ?? []} canAdmin={canAdmin} />
    </>
  );
}
