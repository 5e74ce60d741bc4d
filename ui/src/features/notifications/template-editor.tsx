import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/error-note';
import { notificationsApi, type Template, type TemplateInput } from './notifications-api';

const EMPTY: TemplateInput = { name: '', channel: 'email', subject: '', body: '', sample_data: {} };

function parseData(text: string): Record<string, unknown> | Error {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  return new Error('not an object');
}

/** A template's fields with a live preview rendered by the server from the sample data. */
export function TemplateEditor({ template, channels, canWrite, onSaved }: { template: Template | null; channels: string[]; canWrite: boolean; onSaved(t: Template): void }) {
  const { t } = useTranslation('notifications');
  const [draft, setDraft] = useState<TemplateInput>(
    template ? { name: template.name, channel: template.channel, subject: template.subject, body: template.body, sample_data: template.sample_data } : EMPTY,
  );
  const [dataText, setDataText] = useState(JSON.stringify(draft.sample_data ?? {}, null, 2));
  const data = parseData(dataText);
  const preview = useMutation({ mutationFn: notificationsApi.preview });
  const save = useMutation({
    mutationFn: (input: TemplateInput) => (template ? notificationsApi.updateTemplate(template.id, input) : notificationsApi.createTemplate(input)),
    onSuccess: onSaved,
  });
  const input = (): TemplateInput => ({ ...draft, subject: draft.subject || null, sample_data: data instanceof Error ? null : data });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!(data instanceof Error)) save.mutate(input());
  };
  const field = (key: 'name' | 'subject' | 'body') => ({
    value: draft[key] ?? '',
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value })),
    readOnly: !canWrite,
  });
  return (
    <form onSubmit={submit} className="template-editor" aria-label={t('templates.editor')}>
      <div className="columns">
        <div>
          <label className="field">
            <span>{t('templates.name')}</span>
            <input required pattern="[A-Za-z0-9_.\-]+" {...field('name')} />
            <span className="hint">{t('templates.nameHint')}</span>
          </label>
          <label className="field">
            <span>{t('templates.channel')}</span>
            <select value={draft.channel} disabled={!canWrite} onChange={(e) => setDraft((d) => ({ ...d, channel: e.target.value }))}>
              {[...new Set([draft.channel, ...channels])].map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </label>
          <label className="field">
            <span>{t('templates.subject')}</span>
            <input {...field('subject')} />
          </label>
          <label className="field">
            <span>{t('templates.body')}</span>
            <textarea className="code" rows={8} required {...field('body')} />
            <span className="hint">{t('templates.liquidHint')}</span>
          </label>
          <label className="field">
            <span>{t('templates.sampleData')}</span>
            <textarea className="code" rows={5} value={dataText} onChange={(e) => setDataText(e.target.value)} aria-invalid={data instanceof Error} readOnly={!canWrite} />
            {data instanceof Error && <span className="field-error">{t('templates.badData')}</span>}
          </label>
        </div>
        <section aria-label={t('templates.preview')} className="preview">
          <h3>{t('templates.preview')}</h3>
          <button type="button" className="button" disabled={data instanceof Error || draft.body === ''} onClick={() => preview.mutate({ subject: draft.subject || null, body: draft.body, data: data instanceof Error ? {} : data })}>
            {t('templates.render')}
          </button>
          <ErrorNote error={preview.error} />
          {preview.data && (
            <div role="status" className="preview-text">
              {preview.data.subject && <strong>{preview.data.subject}</strong>}
              <p>{preview.data.body}</p>
            </div>
          )}
        </section>
      </div>
      <ErrorNote error={save.error} />
      {canWrite && (
        <button type="submit" className="button primary" disabled={save.isPending || data instanceof Error}>
          {template ? t('templates.saveVersion') : t('templates.create')}
        </button>
      )}
    </form>
  );
}
