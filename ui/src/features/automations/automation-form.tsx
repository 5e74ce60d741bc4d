import { useMutation, useQueryClient } from '@tanstack/react-query';
import { memo, useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/error-note';
import type { JsonSchema } from '../../components/schema-form/json-schema';
import { SchemaForm } from '../../components/schema-form/schema-form';
import { validateFlat } from '../../components/schema-form/validate';
import { ApiError } from '../../lib/api-client';
import { localizedField, useLocalized } from '../../lib/localized';
import { automationKey, automationsKey, createAutomation, updateAutomation, type ActionType, type Automation, type AutomationBody } from './automations-api';

interface VariantDraft {
  key: number;
  id: string;
  parameters: Record<string, unknown>;
}

interface ActionDraft {
  key: number;
  type: string;
  parameters: Record<string, unknown>;
  /** Parameters as JSON text, for an action type the API lists no schema for. */
  raw: string;
  variants: VariantDraft[];
}

interface Draft {
  name: string;
  description: string;
  triggerType: string;
  conditions: string;
  actions: ActionDraft[];
  ai: boolean;
  learning: boolean;
  enabled: boolean;
  threshold: string;
  approvers: string;
  provider: string;
}

let nextKey = 1;
const newKey = () => nextKey++;
const pretty = (value: unknown) => JSON.stringify(value ?? {}, null, 2);

function draftOf(source: Partial<AutomationBody>, firstTrigger: string): Draft {
  return {
    name: source.name ?? '',
    description: source.description ?? '',
    triggerType: source.trigger?.type ?? firstTrigger,
    conditions: pretty(source.trigger?.conditions ?? {}),
    actions: (source.actions ?? []).map((a) => ({
      key: newKey(), type: a.type, parameters: a.parameters ?? {}, raw: pretty(a.parameters),
      variants: (a.variants ?? []).map((v) => ({ key: newKey(), id: v.id, parameters: v.parameters ?? {} })),
    })),
    ai: source.ai_decision_making ?? false,
    learning: source.learning_enabled ?? false,
    enabled: source.enabled ?? true,
    threshold: source.decision ? String(source.decision.confidence_threshold) : '',
    approvers: source.decision?.approvers.join(', ') ?? '',
    provider: source.decision?.provider ?? '',
  };
}

/** The field errors of a refused save, keyed by body path (`actions.0.parameters.temperature`): `invalid_automation`'s list or the route's `body.*` map. */
export function fieldErrorsOf(error: unknown): Record<string, string[]> {
  if (!(error instanceof ApiError) || error.status !== 400 || !error.details || typeof error.details !== 'object') return {};
  const out: Record<string, string[]> = {};
  if (Array.isArray(error.details)) {
    for (const d of error.details as { field?: unknown; message?: unknown }[]) (out[String(d.field ?? '')] ??= []).push(String(d.message ?? ''));
  } else {
    for (const [k, v] of Object.entries(error.details as Record<string, unknown>)) out[k.replace(/^body\.?/, '')] = Array.isArray(v) ? v.map(String) : [String(v)];
  }
  return out;
}

/** The messages under `prefix.`, keyed by what follows. */
function under(errors: Record<string, string[]>, prefix: string): Record<string, string[]> {
  const p = `${prefix}.`;
  return Object.fromEntries(Object.entries(errors).filter(([k]) => k.startsWith(p)).map(([k, v]) => [k.slice(p.length), v]));
}

const withoutRequired = (schema: JsonSchema): JsonSchema => ({ ...schema, required: [] });

const ParametersForm = memo(function ParametersForm({ schema, value, errors, onChange }: { schema: JsonSchema; value: Record<string, unknown>; errors: Record<string, string[]>; onChange(value: Record<string, unknown>): void }) {
  const set = useCallback((key: string, v: unknown) => {
    const next = { ...value };
    if (v === undefined) delete next[key];
    else next[key] = v;
    onChange(next);
  }, [value, onChange]);
  return <SchemaForm schema={schema} value={value} onChange={set} onReplace={onChange} errors={errors} />;
});

const ActionEditor = memo(function ActionEditor({ index, count, action, types, errors, onChange, onRemove, onMove }: {
  index: number; count: number; action: ActionDraft; types: readonly ActionType[]; errors: Record<string, string[]>;
  onChange(key: number, next: ActionDraft): void; onRemove(key: number): void; onMove(key: number, by: number): void;
}) {
  const { t } = useTranslation('automations');
  const { name: localName, description: localDescription } = useLocalized();
  const typeId = useId();
  const rawId = useId();
  const known = types.find((candidate) => candidate.type === action.type);
  const set = (patch: Partial<ActionDraft>) => onChange(action.key, { ...action, ...patch });
  const setParameters = useCallback((parameters: Record<string, unknown>) => onChange(action.key, { ...action, parameters }), [action, onChange]);
  const own = under(errors, `actions.${index}`);
  const heading = t('form.actionN', { n: index + 1 });
  return (
    <fieldset className="card automation-action" aria-label={heading}>
      <legend>{heading}</legend>
      <div className="toolbar">
        <div className="field">
          <label htmlFor={typeId}>{t('form.actionType')}</label>
          <select id={typeId} value={action.type} onChange={(e) => set({ type: e.target.value, parameters: {}, raw: '{}', variants: [] })}>
            {types.map((candidate) => <option key={candidate.type} value={candidate.type}>{`${localName(candidate)} (${candidate.type})`}</option>)}
            {known ? null : <option value={action.type}>{action.type}</option>}
          </select>
        </div>
        <span className="spacer" />
        <button type="button" className="ghost" disabled={index === 0} onClick={() => onMove(action.key, -1)}>{t('form.moveUp')}</button>
        <button type="button" className="ghost" disabled={index === count - 1} onClick={() => onMove(action.key, 1)}>{t('form.moveDown')}</button>
        <button type="button" className="ghost" disabled={count === 1} onClick={() => onRemove(action.key)}>{t('form.removeAction')}</button>
      </div>
      {known ? <p className="muted">{localDescription(known)}</p> : null}
      {(own.type ?? []).length > 0 ? <p className="field-error" role="alert">{own.type!.join('; ')}</p> : null}
      {known ? (
        <ParametersForm schema={action.variants.length > 0 ? withoutRequired(known.parameters_schema) : known.parameters_schema} value={action.parameters} errors={under(own, 'parameters')} onChange={setParameters} />
      ) : (
        <div className="field">
          <label htmlFor={rawId}>{t('form.parametersJson')}</label>
          <textarea id={rawId} rows={4} spellCheck={false} value={action.raw} onChange={(e) => set({ raw: e.target.value })} />
        </div>
      )}
      {known ? (
        <div className="automation-variants">
          <h4>{t('form.variants')}</h4>
          <p className="muted">{t('form.variantsHint')}</p>
          {action.variants.map((variant, v) => {
            const vErrors = under(own, `variants.${v}`);
            return (
              <fieldset key={variant.key} className="nested-form" aria-label={t('form.variantN', { n: v + 1 })}>
                <legend>{t('form.variantN', { n: v + 1 })}</legend>
                <div className="field">
                  <label htmlFor={`${typeId}-v${variant.key}`}>{t('form.variantId')}</label>
                  <input id={`${typeId}-v${variant.key}`} value={variant.id} aria-invalid={(vErrors.id ?? []).length > 0} onChange={(e) => set({ variants: action.variants.map((x) => (x.key === variant.key ? { ...x, id: e.target.value } : x)) })} />
                  {vErrors.id ? <span className="field-error" role="alert">{vErrors.id.join('; ')}</span> : null}
                </div>
                <ParametersForm
                  schema={withoutRequired(known.parameters_schema)}
                  value={variant.parameters}
                  errors={under(vErrors, 'parameters')}
                  onChange={(parameters) => set({ variants: action.variants.map((x) => (x.key === variant.key ? { ...x, parameters } : x)) })}
                />
                <button type="button" className="ghost" onClick={() => set({ variants: action.variants.filter((x) => x.key !== variant.key) })}>{t('form.removeVariant')}</button>
              </fieldset>
            );
          })}
          <button type="button" onClick={() => set({ variants: [...action.variants, { key: newKey(), id: `variant_${action.variants.length + 1}`, parameters: {} }] })}>{t('form.addVariant')}</button>
        </div>
      ) : null}
    </fieldset>
  );
});

/** Turns the draft into a body, or the field errors found before sending. */
function bodyOf(draft: Draft, types: readonly ActionType[], t: (key: string) => string): { body?: AutomationBody; errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  if (draft.name.trim() === '') add('name', t('form.required'));
  let conditions: unknown;
  try {
    conditions = JSON.parse(draft.conditions || '{}');
  } catch {
    conditions = null;
  }
  if (typeof conditions !== 'object' || conditions === null || Array.isArray(conditions)) add('trigger.conditions', t('form.mustBeObject'));
  if (draft.actions.length === 0) add('actions', t('form.needsAction'));
  const actions = draft.actions.map((action, index) => {
    const known = types.find((candidate) => candidate.type === action.type);
    let parameters = action.parameters;
    if (!known) {
      try {
        parameters = JSON.parse(action.raw || '{}') as Record<string, unknown>;
      } catch {
        add(`actions.${index}.parameters`, t('form.mustBeObject'));
      }
    } else if (action.variants.length === 0) {
      for (const [field, messages] of Object.entries(validateFlat(known.parameters_schema, parameters))) for (const m of messages) add(`actions.${index}.parameters.${field}`, m);
    }
    return { type: action.type, parameters, ...(action.variants.length > 0 ? { variants: action.variants.map((v) => ({ id: v.id, parameters: v.parameters })) } : {}) };
  });
  const threshold = draft.threshold.trim() === '' ? undefined : Number(draft.threshold);
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) add('decision.confidence_threshold', t('form.thresholdRange'));
  const approvers = draft.approvers.split(',').map((a) => a.trim()).filter(Boolean);
  if (Object.keys(errors).length > 0) return { errors };
  const decision = threshold !== undefined || approvers.length > 0 || draft.provider.trim() !== ''
    ? {
      confidence_threshold: threshold ?? 0.6,
      approvers: approvers.length > 0 ? approvers : ['owner', 'admin'],
      ...(draft.provider.trim() !== '' ? { provider: draft.provider.trim() } : {}),
    }
    : undefined;
  return {
    errors,
    body: {
      name: draft.name.trim(),
      ...(draft.description.trim() !== '' ? { description: draft.description } : {}),
      trigger: { type: draft.triggerType, conditions: conditions as Record<string, unknown> },
      actions,
      ai_decision_making: draft.ai,
      learning_enabled: draft.learning,
      enabled: draft.enabled,
      ...(decision ? { decision } : {}),
    },
  };
}

