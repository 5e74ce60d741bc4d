import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/error-note';
import { Loading } from '../../components/loading';
import type { Role } from '../../lib/roles';
import { createUser, listUsers, opsKeys, updateUser } from './operations-api';

const ROLES: readonly Role[] = ['viewer', 'editor', 'admin', 'owner'];

/** Admins: every user, a role picker and a disable switch per user, and a form for a new one. */
export function UsersPanel() {
  const { t } = useTranslation('operations');
  const client = useQueryClient();
  const users = useQuery({ queryKey: opsKeys.users, queryFn: ({ signal }) => listUsers(signal) });
  const refresh = () => client.invalidateQueries({ queryKey: opsKeys.users });
  const update = useMutation({ mutationFn: ({ id, ...body }: { id: string; role?: Role; disabled?: boolean }) => updateUser(id, body), onSuccess: refresh });
  const create = useMutation({ mutationFn: createUser, onSuccess: refresh });
  const [draft, setDraft] = useState({ email: '', password: '', role: 'viewer' as Role });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(draft);
  };
  return (
    <>
      <form className="toolbar" onSubmit={submit} aria-label={t('users.new')}>
        <label className="field">
          <span>{t('users.email')}</span>
          <input type="email" value={draft.email} onChange={(e) => setDraft({ ...draft, email: e.target.value })} required autoComplete="off" />
        </label>
        <label className="field">
          <span>{t('users.password')}</span>
          <input type="password" value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.target.value })} required autoComplete="new-password" />
        </label>
        <label className="field">
          <span>{t('users.role')}</span>
          <select value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as Role })}>
            {ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
          </select>
        </label>
        <button type="submit" className="button" disabled={create.isPending}>{t('users.create')}</button>
      </form>
      <ErrorNote error={create.error ?? update.error ?? users.error} />
      {users.isPending ? <Loading /> : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('users.email')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('users.mfa')}</th>
              <th scope="col">{t('users.disabled')}</th>
            </tr>
          </thead>
          <tbody>
            {(users.data ?? []).map((u) => (
              <tr key={u.id}>
                <th scope="row">{u.email} <span className="muted">{u.name}</span></th>
                <td>
                  <select aria-label={t('users.roleOf', { email: u.email })} value={u.role} onChange={(e) => update.mutate({ id: u.id, role: e.target.value as Role })}>
                    {ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
                  </select>
                </td>
                <td>{u.mfa_enabled ? t('users.yes') : t('users.no')}</td>
                <td>
                  <input type="checkbox" aria-label={t('users.disableOne', { email: u.email })} checked={u.disabled} onChange={(e) => update.mutate({ id: u.id, disabled: e.target.checked })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
