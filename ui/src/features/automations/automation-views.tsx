import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StatusBadge } from '../../components/status-badge';
import { formatDateTime } from '../../lib/format';
import type { Automation, AutomationRun } from './automations-api';

const percent = (n: number) => `${Math.round(n * 100)}%`;

/** Automations as a table, each name opening its page. */
export function AutomationTable({ items }: { items: readonly Automation[] }) {
  const { t } = useTranslation('automations');
  if (items.length === 0) return <p>{t('empty')}</p>;
  return (
    <table>
      <thead>
        <tr><th>{t('name')}</th><th>{t('trigger')}</th><th>{t('actions')}</th><th>{t('status')}</th></tr>
      </thead>
      <tbody>
        {items.map((a) => (
          <tr key={a.id}>
            <td><Link to={`/automations/${encodeURIComponent(a.id)}`}>{a.name}</Link></td>
            <td>{a.trigger.type}</td>
            <td>{a.actions.map((x) => x.type).join(', ')}{a.ai_decision_making ? ` · ${t('ai')}` : ''}{a.learning_enabled ? ` · ${t('learning')}` : ''}</td>
            <td>{a.enabled ? t('on') : t('off')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The odds of each action's variants, as Thompson sampling sees them now. */
export function VariantOddsTable({ automation }: { automation: Automation }) {
  const { t } = useTranslation('automations');
  if (automation.variant_odds.length === 0) return null;
  return (
    <table aria-label={t('odds')}>
      <thead>
        <tr><th>{t('variant')}</th><th>{t('chosen')}</th><th>{t('mean')}</th><th>{t('outcomes')}</th></tr>
      </thead>
      <tbody>
        {automation.variant_odds.flatMap((o) => o.variants.map((v) => (
          <tr key={`${o.action_index}/${v.variant}`}>
            <td>{`${automation.actions[o.action_index]?.type ?? o.action_index}: ${v.variant}`}</td>
            <td>{percent(v.chosen_probability)}</td>
            <td>{percent(v.mean)}</td>
            <td>{v.pulls}</td>
          </tr>
        )))}
      </tbody>
    </table>
  );
}

/** A score from 0 to 100 for one run's outcome. */
function ScoreForm({ run, busy, onScore }: { run: AutomationRun; busy: boolean; onScore: (score: number) => void }) {
  const { t } = useTranslation('automations');
  const id = useId();
  const [text, setText] = useState('');
  const score = Number(text);
  const valid = text.trim() !== '' && Number.isFinite(score) && score >= 0 && score <= 100;
  return (
    <form className="score-form" onSubmit={(e) => { e.preventDefault(); if (valid) onScore(score); }}>
      <label htmlFor={id} className="visually-hidden">{t('scoreFor', { when: formatDateTime(run.created_at) })}</label>
      <input id={id} type="number" min={0} max={100} step={1} inputMode="numeric" placeholder="0–100" value={text} aria-invalid={text !== '' && !valid} onChange={(e) => setText(e.target.value)} />
      <button type="submit" disabled={busy || !valid}>{t('sendScore')}</button>
    </form>
  );
}

/** Runs with which conditions matched, the decision, what each action did, and a score (0–100) to send as feedback. */
export function RunTable({ runs, onFeedback, busy, canFeedback = true }: { runs: readonly AutomationRun[]; onFeedback: (run: AutomationRun, score: number) => void; busy: boolean; canFeedback?: boolean }) {
  const { t } = useTranslation('automations');
  if (runs.length === 0) return <p>{t('noRuns')}</p>;
  return (
    <table>
      <thead>
        <tr><th>{t('created')}</th><th>{t('status')}</th><th>{t('conditions')}</th><th>{t('decision')}</th><th>{t('actions')}</th><th><span className="visually-hidden">{t('feedback')}</span></th></tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id}>
            <td>{formatDateTime(run.created_at)}</td>
            <td><StatusBadge status={run.status === 'not_matched' ? 'skipped' : run.status} /></td>
            <td>{run.conditions.map((c) => `${c.field} ${c.matched ? '✓' : `✗ (${t('notMatched')})`}`).join(', ')}</td>
            <td title={run.decision?.fallback_reason ?? run.decision?.reason}>{run.decision ? `${run.decision.decided_by}: ${run.decision.decision}` : ''}</td>
            <td>{run.actions.map((a) => `${a.type}${a.variant ? ` (${a.variant})` : ''}: ${a.status}`).join(', ')}</td>
            <td className="row-actions">
              {run.execution_id ? (
                <>
                  {canFeedback && <ScoreForm run={run} busy={busy} onScore={(score) => onFeedback(run, score)} />}
                  <Link to={`/runs/${encodeURIComponent(run.execution_id)}`}>{t('openRun')}</Link>
                </>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
