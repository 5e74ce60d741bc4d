import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/error-note';
import { formatDateTime } from '../../lib/format';
import { pushSupport, subscribeThisBrowser, thisBrowserEndpoint, unsubscribeThisBrowser, PushPermissionError, type PushSupport } from './browser-push';
import { notificationsApi, type StoredPushSubscription } from './notifications-api';

const PUSH_KEY = ['notifications', 'push'] as const;

export interface BrowserPushControlProps {
  support: PushSupport;
  subscriptions: readonly StoredPushSubscription[];
  /** This browser's endpoint, when it is subscribed. */
  thisEndpoint: string | null;
  busy: boolean;
  error: unknown;
  onTurnOn(): void;
  onRemove(subscription: StoredPushSubscription): void;
}

/** "Turn on browser notifications" and the caller's subscribed browsers, each removable. */
export function BrowserPushControl({ support, subscriptions, thisEndpoint, busy, error, onTurnOn, onRemove }: BrowserPushControlProps) {
  const { t } = useTranslation('notifications');
  const subscribedHere = thisEndpoint !== null && subscriptions.some((s) => s.endpoint === thisEndpoint);
  return (
    <section aria-labelledby="browser-push-title">
      <h3 id="browser-push-title">{t('push.title')}</h3>
      <p className="muted">{t('push.intro')}</p>
      {support === 'unsupported' && <p>{t('push.unsupported')}</p>}
      {support === 'denied' && <p role="status">{t('push.denied')}</p>}
      {support !== 'unsupported' && support !== 'denied' && !subscribedHere && (
        <button type="button" className="button" disabled={busy} onClick={onTurnOn}>
          {t('push.turnOn')}
        </button>
      )}
      {subscribedHere && <p role="status">{t('push.onHere')}</p>}
      {error instanceof PushPermissionError ? (
        <p role="alert" className="error-note">{t('push.notAllowed')}</p>
      ) : error instanceof DOMException ? (
        // The browser or its push service refused; its own words follow ours.
        <p role="alert" className="error-note">{t('push.failed', { reason: error.message })}</p>
      ) : (
        <ErrorNote error={error} />
      )}
      {subscriptions.length === 0 ? (
        <p className="muted">{t('push.none')}</p>
      ) : (
        <ul className="inbox" aria-label={t('push.list')}>
          {subscriptions.map((s) => {
            const name = s.endpoint === thisEndpoint ? t('push.thisBrowser') : (s.user_agent ?? new URL(s.endpoint).host);
            return (
              <li key={s.id}>
                <div>
                  <strong>{name}</strong>
                  <br />
                  <small className="muted">{t('push.since', { at: formatDateTime(s.created_at) })}</small>
                </div>
                <button type="button" className="button ghost" disabled={busy} onClick={() => onRemove(s)} aria-label={t('push.removeOne', { name })}>
                  {t('push.remove')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** The caller's Web Push subscriptions: subscribe this browser, list and remove them. */
export function BrowserPushPanel() {
  const client = useQueryClient();
  const support = pushSupport();
  const subscriptions = useQuery({ queryKey: [...PUSH_KEY, 'subscriptions'], queryFn: ({ signal }) => notificationsApi.pushSubscriptions(signal) });
  const here = useQuery({ queryKey: [...PUSH_KEY, 'this-browser'], queryFn: thisBrowserEndpoint });
  const refresh = () => client.invalidateQueries({ queryKey: PUSH_KEY });
  const turnOn = useMutation({
    mutationFn: async () => notificationsApi.savePushSubscription(await subscribeThisBrowser(await notificationsApi.pushPublicKey())),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: async (subscription: StoredPushSubscription) => {
      await notificationsApi.deletePushSubscription(subscription.id);
      await unsubscribeThisBrowser(subscription.endpoint);
    },
    onSettled: refresh,
  });
  return (
    <BrowserPushControl
      support={turnOn.error instanceof PushPermissionError && turnOn.error.permission === 'denied' ? 'denied' : support}
      subscriptions={subscriptions.data ?? []}
      thisEndpoint={here.data ?? null}
      busy={turnOn.isPending || remove.isPending}
      error={turnOn.error ?? remove.error ?? subscriptions.error}
      onTurnOn={() => turnOn.mutate()}
      onRemove={(s) => remove.mutate(s)}
    />
  );
}
