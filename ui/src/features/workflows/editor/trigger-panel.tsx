import { useCallback, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { initialValue, type JsonSchema } from '../../../components/schema-form/json-schema';
import { FormReadOnly } from '../../../components/schema-form/read-only';
import { SchemaForm } from '../../../components/schema-form/schema-form';
import { ErrorNote } from '../../../components/error-note';
import { Loading } from '../../../components/loading';
import type { WorkflowDefinition } from '../workflow-types';
import { replaceTriggerSettings, setTriggerSetting, setTriggerType, useEditor } from './editor-store';
import { WORKFLOW } from './step-errors';
import type { TriggerInfo } from './triggers-api';
import { WebhookAddress } from './webhook-address';
import { useLocalized } from '../../../lib/localized';

const EMPTY_SCHEMA: JsonSchema = { type: 'object', properties: {} };

/** The server's messages on `trigger.<key>`, by key, for the settings form. */
function triggerErrors(fields: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(fields ?? {})) {
    const key = /^trigger\.(.+)$/.exec(field)?.[1];
    if (key) (out[key] ??= []).push(...messages);
  }
  return out;
}

/** How the workflow starts: the trigger type (from the API's list) and its settings, drawn from the type's schema. */
export function TriggerPanel({ trigger, triggers, error, readOnly = false }: { trigger: WorkflowDefinition['trigger']; triggers: readonly TriggerInfo[] | undefined; error?: unknown; readOnly?: boolean }) {
  const { t } = useTranslation('workflows');
  const { name: localName, description: localDescription } = useLocalized();
  const change = useEditor((s) => s.change);
  const errors = useEditor((s) => s.errors[WORKFLOW]);
  const typeId = useId();
  const info = triggers?.find((x) => x.type === trigger.type);
  const { type, ...settings } = trigger;
  const fieldErrors = useMemo(() => triggerErrors(errors), [errors]);
  const onSetting = useCallback((key: string, value: unknown) => change((d) => setTriggerSetting(d, key, value), `trigger:${key}`), [change]);
  const onReplace = useCallback((value: Record<string, unknown>) => change((d) => replaceTriggerSettings(d, value)), [change]);

  return (
    <aside className="step-panel" aria-labelledby={`${typeId}-title`} tabIndex={readOnly ? 0 : undefined}>
      <h2 id={`${typeId}-title`}>{t('triggerPanel.title')}</h2>
      {triggers === undefined ? (
        error ? <ErrorNote error={error} /> : <Loading />
      ) : (
        <>
          <fieldset className="form-lock" disabled={readOnly}>
          <div className="field">
            <label htmlFor={typeId}>{t('triggerPanel.type')}</label>
            <select
              id={typeId}
              value={type}
              onChange={(e) => {
                const next = triggers.find((x) => x.type === e.target.value);
                change((d) => setTriggerType(d, e.target.value, next ? initialValue(next.settings_schema) : {}));
              }}
            >
              {!info && <option value={type}>{type}</option>}
              {triggers.map((x) => (
                <option key={x.type} value={x.type}>
                  {localName(x)}
                </option>
              ))}
            </select>
          </div>
          </fieldset>
          <p className="muted">{info ? localDescription(info) : t('triggerPanel.unknown', { type })}</p>
          {type === 'webhook' && <WebhookAddress method={typeof settings.method === 'string' ? settings.method : 'POST'} path={typeof settings.path === 'string' ? settings.path : ''} />}
          <FormReadOnly.Provider value={readOnly}>
            <fieldset className="form-lock" disabled={readOnly}>
              <SchemaForm key={type} schema={info?.settings_schema ?? EMPTY_SCHEMA} value={settings} onChange={onSetting} onReplace={onReplace} errors={fieldErrors} />
            </fieldset>
          </FormReadOnly.Provider>
        </>
      )}
    </aside>
  );
}
