import type { TFunction } from 'i18next';
import type { Schedule } from './schedules-api';

/** One line saying when a schedule runs, in the person's language. */
export function timingSummary(schedule: Pick<Schedule, 'kind' | 'timing'>, t: TFunction): string {
  const timing = schedule.timing;
  switch (schedule.kind) {
    case 'cron':
      return String(timing.cron_expression ?? '');
    case 'interval':
      return t('summary.interval', { count: Number(timing.interval_seconds) });
    case 'daily':
      return t('summary.daily', { time: timing.time });
    case 'weekly': {
      const days = Array.isArray(timing.days_of_week) ? (timing.days_of_week as string[]) : [];
      return t('summary.weekly', { days: days.map((d) => t(`days.${d}`)).join(', '), time: timing.time });
    }
    case 'monthly':
      return timing.day_of_month === 'last' ? t('summary.monthlyLast', { time: timing.time }) : t('summary.monthly', { day: timing.day_of_month, time: timing.time });
  }
}
