import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/error-note';
import { Loading } from '../../components/loading';
import type { JsonSchema } from '../../components/schema-form/json-schema';
import { SchemaForm } from '../../components/schema-form/schema-form';
import { validateFlat } from '../../components/schema-form/validate';
import { ApiError } from '../../lib/api-client';
import { createSchedule, createSchemas, scheduleKeys, scheduleKinds, type Schedule, type ScheduleKind } from './schedules-api';

/** The API's field errors of a 400 (`{"body.cron_expression": ["..."]}` from the route, or without `body.` from the scheduler), by field. */
function fieldErrorsOf(error: unknown): Record<string, string[]> | null {
  if (!(error instanceof ApiError) || error.status !== 400 || !error.details || typeof error.details !== 'object' || Array.isArray(error.details)) return null;
  return Object.fromEntries(Object.entries(error.details as Record<string, unknown>).map(([k, v]) => [k.replace(/^body\./, ''), Array.isArray(v) ? v.map(String) : [String(v)]]));
}

/** The same schema with its required fields first (the name and the timing before the policies). */
function requiredFirst(schema: JsonSchema): JsonSchema {
  const required = new Set(schema.required ?? []);
  const entries = Object.entries(schema.properties ?? {});
  return { ...schema, properties: Object.fromEntries([...entries.filter(([k]) => required.has(k)), ...entries.filter(([k]) => !required.has(k))]) };
}

/** A new schedule of any kind, its form drawn from the create body's schema in the OpenAPI document. */
export function ScheduleForm({ onCreated, initial = {} }: { onCreated(schedule: Schedule): void; /** Fields filled in beforehand (e.g. `workflow_id`). */ initial?: Record<string, unknown> }) {
  const { t } = useTranslation('schedules');
  const client = useQueryClient();
  const kindId = useId();
  const schemas = useQuery({ queryKey: scheduleKeys.createSchemas, queryFn: ({ signal }) => createSchemas(signal), staleTime: Infinity });
  const [kind, setKind] = useState<ScheduleKind>('cron');
  const [value, setValue] = useState<Record<string, unknown>>(initial);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const onChange = useCallback((key: string, v: unknown) => setValue((old) => {
    const next = { ...old };
    if (v === undefined) delete next[key];
    else next[key] = v;
    return next;
  }), []);
  const create = useMutation({
    mutationFn: () => createSchedule(kind, value),
    onSuccess: (schedule) => {
      void client.invalidateQueries({ queryKey: scheduleKeys.list });
      onCreated(schedule);
    },
    onError: (error) => setErrors(fieldErrorsOf(error) ?? {}),
  });

  if (schemas.error) return <ErrorNote error={schemas.error} />;
  if (!schemas.data) return <Loading />;
  const schema = requiredFirst(schemas.data[kind]);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const found = validateFlat(schema, value);
    setErrors(found);
    if (Object.keys(found).length === 0) create.mutate();
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('create.title')}>
      <div className="field">
        <label htmlFor={kindId}>{t('create.kind')}</label>
        <select id={kindId} value={kind} onChange={(e) => {
            const next = e.target.value as ScheduleKind;
            const fields = schemas.data[next].properties ?? {};
            setKind(next);
            setValue((old) => Object.fromEntries(Object.entries(old).filter(([k]) => k in fields)));
            setErrors({});
          }}>
          {scheduleKinds.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <SchemaForm key={kind} schema={schema} value={value} onChange={onChange} onReplace={setValue} errors={errors} />
      {create.error && !fieldErrorsOf(create.error) ? <ErrorNote error={create.error} /> : null}
      {Object.keys(errors).length > 0 ? (
        <p role="alert" className="error-note">
          {t('create.invalid')}
        </p>
      ) : null}
      <div className="toolbar">
        <span className="spacer" />
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? t('create.creating') : t('create.submit')}
        </button>
      </div>
    </form>
  );
}
