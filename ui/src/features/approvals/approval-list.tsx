import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format';
import type { Approval, Decision } from './approvals-api';

/** Open approvals, each with its question, a comment box and Approve / Reject. */
export function ApprovalList({ items, onDecide, busy }: { items: readonly Approval[]; onDecide: (approval: Approval, decision: Decision, comment: string) => void; busy: boolean }) {
  const { t } = useTranslation('approvals');
  if (items.length === 0) return <p>{t('empty')}</p>;
  return (
    <ul className="plain-list">
      {items.map((approval) => (
        <ApprovalItem key={`${approval.execution_id}/${approval.step_id}`} approval={approval} onDecide={onDecide} busy={busy} />
      ))}
    </ul>
  );
}

function ApprovalItem({ approval, onDecide, busy }: { approval: Approval; onDecide: (approval: Approval, decision: Decision, comment: string) => void; busy: boolean }) {
  const { t } = useTranslation('approvals');
  const [comment, setComment] = useState('');
  const label = approval.message ?? approval.step_id;
  return (
    <li className="card" aria-label={label}>
      <p>{label}</p>
      <p className="muted">
        {t('waitingSince', { time: formatDateTime(approval.created_at) })}
        {approval.timeout_at ? ` · ${t('timesOut', { time: formatDateTime(approval.timeout_at) })}` : ''}
        {' · '}
        {t('approvers', { list: approval.approvers.join(', ') })}
      </p>
      <label className="inline-field">
        <span>{t('comment')}</span>
        <input value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      <div className="toolbar">
        <button type="button" disabled={busy} onClick={() => onDecide(approval, 'approve', comment)}>{t('approve')}</button>
        <button type="button" disabled={busy} onClick={() => onDecide(approval, 'reject', comment)}>{t('reject')}</button>
        <Link to={`/runs/${encodeURIComponent(approval.execution_id)}`}>{t('openRun')}</Link>
      </div>
    </li>
  );
}
