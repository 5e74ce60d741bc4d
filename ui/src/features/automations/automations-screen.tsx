import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNote } from '../../components/error-note';
import { Loading } from '../../components/loading';
import { useCan } from '../../lib/roles';
import { automationsKey, listAutomations, listTemplates } from './automations-api';
import { AutomationTable } from './automation-views';

/** Automations, a new one from scratch or from a template. */
export function AutomationsScreen() {
  const { t } = useTranslation('automations');
  const canWrite = useCan('automations:write');
  const automations = useQuery({ queryKey: automationsKey, queryFn: ({ signal }) => listAutomations(signal) });
  const templates = useQuery({ queryKey: ['automations', 'templates'], queryFn: ({ signal }) => listTemplates(signal), enabled: canWrite, staleTime: 60_000 });
  return (
    <section className="page">
      <div className="toolbar">
        <h1>{t('title')}</h1>
        <span className="spacer" />
        {canWrite ? <Link className="button" to="/automations/new">{t('new')}</Link> : null}
      </div>
      {automations.error ? <ErrorNote error={automations.error} /> : null}
      {automations.data ? <AutomationTable items={automations.data.items} /> : automations.isPending ? <Loading /> : null}
      {canWrite && templates.data && templates.data.items.length > 0 ? (
        <section className="card" aria-labelledby="automation-templates">
          <h2 id="automation-templates">{t('templates')}</h2>
          <ul className="template-list">
            {templates.data.items.map((template) => (
              <li key={template.name}>
                <Link to={`/automations/new?template=${encodeURIComponent(template.name)}`}>{template.automation.name ?? template.name}</Link>
                <span className="muted"> — {template.description}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
