import { useTranslation } from 'react-i18next';

const KNOWN = new Set(['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled', 'skipped', 'pending']);

/** A run or step status as a coloured label (colour is never the only signal: the word is there). */
export function StatusBadge({ status }: { status: string | null | undefined }) {
  const { t } = useTranslation();
  const key = status && KNOWN.has(status) ? status : 'none';
  return (
    <span className={`badge badge-${key}`} data-status={key}>
      {t(`status.${key}`)}
    </span>
  );
}
