import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorNote } from '../../components/error-note';
import { Forbidden } from '../../components/forbidden';
import { Loading } from '../../components/loading';
import { useCan } from '../../lib/roles';
import { useLocalized } from '../../lib/localized';
import { AutomationForm } from './automation-form';
import { automationKey, formSources, formSourcesKey, getAutomation, listTemplates, type AutomationBody } from './automations-api';

/** `/automations/new` (`?template=<name>` starts from that template) and `/automations/:id/edit`. */
export function AutomationEditScreen() {
  const { t } = useTranslation('automations');
  const { name: localName, description: localDescription } = useLocalized();
  const { id } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const templateName = search.get('template');
  const canWrite = useCan('automations:write');
  const sources = useQuery({ queryKey: formSourcesKey, queryFn: ({ signal }) => formSources(signal), staleTime: 60_000, enabled: canWrite });
  const existing = useQuery({ queryKey: automationKey(id ?? ''), queryFn: ({ signal }) => getAutomation(id!, signal), enabled: canWrite && id !== undefined });
  const templates = useQuery({ queryKey: ['automations', 'templates'], queryFn: ({ signal }) => listTemplates(signal), enabled: canWrite && id === undefined && templateName !== null, staleTime: 60_000 });
  if (!canWrite) return <Forbidden />;

  const error = sources.error ?? existing.error ?? templates.error;
  const template = templates.data?.items.find((item) => item.name === templateName);
  const ready = sources.data && (id === undefined ? templateName === null || templates.data : existing.data);
  const initial: Partial<AutomationBody> = id !== undefined
    ? (existing.data ? { ...existing.data, description: existing.data.description ?? undefined } : {})
    : (template?.automation ?? {});
  const title = id !== undefined ? t('form.editTitle') : t('form.newTitle');
  return (
    <section className="page automation-edit">
      <p><Link to={id !== undefined ? `/automations/${encodeURIComponent(id)}` : '/automations'}>{id !== undefined ? t('form.backToAutomation') : t('back')}</Link></p>
      <h1>{existing.data ? `${title}: ${existing.data.name}` : title}</h1>
      {templateName !== null && templates.data && !template ? <p role="alert" className="error-note">{t('form.noTemplate', { name: templateName })}</p> : null}
      {template ? <p className="muted">{t('form.fromTemplate', { name: localName(template) })}: {localDescription(template)}</p> : null}
      {error ? <ErrorNote error={error} /> : null}
      {ready ? (
        <AutomationForm
          key={id ?? templateName ?? 'new'}
          initial={initial}
          existingId={id}
          types={sources.data.actions}
          bodySchema={sources.data.body}
          onSaved={(saved) => void navigate(`/automations/${encodeURIComponent(saved.id)}`)}
        />
      ) : error ? null : <Loading />}
    </section>
  );
}
