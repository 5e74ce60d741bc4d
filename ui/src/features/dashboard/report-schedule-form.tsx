import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/error-note';
import { formatDateTime } from '../../lib/format';
import { dashboardApi, REPORT_FREQUENCIES, type ReportFrequency } from './dashboard-api';

const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Schedules the `analytics_report` task: daily, weekly or monthly, sent on one channel to the recipients given. */
export function ReportScheduleForm() {
  const { t } = useTranslation('dashboard');
  const hintId = useId();
  const [typedName, setName] = useState<string | null>(null);
  const name = typedName ?? t('report.defaultName');
  const [frequency, setFrequency] = useState<ReportFrequency>('weekly');
  const [time, setTime] = useState('08:00');
  const [timezone, setTimezone] = useState(localZone);
  const [channel, setChannel] = useState('');
  const [recipients, setRecipients] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const channels = useQuery({ queryKey: ['notifications', 'channels'], queryFn: ({ signal }) => dashboardApi.channels(signal) });
  const chosenChannel = channel || channels.data?.[0]?.type || '';
  const schedule = useMutation({ mutationFn: dashboardApi.scheduleReport });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const list = recipients.split('\n').map((r) => r.trim()).filter(Boolean);
    if (list.length === 0) return setProblem(t('report.needRecipients'));
    setProblem(null);
    schedule.mutate({ name, frequency, time, timezone, channel: chosenChannel, recipients: list });
  };

  return (
    <form className="card report-form" onSubmit={submit} aria-labelledby="report-form-title">
      <h3 id="report-form-title">{t('report.title')}</h3>
      <p className="muted">{t('report.intro')}</p>
      <div className="form-grid">
        <label>
          <span>{t('report.name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        </label>
        <label>
          <span>{t('report.frequency')}</span>
          <select value={frequency} onChange={(e) => setFrequency(e.target.value as ReportFrequency)}>
            {REPORT_FREQUENCIES.map((f) => (
              <option key={f} value={f}>
                {t(`report.frequencies.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('report.time')}</span>
          <input type="time" value={time} onChange={(e) => setTime(e.target.value)} required />
        </label>
        <label>
          <span>{t('report.timezone')}</span>
          <input value={timezone} onChange={(e) => setTimezone(e.target.value)} required />
        </label>
        <label>
          <span>{t('report.channel')}</span>
          <select value={chosenChannel} onChange={(e) => setChannel(e.target.value)} required>
            {(channels.data ?? []).map((c) => (
              <option key={c.type} value={c.type}>
                {c.title || c.type}
              </option>
            ))}
          </select>
        </label>
        <div className="wide">
          <label>
            <span>{t('report.recipients')}</span>
            <textarea rows={3} value={recipients} onChange={(e) => setRecipients(e.target.value)} aria-describedby={hintId} />
          </label>
          <span id={hintId} className="muted hint">
            {t('report.recipientsHint')}
          </span>
        </div>
      </div>
      {problem && (
        <p role="alert" className="error-note">
          {problem}
        </p>
      )}
      <ErrorNote error={channels.error ?? schedule.error} />
      {schedule.isSuccess && (
        <p role="status" className="ok-note">
          {t('report.created', { at: formatDateTime(schedule.data.next_run_at) })}
        </p>
      )}
      <button type="submit" disabled={schedule.isPending || !chosenChannel}>
        {schedule.isPending ? t('report.saving') : t('report.submit')}
      </button>
    </form>
  );
}
