/**
 * Label values must keep a metric's series few and carry no personal data. Every value goes
 * through `safeLabelValue`: e-mail addresses and id-like tokens (UUIDs, ULIDs, long hex or digit
 * runs) are replaced by a marker, and values are cut to 64 characters. Workflow names are used as
 * the `workflow` label (never their ids); how many different names count is bounded by the series
 * cap per metric (`DWC_METRICS_MAX_SERIES`), beyond which new series are dropped and counted.
 */
const MAX_VALUE = 64;
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const LONG_HEX = /[0-9a-f]{16,}/i;
const LONG_DIGITS = /\d{6,}/;

export const REDACTED_EMAIL = 'redacted_email';
export const REDACTED_ID = 'redacted_id';

/** A label value safe to expose: no e-mail, no id, at most 64 characters. */
export function safeLabelValue(value: string): string {
  if (EMAIL.test(value)) return REDACTED_EMAIL;
  if (UUID.test(value) || ULID.test(value) || LONG_HEX.test(value) || LONG_DIGITS.test(value)) return REDACTED_ID;
  return value.length > MAX_VALUE ? value.slice(0, MAX_VALUE) : value;
}
