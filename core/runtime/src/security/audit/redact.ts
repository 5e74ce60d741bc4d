/** Words that make any field name secret-ish wherever they appear (`refresh_token`, `newPassword`, `totp_secret`). */
const ALWAYS = new Set(['password', 'passwd', 'passphrase', 'token', 'tokens', 'secret', 'secrets', 'totp', 'otp', 'mfa', 'authorization', 'cookie', 'cookies', 'credential', 'credentials', 'private', 'recovery', 'signature', 'apikey', 'jwt', 'bearer', 'session']);
/** Words that make a field name secret-ish when they end it (`api_key`, `pass`, `code`), but not `key_id` or `status_code`'s siblings. */
const AS_LAST_WORD = new Set(['key', 'pass', 'pwd', 'pin']);
/** Whole names that are secret-ish on their own (`{"code": "123456"}` is an MFA code). */
const WHOLE = new Set(['code', 'value']);

export const REDACTED = '[redacted]';
const MAX_DEPTH = 6;
const MAX_STRING = 500;
const MAX_ITEMS = 50;

/** `apiKey`, `api-key`, `API_KEY` → ['api', 'key']. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}

/**
 * Whether a field's value must never be kept, judged by its name: any word of password, token,
 * secret, totp, otp, authorization, cookie, credential … anywhere; `key`, `pass`, `pin` as the last
 * word (`api_key` yes, `key_id` no); or the whole name `code` or `value`.
 */
export function isSecretField(name: string): boolean {
  let known = judged.get(name);
  if (known === undefined) {
    known = judge(name);
    if (judged.size >= MAX_JUDGED) judged.clear();
    judged.set(name, known);
  }
  return known;
}

/** Field names recur (`status`, `request_id`, `fields`…): each is judged once. */
const judged = new Map<string, boolean>();
const MAX_JUDGED = 10_000;

function judge(name: string): boolean {
  const parts = words(name);
  if (parts.length === 0) return false;
  if (WHOLE.has(parts.join('_'))) return true;
  return parts.some((word) => ALWAYS.has(word)) || AS_LAST_WORD.has(parts.at(-1)!);
}

/**
 * A copy of `value` safe to keep: the value of every member whose name is secret-ish (see
 * `isSecretField`) replaced by `[redacted]`, long strings cut, deep or wide structures truncated.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : value;
  if (value instanceof Date) return value.toISOString();
  if (depth >= MAX_DEPTH) return '[truncated]';
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((item) => redact(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(value).slice(0, MAX_ITEMS)) {
    copy[name] = isSecretField(name) ? REDACTED : redact(member, depth + 1);
  }
  return copy;
}
