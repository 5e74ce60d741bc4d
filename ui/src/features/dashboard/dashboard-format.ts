import { dateTimeFormat, numberFormat } from '../../lib/format';

const number = (options: Intl.NumberFormatOptions) => (value: number) => numberFormat(options).format(value);

/** Numbers of the dashboard through Intl, in the current language. */
export const formats = {
  count: (value: number) => number({ maximumFractionDigits: value < 10 ? 1 : 0 })(value),
  percent: (value: number) => number({ style: 'percent', maximumFractionDigits: 1 })(value),
  usd: (value: number) => number({ style: 'currency', currency: 'USD', maximumFractionDigits: value < 1 ? 4 : 2 })(value),
  bytes: (value: number) => number({ style: 'unit', unit: 'megabyte', maximumFractionDigits: 0 })(value / 1_048_576),
  ms: (value: number) =>
    value < 1000 ? number({ style: 'unit', unit: 'millisecond', maximumFractionDigits: 0 })(value) : number({ style: 'unit', unit: 'second', maximumFractionDigits: 1 })(value / 1000),
  change: (value: number) => number({ style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' })(value),
};

/** A time on an axis or in a table: hours and minutes within a day, with the date over longer spans. */
export function formatTime(ms: number, spanMs: number): string {
  const options: Intl.DateTimeFormatOptions = spanMs <= 86_400_000 ? { hour: '2-digit', minute: '2-digit' } : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' };
  return dateTimeFormat(options).format(new Date(ms));
}
