/** `redis://host:port/db` without credentials, for messages and logs. */
export function redisLocation(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.length > 1 ? parsed.pathname : ''}`;
  } catch {
    return '(unparseable REDIS_URL)';
  }
}
