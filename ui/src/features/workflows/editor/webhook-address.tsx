import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The request that starts a webhook workflow (`{METHOD} /webhook/{path}` on this server), with a copy button. */
export function WebhookAddress({ method, path }: { method: string; path: string }) {
  const { t } = useTranslation('workflows');
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  if (!path) return <p className="muted">{t('triggerPanel.webhookNoPath')}</p>;
  const url = `${window.location.origin}/webhook/${path}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  return (
    <div className="field">
      <span>{t('triggerPanel.webhookUrl')}</span>
      <div className="copy-row">
        <code className="webhook-url" data-testid="webhook-url">
          {method} {url}
        </code>
        <button type="button" className="ghost" onClick={() => void copy()}>
          {t('triggerPanel.copy')}
        </button>
      </div>
      <span role="status" className="hint">
        {copied === 'yes' ? t('triggerPanel.copied') : copied === 'no' ? t('triggerPanel.copyFailed') : ''}
      </span>
    </div>
  );
}
