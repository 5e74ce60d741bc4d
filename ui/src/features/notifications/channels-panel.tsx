import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Dialog } from '../../components/dialog';
import { ErrorNote } from '../../components/error-note';
import { Loading } from '../../components/loading';
import { api } from '../../lib/api-client';
import type { Channel } from './notifications-api';
import { notificationsApi } from './notifications-api';
import { useLocalized } from '../../lib/localized';

function SendTest({ channel }: { channel: string }) {
  const { t } = useTranslation('notifications');
  const [recipient, setRecipient] = useState('');
  const send = useMutation({
    mutationFn: () => api<{ id: string; status: string }>('/api/v3/advanced/notifications/send', { method: 'POST', body: { channel, recipient, subject: t('channels.testSubject'), message: t('channels.testMessage') } }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };
  return (
    <form className="toolbar" onSubmit={submit}>
      <label className="field">
        <span>{t('channels.recipient')}</span>
        <input required value={recipient} onChange={(e) => setRecipient(e.target.value)} aria-label={t('channels.recipientOf', { channel })} />
      </label>
      <button type="submit" className="button" disabled={send.isPending}>
        {t('channels.sendTest')}
      </button>
      <ErrorNote error={send.error} />
      {send.data && <span role="status">{t('channels.queued', { id: send.data.id })}</span>}
    </form>
  );
}

/** One channel's settings dialog: where its settings are, a check of them, and a test send. */
function ChannelDialog({ channel, onClose }: { channel: Channel; onClose(): void }) {
  const { t } = useTranslation('notifications');
  const { name: localName } = useLocalized();
  const check = useMutation({ mutationFn: () => notificationsApi.testChannel(channel.type) });
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={t('channels.dialogTitle', { channel: localName(channel) })}>
      <p>
        <Link to="/operations/plugins">{t('channels.settings', { plugin: channel.plugin })}</Link>
      </p>
      {channel.testable && (
        <div className="toolbar">
          <button type="button" className="button" onClick={() => check.mutate()} disabled={check.isPending} aria-label={t('channels.checkOne', { channel: localName(channel) })}>
            {t('channels.check')}
          </button>
          {check.isPending && <Loading />}
          {check.data && (
            <span role="status" className={check.data.ok ? 'ok-note' : 'error-note'}>
              {check.data.ok ? t('channels.ok') : t('channels.notOk')} {check.data.detail}
            </span>
          )}
          <ErrorNote error={check.error} />
        </div>
      )}
      <SendTest channel={channel.type} />
    </Dialog>
  );
}

function ChannelRow({ channel, canAdmin }: { channel: Channel; canAdmin: boolean }) {
  const { t } = useTranslation('notifications');
  const { name: localName, description: localDescription } = useLocalized();
  const [open, setOpen] = useState(false);
  return (
    <li className="card">
      <h3>{localName(channel)}</h3>
      <p className="muted">{localDescription(channel)}</p>
      <p>{channel.idempotent ? t('channels.idempotent') : t('channels.notIdempotent')}</p>
      {canAdmin && (
        <div className="toolbar">
          <button type="button" className="button" onClick={() => setOpen(true)} aria-label={t('channels.openOne', { channel: localName(channel) })}>
            {t('channels.open')}
          </button>
        </div>
      )}
      {open && <ChannelDialog channel={channel} onClose={() => setOpen(false)} />}
    </li>
  );
}

/** Installed channels: whether each drops repeats, where its settings are, a check and a test send. */
export function ChannelsPanel({ channels, canAdmin }: { channels: Channel[]; canAdmin: boolean }) {
  const { t } = useTranslation('notifications');
  if (channels.length === 0) return <p className="muted">{t('channels.none')}</p>;
  return (
    <ul className="cards">
      {channels.map((c) => <ChannelRow key={c.type} channel={c} canAdmin={canAdmin} />)}
    </ul>
  );
}
