import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/error-note';
import { formatDateTime } from '../../lib/format';
import { notificationsApi, type Template, type TemplateInput } from './notifications-api';

const EMPTY: TemplateInput = { name: '', channel: 'email', subject: '', body: '', html: '', variables: null, sample_data: {} };

/** `order, user.name` → ['order', 'user.name']; empty → null (no declared list). */
export function parseVariables(text: string): string[] | null {
  const names = text.split(',').map((name) => name.trim()).filter((name) => name !== '');
  return names.length === 0 ? null : names;
}

/** A template's stored versions, newest first; picking one loads it into the editor. */
function VersionsList({ id, current, onPick }: { id: string; current: number; onPick(t: Template): void }) {
  const { t } = useTranslation('notifications');
  const versions = useQuery({ queryKey: ['notifications', 'templates', id, 'versions'], queryFn: ({ signal }) => notificationsApi.templateVersions(id, signal) });
  return (
    <section aria-label={t('templates.versions')} className="versions">
      <h3>{t('templates.versions')}</h3>
      <ErrorNote error={versions.error} />
      <ol reversed>
        {[...(versions.data ?? [])].sort((a, b) => b.version - a.version).map((v) => (
          <li key={v.version}>
            <button type="button" className="link-button" aria-current={v.version === current ? 'true' : undefined} onClick={() => onPick(v)}>
              {t('templates.versionLine', { version: v.version })}
            </button>{' '}
            <span className="muted">{formatDateTime(v.created_at)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

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
  const fromTemplate = (from: Template): TemplateInput => ({
    name: from.name, channel: from.channel, subject: from.subject, body: from.body, html: from.html ?? '', variables: from.variables, sample_data: from.sample_data,
  });
  const [draft, setDraft] = useState<TemplateInput>(template ? fromTemplate(template) : EMPTY);
  const [shown, setShown] = useState(template?.version ?? 0);
  const [variablesText, setVariablesText] = useState((draft.variables ?? []).join(', '));
  const [dataText, setDataText] = useState(JSON.stringify(draft.sample_data ?? {}, null, 2));
  const data = parseData(dataText);
  const preview = useMutation({ mutationFn: notificationsApi.preview });
  const save = useMutation({
    mutationFn: (input: TemplateInput) => (template ? notificationsApi.updateTemplate(template.id, input) : notificationsApi.createTemplate(input)),
    onSuccess: onSaved,
  });
  const input = (): TemplateInput => ({ ...draft, subject: draft.subject || null, html: draft.html || null, variables: parseVariables(variablesText), sample_data: data instanceof Error ? null : data });
  const pick = (version: Template) => {
    const picked = fromTemplate(version);
    setDraft(picked);
    setShown(version.version);
    setVariablesText((picked.variables ?? []).join(', '));
    setDataText(JSON.stringify(picked.sample_data ?? {}, null, 2));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!(data instanceof Error)) save.mutate(input());
  };
  const field = (key: 'name' | 'subject' | 'body' | 'html') => ({
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
            <span>{t('templates.html')}</span>
            <textarea className="code" rows={5} {...field('html')} />
          </label>
          <label className="field">
            <span>{t('templates.variables')}</span>
            <input value={variablesText} onChange={(e) => setVariablesText(e.target.value)} readOnly={!canWrite} placeholder="workflow.name, execution" />
            <span className="hint">{t('templates.variablesHint')}</span>
          </label>
          <label className="field">
            <span>{t('templates.sampleData')}</span>
            <textarea className="code" rows={5} value={dataText} onChange={(e) => setDataText(e.target.value)} aria-invalid={data instanceof Error} readOnly={!canWrite} />
            {data instanceof Error && <span className="field-error">{t('templates.badData')}</span>}
          </label>
        </div>
        <div>
        {template && <VersionsList id={template.id} current={shown} onPick={pick} />}
        <section aria-label={t('templates.preview')} className="preview">
          <h3>{t('templates.preview')}</h3>
          <button type="button" className="button" disabled={data instanceof Error || draft.body === ''} onClick={() => preview.mutate({ subject: draft.subject || null, body: draft.body, html: draft.html || null, data: data instanceof Error ? {} : data })}>
            {t('templates.render')}
          </button>
          <ErrorNote error={preview.error} />
          {preview.data && (
            <div role="status" className="preview-text">
              {preview.data.subject && <strong>{preview.data.subject}</strong>}
              <p>{preview.data.body}</p>
              {/* Rendered HTML in a sandbox with no scripts, as a mail client would show it. */}
              {preview.data.html && <iframe title={t('templates.previewHtml')} sandbox="" srcDoc={preview.data.html} className="preview-html" />}
            </div>
          )}
        </section>
        </div>
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