/**
 * A new automation, or an existing one's edit: the trigger from the create body's schema, each
 * action's parameters drawn from the schema `GET /api/v3/automations/actions` serves for its type.
 */
export function AutomationForm({ initial, existingId, types, bodySchema, onSaved }: {
  initial: Partial<AutomationBody>; existingId?: string; types: readonly ActionType[]; bodySchema: JsonSchema; onSaved(automation: Automation): void;
}) {
  const { t, i18n } = useTranslation('automations');
  const client = useQueryClient();
  const ids = { name: useId(), description: useId(), trigger: useId(), conditions: useId(), threshold: useId(), approvers: useId(), provider: useId() };
  const triggerSchema = bodySchema.properties?.trigger;
  /** A body field's help in the UI's language (`x-dwc-i18n`), else the schema's English. */
  const helpOf = (schema: JsonSchema | undefined) => (schema ? localizedField(schema, '', i18n.language).description : undefined);
  const triggerTypeText = (type: string) => (triggerSchema?.properties?.type ? localizedField(triggerSchema.properties.type, '', i18n.language).option(type) : type);
  const triggerTypes = useMemo(() => (triggerSchema?.properties?.type?.enum ?? []).map(String), [triggerSchema]);
  const decisionSchema = bodySchema.properties?.decision?.properties ?? {};
  const [draft, setDraft] = useState<Draft>(() => {
    const start = draftOf(initial, triggerTypes[0] ?? 'api_call');
    if (start.actions.length === 0 && types[0]) start.actions.push({ key: newKey(), type: types[0].type, parameters: {}, raw: '{}', variants: [] });
    return start;
  });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const save = useMutation({
    mutationFn: (body: AutomationBody) => (existingId ? updateAutomation(existingId, body) : createAutomation(body)),
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: automationsKey });
      client.setQueryData(automationKey(saved.id), saved);
      onSaved(saved);
    },
    onError: (error) => setErrors(fieldErrorsOf(error)),
  });
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((old) => ({ ...old, [key]: value }));
  const changeAction = useCallback((key: number, next: ActionDraft) => setDraft((old) => ({ ...old, actions: old.actions.map((a) => (a.key === key ? next : a)) })), []);
  const removeAction = useCallback((key: number) => setDraft((old) => ({ ...old, actions: old.actions.filter((a) => a.key !== key) })), []);
  const moveAction = useCallback((key: number, by: number) => setDraft((old) => {
    const list = [...old.actions];
    const from = list.findIndex((a) => a.key === key);
    const [moved] = list.splice(from, 1);
    list.splice(from + by, 0, moved!);
    return { ...old, actions: list };
  }), []);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const { body, errors: found } = bodyOf(draft, types, (key) => t(key));
    setErrors(found);
    if (body) save.mutate(body);
  };
  const errorOf = (field: string) => (errors[field] ?? []).join('; ');
  const hint = (field: string, id: string, description?: string) => (
    errors[field] || description ? (
      <span id={`${id}-hint`} className="hint">
        {errors[field] ? <span className="field-error" role="alert">{errorOf(field)}</span> : null}
        {errors[field] && description ? ' ' : null}
        {description}
      </span>
    ) : null
  );
  const errorCount = Object.keys(errors).length;

  return (
    <form className="automation-form" onSubmit={submit} noValidate aria-label={existingId ? t('form.editTitle') : t('form.newTitle')}>
      <div className="field">
        <label htmlFor={ids.name}>{t('name')}<span aria-hidden="true"> *</span></label>
        <input id={ids.name} value={draft.name} aria-invalid={!!errors.name} aria-describedby={errors.name ? `${ids.name}-hint` : undefined} onChange={(e) => set('name', e.target.value)} />
        {hint('name', ids.name)}
      </div>
      <div className="field">
        <label htmlFor={ids.description}>{t('form.description')}</label>
        <textarea id={ids.description} rows={2} value={draft.description} onChange={(e) => set('description', e.target.value)} />
      </div>
      <fieldset className="card">
        <legend>{t('trigger')}</legend>
        <div className="field">
          <label htmlFor={ids.trigger}>{t('form.triggerType')}</label>
          <select id={ids.trigger} value={draft.triggerType} onChange={(e) => set('triggerType', e.target.value)}>
            {triggerTypes.map((type) => <option key={type} value={type}>{triggerTypeText(type) === type ? type : `${triggerTypeText(type)} (${type})`}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.conditions}>{t('form.conditions')}</label>
          <textarea id={ids.conditions} rows={3} spellCheck={false} value={draft.conditions} aria-invalid={!!errors['trigger.conditions']} aria-describedby={`${ids.conditions}-hint`} onChange={(e) => set('conditions', e.target.value)} />
          {hint('trigger.conditions', ids.conditions, helpOf(triggerSchema?.properties?.conditions))}
        </div>
      </fieldset>
      <h2>{t('actions')}</h2>
      {errors.actions ? <p className="field-error" role="alert">{errorOf('actions')}</p> : null}
      {draft.actions.map((action, index) => (
        <ActionEditor key={action.key} index={index} count={draft.actions.length} action={action} types={types} errors={errors} onChange={changeAction} onRemove={removeAction} onMove={moveAction} />
      ))}
      <button type="button" disabled={types.length === 0} onClick={() => setDraft((old) => ({ ...old, actions: [...old.actions, { key: newKey(), type: types[0]!.type, parameters: {}, raw: '{}', variants: [] }] }))}>
        {t('form.addAction')}
      </button>
      <fieldset className="card">
        <legend>{t('form.behaviour')}</legend>
        <label className="inline-field"><input type="checkbox" checked={draft.enabled} onChange={(e) => set('enabled', e.target.checked)} />{t('form.enabled')}</label>
        <label className="inline-field"><input type="checkbox" checked={draft.ai} onChange={(e) => set('ai', e.target.checked)} />{t('form.aiDecides')}</label>
        <label className="inline-field"><input type="checkbox" checked={draft.learning} onChange={(e) => set('learning', e.target.checked)} />{t('form.learns')}</label>
        <div className="field">
          <label htmlFor={ids.threshold}>{t('form.threshold')}</label>
          <input id={ids.threshold} inputMode="decimal" value={draft.threshold} placeholder={String(decisionSchema.confidence_threshold?.default ?? '')} aria-invalid={!!errors['decision.confidence_threshold']} aria-describedby={`${ids.threshold}-hint`} onChange={(e) => set('threshold', e.target.value)} />
          {hint('decision.confidence_threshold', ids.threshold, helpOf(decisionSchema.confidence_threshold))}
        </div>
        <div className="field">
          <label htmlFor={ids.approvers}>{t('form.approvers')}</label>
          <input id={ids.approvers} value={draft.approvers} placeholder={Array.isArray(decisionSchema.approvers?.default) ? (decisionSchema.approvers.default as string[]).join(', ') : undefined} aria-describedby={`${ids.approvers}-hint`} onChange={(e) => set('approvers', e.target.value)} />
          {hint('decision.approvers', ids.approvers, helpOf(decisionSchema.approvers))}
        </div>
        <div className="field">
          <label htmlFor={ids.provider}>{t('form.provider')}</label>
          <input id={ids.provider} value={draft.provider} aria-describedby={`${ids.provider}-hint`} onChange={(e) => set('provider', e.target.value)} />
          {hint('decision.provider', ids.provider, helpOf(decisionSchema.provider))}
        </div>
      </fieldset>
      {errorCount > 0 ? (
        <div role="alert" className="error-note">
          <p>{t('form.invalid')}</p>
          <ul>{Object.entries(errors).map(([field, messages]) => <li key={field}><code>{field || t('name')}</code>: {messages.join('; ')}</li>)}</ul>
        </div>
      ) : null}
      {save.error && errorCount === 0 ? <ErrorNote error={save.error} /> : null}
      <div className="toolbar">
        <span className="spacer" />
        <button type="submit" disabled={save.isPending}>{save.isPending ? t('form.saving') : existingId ? t('form.saveChanges') : t('form.create')}</button>
      </div>
    </form>
  );
}
