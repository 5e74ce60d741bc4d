import { useTranslation } from 'react-i18next';
import { NavLink, useParams } from 'react-router';
import { useAuth } from '../../lib/auth-store';
import { roleAtLeast } from '../../lib/roles';
import { ApiKeysPanel } from './api-keys-section';
import { AuditPanel } from './audit-section';
import { HealthPanel } from './health-section';
import { PluginsPanel } from './plugins-section';
import { Forbidden } from '../../components/forbidden';
import { SECTIONS, sectionsFor, type SectionId } from './sections';
import { TasksPanel } from './tasks-section';
import { UsersPanel } from './users-section';

/** Operations: health, plugins, API keys, and for admins users and the audit log. */
export function OperationsScreen() {
  const { t } = useTranslation('operations');
  const role = useAuth((s) => s.user?.role);
  const sections = sectionsFor(role);
  const { section: asked } = useParams();
  const section: SectionId = sections.find((s) => s.id === asked)?.id ?? 'health';
  const isAdmin = roleAtLeast(role, 'admin');
  if (asked !== undefined && SECTIONS.some((s) => s.id === asked) && !sections.some((s) => s.id === asked)) return <Forbidden />;
  return (
    <section className="page">
      <h1>{t('title')}</h1>
      <nav aria-label={t('sections')}>
        <ul className="nav">
          {sections.map((s) => (
            <li key={s.id}>
              <NavLink to={`/operations/${s.id}`} aria-current={s.id === section ? 'page' : undefined}>{t(`${s.id}.title`)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{t(`${section}.title`)}</h2>
      {section === 'health' && <HealthPanel />}
      {section === 'plugins' && <PluginsPanel canAdmin={isAdmin} />}
      {section === 'keys' && <ApiKeysPanel />}
      {section === 'tasks' && <TasksPanel canCancel={roleAtLeast(role, 'editor')} />}
      {section === 'users' && <UsersPanel />}
      {section === 'audit' && <AuditPanel />}
    </section>
  );
}
