import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { TIME_RANGES, type TimeRange } from './dashboard-api';

/** The time range in the address (`?range=week`), so a link or a reload keeps it; `day` by default. */
export function useTimeRange(): [TimeRange, (range: TimeRange) => void] {
  const [params, setParams] = useSearchParams();
  const asked = params.get('range');
  const range = (TIME_RANGES as readonly string[]).includes(asked ?? '') ? (asked as TimeRange) : 'day';
  const set = (next: TimeRange) => {
    const copy = new URLSearchParams(params);
    copy.set('range', next);
    setParams(copy, { replace: true });
  };
  return [range, set];
}

/** Hour, day, week or month, as a group of radio buttons. */
export function TimeRangePicker({ value, onChange }: { value: TimeRange; onChange: (range: TimeRange) => void }) {
  const { t } = useTranslation('dashboard');
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">{t('range.label')}</legend>
      {TIME_RANGES.map((range) => (
        <label key={range} className={range === value ? 'selected' : undefined}>
          <input type="radio" name="time-range" value={range} checked={range === value} onChange={() => onChange(range)} />
          {t(`range.${range}`)}
        </label>
      ))}
    </fieldset>
  );
}
