import type { ReactNode } from 'react';
import { PreferencesBar } from '../../components/preferences-bar';

/** The frame of the screens shown before signing in. */
export function AuthPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main id="main" className="auth-page">
      <section className="card auth-card">
        <PreferencesBar />
        <h1>{title}</h1>
        {children}
      </section>
    </main>
  );
}
