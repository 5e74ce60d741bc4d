import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/error-note';
import { api } from '../../lib/api-client';
import { useAuth } from '../../lib/auth-store';

interface Enrolment {
  secret: string;
  otpauth_uri: string;
  qr_code: string;
}

const enroll = () => api<Enrolment>('/api/v3/auth/mfa/enroll', { method: 'POST', body: {} });
const verify = (code: string) => api<{ recovery_codes: string[] }>('/api/v3/auth/mfa/verify', { method: 'POST', body: { code } });

/** Two-step sign-in: start enrolment, scan the QR code, confirm with a code, keep the recovery codes. */
export function MfaScreen() {
  const { t } = useTranslation('operations');
  const user = useAuth((s) => s.user);
  const [code, setCode] = useState('');
  const start = useMutation({ mutationFn: enroll });
  const confirm = useMutation({ mutationFn: verify });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate(code.trim());
  };
  return (
    <section className="page">
      <h1>{t('mfa.title')}</h1>
      {user?.mfa_enabled || confirm.data ? (
        <p role="status">{t('mfa.on')}</p>
      ) : !start.data ? (
        <>
          <p>{t('mfa.intro')}</p>
          <button type="button" className="button" onClick={() => start.mutate()} disabled={start.isPending}>{t('mfa.start')}</button>
        </>
      ) : (
        <form className="card" onSubmit={submit}>
          <p>{t('mfa.scan')}</p>
          <img src={start.data.qr_code} alt={t('mfa.qr')} width={200} height={200} />
          <p>
            {t('mfa.secret')} <code>{start.data.secret}</code>
          </p>
          <label className="field">
            <span>{t('mfa.code')}</span>
            <input value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" autoComplete="one-time-code" required />
          </label>
          <button type="submit" className="button" disabled={confirm.isPending}>{t('mfa.confirm')}</button>
        </form>
      )}
      {confirm.data && (
        <div className="card">
          <p>{t('mfa.recovery')}</p>
          <ul>{confirm.data.recovery_codes.map((c) => <li key={c}><code>{c}</code></li>)}</ul>
        </div>
      )}
      <ErrorNote error={start.error ?? confirm.error} />
    </section>
  );
}
