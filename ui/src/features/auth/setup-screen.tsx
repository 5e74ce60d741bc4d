import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNote } from '../../components/error-note';
import { setupOwner } from './auth-api';
import { AuthPage } from './auth-page';
import { useAfterSignIn } from './use-after-sign-in';

/** First run: the one-time setup token from the server log creates the first owner. */
export function SetupScreen() {
  const { t } = useTranslation('auth');
  const done = useAfterSignIn();
  const [form, setForm] = useState({ setup_token: '', name: '', email: '', password: '' });
  const mutation = useMutation({ mutationFn: () => setupOwner({ ...form, name: form.name || undefined }), onSuccess: done });
  const field = (key: keyof typeof form) => ({ name: key, value: form[key], onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  return (
    <AuthPage title={t('setup.title')}>
      <p className="muted">{t('setup.intro')}</p>
      <form onSubmit={submit}>
        <label className="field">
          <span>{t('setup.token')}</span>
          <input required autoComplete="off" {...field('setup_token')} />
        </label>
        <label className="field">
          <span>{t('setup.name')}</span>
          <input autoComplete="name" {...field('name')} />
        </label>
        <label className="field">
          <span>{t('setup.email')}</span>
          <input type="email" required autoComplete="username" {...field('email')} />
        </label>
        <label className="field">
          <span>{t('setup.password')}</span>
          <input type="password" required autoComplete="new-password" {...field('password')} />
        </label>
        <ErrorNote error={mutation.error} />
        <button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? t('setup.working') : t('setup.submit')}
        </button>
      </form>
      <p>
        <Link to="/sign-in">{t('setup.haveAccount')}</Link>
      </p>
    </AuthPage>
  );
}
