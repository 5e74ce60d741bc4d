import { memo, useCallback, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { localizedField } from '../../lib/localized';
import { fieldKind, textToValue, valueToText, type JsonSchema } from './json-schema';
import { FolderField } from './folder-field';
import { SchemaForm } from './schema-form';
import { TemplateField } from './template-field';
import { WorkflowField } from './workflow-field';

export interface SchemaFieldProps {
  name: string;
  schema: JsonSchema;
  value: unknown;
  required: boolean;
  errors: readonly string[] | undefined;
  /** Messages for the fields of a nested object, by their key. */
  childErrors?: Record<string, string[]>;
  completions: readonly string[];
  onChange(name: string, value: unknown): void;
}

/** One property of a schema form; memoised so a keystroke re-renders only the field typed in. */
export const SchemaField = memo(function SchemaField({ name, schema, value, required, errors, childErrors, completions, onChange }: SchemaFieldProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const labelId = `${id}-label`;
  const hintId = `${id}-hint`;
  const kind = fieldKind(schema);
  const set = useCallback((v: unknown) => onChange(name, v), [name, onChange]);
  const setText = useCallback((text: string) => set(kind === 'text' ? (text === '' ? undefined : text) : textToValue(text)), [kind, set]);
  const object = value === undefined || (typeof value === 'object' && value !== null && !Array.isArray(value)) ? ((value ?? {}) as Record<string, unknown>) : null;
  const setKey = useCallback((key: string, v: unknown) => {
    const next = { ...object };
    if (v === undefined) delete next[key];
    else next[key] = v;
    set(Object.keys(next).length > 0 ? next : undefined);
  }, [object, set]);
  const invalid = errors !== undefined && errors.length > 0;
  const { label, description, option: optionLabel } = localizedField(schema, name, i18n.language);
  const describedBy = description || invalid ? hintId : undefined;

  let control;
  if (kind === 'select') {
    control = (
      <select id={id} aria-labelledby={labelId} aria-describedby={describedBy} aria-invalid={invalid} value={typeof value === 'string' ? value : ''} onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)}>
        <option value="">{schema.default !== undefined ? `(${optionLabel(String(schema.default))})` : '—'}</option>
        {schema.enum!.map((option) => (
          <option key={String(option)} value={String(option)}>
            {optionLabel(String(option))}
          </option>
        ))}
      </select>
    );
  } else if (kind === 'checkboxes') {
    const picked = Array.isArray(value) ? (value as string[]) : [];
    control = (
      <div role="group" aria-labelledby={labelId} aria-describedby={describedBy} className="checkbox-group">
        {schema.items!.enum!.map((option) => {
          const text = String(option);
          return (
            <label key={text} className="inline-field">
              <input type="checkbox" checked={picked.includes(text)} onChange={(e) => set(e.target.checked ? [...picked, text] : picked.filter((p) => p !== text))} />
              {optionLabel(text)}
            </label>
          );
        })}
      </div>
    );
  } else if (kind === 'boolean') {
    control = <input id={id} type="checkbox" aria-labelledby={labelId} aria-describedby={describedBy} checked={value === true} onChange={(e) => set(e.target.checked)} />;
  } else if (kind === 'number') {
    control = (
      <input
        id={id}
        inputMode="decimal"
        aria-labelledby={labelId}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        value={value === undefined ? '' : String(value)}
        placeholder={schema.default !== undefined ? String(schema.default) : undefined}
        onChange={(e) => {
          const text = e.target.value;
          const number = Number(text);
          set(text.trim() === '' ? undefined : Number.isFinite(number) && !text.includes('{') ? number : text);
        }}
      />
    );
  } else if (kind === 'folder') {
    control = (
      <FolderField
        id={id}
        value={typeof value === 'string' ? value : ''}
        onChange={set}
        labelledBy={labelId}
        describedBy={describedBy}
        invalid={invalid}
        placeholder={typeof schema.default === 'string' ? schema.default : undefined}
      />
    );
  } else if (kind === 'workflow') {
    control = <WorkflowField id={id} value={typeof value === 'string' ? value : ''} onChange={set} labelledBy={labelId} describedBy={describedBy} invalid={invalid} />;
  } else if (kind === 'object' && object !== null) {
    return (
      <fieldset className="field nested-form" data-field={name} aria-describedby={describedBy}>
        <legend>
          {label}
          {required && <span aria-hidden="true"> *</span>}
          {required && <span className="visually-hidden"> ({t('form.required')})</span>}
        </legend>
        {describedBy && (
          <span id={hintId} className="hint">
            {invalid ? <span className="field-error" role="alert">{errors!.join('; ')}</span> : null}
            {invalid && description ? ' ' : null}
            {description}
          </span>
        )}
        <SchemaForm schema={schema} value={object} onChange={setKey} onReplace={set} errors={childErrors} completions={completions} />
      </fieldset>
    );
  } else {
    control = <TemplateField value={valueToText(value)} onChange={setText} labelledBy={labelId} describedBy={describedBy} completions={completions} invalid={invalid} placeholder={schema.default !== undefined ? valueToText(schema.default) : undefined} />;
  }

  return (
    <div className="field" data-field={name}>
      <span id={labelId}>
        {kind === 'select' || kind === 'boolean' || kind === 'number' || kind === 'folder' || kind === 'workflow' ? <label htmlFor={id}>{label}</label> : label}
        {required && <span aria-hidden="true"> *</span>}
        {required && <span className="visually-hidden"> ({t('form.required')})</span>}
      </span>
      {control}
      {describedBy && (
        <span id={hintId} className="hint">
          {invalid ? (
            <span className="field-error" role="alert">
              {errors!.join('; ')}
            </span>
          ) : null}
          {invalid && description ? ' ' : null}
          {description}
        </span>
      )}
    </div>
  );
});
