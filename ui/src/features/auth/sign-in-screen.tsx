import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNote } from '../../components/error-note';
import { ApiError } from '../../lib/api-client';
import { signIn } from './auth-api';
import { AuthPage } from './auth-page';
import { useAfterSignIn } from './use-after-sign-in';

/** E-mail and password; when the server answers `mfa_required`, a second step asks for the code. */
export function SignInScreen() {
  const { t } = useTranslation('auth');
  const done = useAfterSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const mutation = useMutation({
    mutationFn: () => signIn({ username: email, password, ...(needsCode ? { totp } : {}) }),
    onSuccess: done,
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'mfa_required') setNeedsCode(true);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  const shownError = mutation.error instanceof ApiError && mutation.error.code === 'mfa_required' ? null : mutation.error;

  if (needsCode) {
    return (
      <AuthPage title={t('totp.title')}>
        <form onSubmit={submit}>
          <label className="field">
            <span>{t('totp.code')}</span>
            <input name="totp" autoComplete="one-time-code" inputMode="numeric" autoFocus required value={totp} onChange={(e) => setTotp(e.target.value)} />
          </label>
          <ErrorNote error={shownError} />
          <div className="toolbar">
            <button type="button" className="ghost" onClick={() => (setNeedsCode(false), setTotp(''), mutation.reset())}>
              {t('totp.back')}
            </button>
            <button type="submit" disabled={mutation.isPending}>
              {t('totp.submit')}
            </button>
          </div>
        </form>
      </AuthPage>
    );
  }

  return (
    <AuthPage title={t('signIn.title')}>
      <form onSubmit={submit}>
        <label className="field">
          <span>{t('signIn.email')}</span>
          <input name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('signIn.password')}</span>
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <ErrorNote error={shownError} />
        <button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? t('signIn.working') : t('signIn.submit')}
        </button>
      </form>
      <p>
        <Link to="/setup">{t('signIn.firstRun')}</Link>
      </p>
    </AuthPage>
  );
}
