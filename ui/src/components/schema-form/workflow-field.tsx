import { useQuery } from '@tanstack/react-query';
import { memo, useDeferredValue, useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api-client';

interface WorkflowOption {
  id: string;
  name: string;
}

export interface WorkflowFieldProps {
  id: string;
  value: string;
  onChange(value: string | undefined): void;
  labelledBy: string;
  describedBy?: string;
  invalid?: boolean;
}

const listWorkflows = (search: string, signal: AbortSignal) =>
  api<{ items: WorkflowOption[] }>('/api/v3/workflows', { query: { search, limit: 50 }, signal });

/**
 * A workflow id (a schema string marked `"x-dwc-widget": "workflow"`): a searchable combobox
 * (WAI-ARIA combobox with a listbox popup) listing workflows by name and storing the chosen id.
 * A `{{ }}` template typed in is kept as the value, so a step may still pick its workflow at run time.
 */
export const WorkflowField = memo(function WorkflowField({ id, value, onChange, labelledBy, describedBy, invalid }: WorkflowFieldProps) {
  const { t } = useTranslation();
  const listId = useId();
  const [text, setText] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const search = useDeferredValue(open ? (text ?? '') : '');
  const list = useQuery({ queryKey: ['workflows', 'picker', search], queryFn: ({ signal }) => listWorkflows(search, signal), enabled: open, staleTime: 10_000 });
  const chosen = useQuery({
    queryKey: ['workflows', 'one', value],
    queryFn: ({ signal }) => api<WorkflowOption>(`/api/v3/workflows/${encodeURIComponent(value)}`, { signal }),
    enabled: value !== '' && !value.includes('{{'),
    retry: false,
    staleTime: 60_000,
  });
  const options = list.data?.items ?? [];
  useEffect(() => setActive(-1), [search]);

  const shown = text ?? (chosen.data?.name ?? value);
  const pick = (option: WorkflowOption) => {
    onChange(option.id);
    setText(null);
    setOpen(false);
  };
  const close = () => {
    if (text !== null && text.includes('{{')) onChange(text);
    else if (text === '') onChange(undefined);
    setText(null);
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      if (options.length > 0) setActive((i) => (i + step + options.length) % options.length);
    } else if (event.key === 'Enter' && open) {
      event.preventDefault();
      const option = options[active];
      if (option) pick(option);
      else close();
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setText(null);
      setOpen(false);
    }
  };

  const unknown = value !== '' && !value.includes('{{') && chosen.isError;
  return (
    <div className="workflow-field">
      <input
        id={id}
        role="combobox"
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        aria-invalid={invalid || unknown}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={t('form.workflowSearch')}
        value={shown}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onBlur={close}
        onKeyDown={onKeyDown}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
      />
      {value !== '' && !value.includes('{{') && <span className="workflow-field-id">{value}</span>}
      {unknown && <span className="field-error" role="alert">{t('form.workflowUnknown')}</span>}
      <ul id={listId} role="listbox" aria-labelledby={labelledBy} className="workflow-field-list" hidden={!open}>
        {open && list.isPending && <li className="hint" role="presentation">{t('form.workflowLoading')}</li>}
        {open && list.isSuccess && options.length === 0 && <li className="hint" role="presentation">{t('form.workflowNone')}</li>}
        {options.map((option, index) => (
          <li
            key={option.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={option.id === value}
            className={index === active ? 'active' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(option)}
          >
            <span>{option.name}</span>
            <span className="workflow-field-id">{option.id}</span>
          </li>
        ))}
      </ul>
    </div>
  );
});
