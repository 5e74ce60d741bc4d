/** Key names whose values never reach the audit log (matched anywhere in the name, any case). */
const SECRET_KEY = /pass(word|wd|phrase)?|token|secret|key|totp|otp|authorization|cookie|credential|recovery|signature|private/i;

export const REDACTED = '[redacted]';
const MAX_DEPTH = 6;
const MAX_STRING = 500;
const MAX_ITEMS = 50;

/**
 * A copy of `value` safe to keep: the value of every member whose name looks secret-ish
 * (password, token, secret, key, totp, authorization …) replaced by `[redacted]`, long strings
 * cut, deep or wide structures truncated.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : value;
  if (value instanceof Date) return value.toISOString();
  if (depth >= MAX_DEPTH) return '[truncated]';
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((item) => redact(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(value).slice(0, MAX_ITEMS)) {
    copy[name] = SECRET_KEY.test(name) ? REDACTED : redact(member, depth + 1);
  }
  return copy;
}

/** Whether a field name is one whose value must not be kept. */
export function isSecretField(name: string): boolean {
  return SECRET_KEY.test(name);
}
