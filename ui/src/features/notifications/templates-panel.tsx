import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/dialog';
import { ErrorNote } from '../../components/error-note';
import { Loading } from '../../components/loading';
import { formatDateTime } from '../../lib/format';
import { notificationsApi, type Template } from './notifications-api';
import { TemplateEditor } from './template-editor';

/** Stored templates (latest version of each), a new one, and the editor with a preview. */
export function TemplatesPanel({ channels, canWrite }: { channels: string[]; canWrite: boolean }) {
  const { t } = useTranslation('notifications');
  const client = useQueryClient();
  const templates = useQuery({ queryKey: ['notifications', 'templates'], queryFn: ({ signal }) => notificationsApi.templates(signal) });
  const [editing, setEditing] = useState<Template | 'new' | null>(null);
  const saved = () => {
    setEditing(null);
    void client.invalidateQueries({ queryKey: ['notifications', 'templates'] });
  };
  return (
    <>
      {canWrite && (
        <div className="toolbar">
          <button type="button" className="button primary" onClick={() => setEditing('new')}>
            {t('templates.new')}
          </button>
        </div>
      )}
      <ErrorNote error={templates.error} />
      {templates.isPending ? <Loading /> : (templates.data ?? []).length === 0 ? <p className="muted">{t('templates.empty')}</p> : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('templates.name')}</th>
              <th scope="col">{t('templates.channel')}</th>
              <th scope="col">{t('templates.version')}</th>
              <th scope="col">{t('templates.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {templates.data!.map((template) => (
              <tr key={template.id}>
                <th scope="row">
                  <button type="button" className="link-button" onClick={() => setEditing(template)}>
                    {template.name}
                  </button>
                </th>
                <td>{template.channel}</td>
                <td>{template.version}</td>
                <td>{formatDateTime(template.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <Dialog open onOpenChange={(open) => !open && setEditing(null)} title={editing === 'new' ? t('templates.new') : t('templates.editing', { name: editing.name, version: editing.version })}>
          <TemplateEditor template={editing === 'new' ? null : editing} channels={channels} canWrite={canWrite} onSaved={saved} />
        </Dialog>
      )}
    </>
  );
}
