import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../lib/auth-store';

/** What a screen shows to someone whose role may not use it, instead of a broken page. */
export function Forbidden() {
  const { t } = useTranslation();
  const role = useAuth((s) => s.user?.role);
  return (
    <section className="page" aria-labelledby="forbidden-title">
      <h1 id="forbidden-title">{t('forbidden.title')}</h1>
      <p>{t('forbidden.body', { role: role ? t(`roles.${role}`) : '' })}</p>
      <p>
        <Link to="/workflows">{t('forbidden.back')}</Link>
      </p>
    </section>
  );
}
