import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AiTemplate, AiWorkflowRequest } from './ai-templates-api';
import { useLocalized } from '../../lib/localized';

/** A parameter as the person edits it: lists one item per line, anything else as text. */
const shown = (value: unknown): string => (Array.isArray(value) ? value.join('\n') : value === undefined || value === null ? '' : String(value));

function parsed(text: string, fallback: unknown): unknown {
  if (Array.isArray(fallback)) return text.split('\n').map((line) => line.trim()).filter(Boolean);
  if (typeof fallback === 'number' && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  return text;
}

/** Pick an AI template, name the workflow and fill the template's parameters. */
export function AiTemplateForm({ templates, pending, onSubmit }: { templates: readonly AiTemplate[]; pending: boolean; onSubmit(request: AiWorkflowRequest): void }) {
  const { t, i18n } = useTranslation('workflows');
  const { name: localName, description: localDescription } = useLocalized();
  const [picked, setPicked] = useState(templates[0]?.name ?? '');
  const template = templates.find((candidate) => candidate.name === picked);
  const [name, setName] = useState(template?.title ?? '');
  const [values, setValues] = useState<Record<string, string>>(() => defaultsOf(template));

  const pick = (next: string) => {
    const nextTemplate = templates.find((candidate) => candidate.name === next);
    if (name === '' || name === template?.title) setName(nextTemplate?.title ?? '');
    setPicked(next);
    setValues(defaultsOf(nextTemplate));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!template) return;
    const input_data = Object.fromEntries(
      Object.entries(template.inputs)
        .filter(([key, input]) => input.required || (values[key] ?? '') !== shown(input.default))
        .map(([key, input]) => [key, parsed(values[key] ?? '', input.default)]),
    );
    onSubmit({ name: name.trim(), workflow_type: template.workflow_type, template_name: template.name, input_data });
  };

  return (
    <form onSubmit={submit} className="template-form">
      <fieldset className="field">
        <legend>{t('templates.pick')}</legend>
        <div className="template-choices">
          {templates.map((candidate) => (
            <label key={candidate.name} className="template-choice">
              <input type="radio" name="template" value={candidate.name} checked={candidate.name === picked} onChange={() => pick(candidate.name)} />
              <span>
                <strong>{localName(candidate)}</strong>
                <span className="muted">{localDescription(candidate)}</span>
                <span className="muted">{t('templates.steps', { steps: candidate.steps.map((s) => s.type).join(' → ') })}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <label className="field">
        <span>{t('templates.name')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </label>
      {template && Object.keys(template.inputs).length > 0 && (
        <fieldset className="field">
          <legend>{t('templates.parameters')}</legend>
          {Object.entries(template.inputs).map(([key, input]) => (
            <label key={`${template.name}-${key}`} className="field">
              <span>
                {key}
                {input.required ? ` (${t('form.required', { ns: 'common' })})` : ''} — <span className="muted">{template.i18n?.[i18n.language]?.fields?.[key]?.description ?? input.description}{Array.isArray(input.default) ? ` (${t('templates.onePerLine')})` : ''}</span>
              </span>
              {Array.isArray(input.default) ? (
                <textarea rows={3} value={values[key] ?? ''} onChange={(e) => setValues({ ...values, [key]: e.target.value })} />
              ) : (
                <input value={values[key] ?? ''} onChange={(e) => setValues({ ...values, [key]: e.target.value })} required={input.required} />
              )}
            </label>
          ))}
        </fieldset>
      )}
      <p className="muted">{t('templates.overridable')}</p>
      <div className="toolbar">
        <button type="submit" disabled={pending || !template}>
          {pending ? t('templates.creating') : t('templates.create')}
        </button>
      </div>
    </form>
  );
}

function defaultsOf(template: AiTemplate | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(template?.inputs ?? {}).map(([key, input]) => [key, shown(input.default)]));
}
