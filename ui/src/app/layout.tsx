import * as Menu from '@radix-ui/react-dropdown-menu';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { PreferencesBar } from '../components/preferences-bar';
import { api } from '../lib/api-client';
import { useAuth } from '../lib/auth-store';
import { roleAtLeast } from '../lib/roles';
import { live } from '../lib/live-events';
import { queryClient } from '../lib/query-client';
import { features } from './features';

/** The signed-in frame: navigation from every feature, preferences, the account menu. */
export function Layout() {
  const { t } = useTranslation();
  const user = useAuth((s) => s.user);
  const navigate = useNavigate();
  const signOut = async () => {
    try {
      await api('/api/v3/auth/logout', { method: 'POST', body: {} });
    } finally {
      live.stop();
      queryClient.clear();
      useAuth.getState().signedOut();
      void navigate('/sign-in');
    }
  };
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <span className="brand">dwc</span>
        <nav aria-label={t('app.nav')}>
          <ul className="nav">
            {features.flatMap((feature) =>
              (feature.nav ?? []).filter((entry) => !entry.minRole || roleAtLeast(user?.role, entry.minRole)).map((entry) => (
                <li key={entry.to}>
                  <NavLink to={entry.to}>{t(entry.label, { ns: feature.id })}</NavLink>
                </li>
              )),
            )}
          </ul>
        </nav>
        {features.flatMap((feature) => (feature.header ?? []).map((Widget, i) => <Widget key={`${feature.id}-${i}`} />))}
        <PreferencesBar />
        <Menu.Root>
          <Menu.Trigger className="button ghost user-button" aria-label={`${user?.name || user?.email} · ${t('user.menu')}`} title={user?.email}>
            {user?.name || user?.email}
          </Menu.Trigger>
          <Menu.Portal>
            <Menu.Content className="menu" align="end" sideOffset={4}>
              <Menu.Label className="menu-label">{user?.email}</Menu.Label>
              <Menu.Item className="menu-item" onSelect={() => void navigate('/account/mfa')}>
                {t('mfa.menu', { ns: 'operations' })}
              </Menu.Item>
              <Menu.Item className="menu-item" onSelect={() => void signOut()}>
                {t('user.signOut')}
              </Menu.Item>
            </Menu.Content>
          </Menu.Portal>
        </Menu.Root>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
