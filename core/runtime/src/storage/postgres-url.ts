import { ConfigError } from '@dwc/sdk';

/** What log lines and error messages may show of a Postgres URL: never the password. */
export interface PostgresTarget {
  /** `host:port/database`. */
  where: string;
  /** The password in the URL, if any, so messages can be scrubbed of it. */
  password: string | undefined;
}

/** Whether `url` selects Postgres (otherwise dwc uses SQLite). */
export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url);
}

/** Parses a `DATABASE_URL` for display; throws a ConfigError (without echoing the URL) if it is malformed. */
export function describePostgresUrl(url: string): PostgresTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError('DATABASE_URL is not a valid URL (expected postgres://user:password@host:port/database)');
  }
  const host = decodeURIComponent(parsed.hostname) || parsed.searchParams.get('host') || 'localhost';
  const port = parsed.port || parsed.searchParams.get('port') || '5432';
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || decodeURIComponent(parsed.username) || 'postgres';
  const password = parsed.password === '' ? undefined : decodeURIComponent(parsed.password);
  return { where: `${host}:${port}/${database}`, password };
}

/** Removes `password` (raw and URL-encoded) from `text`. */
export function scrubPassword(text: string, password: string | undefined): string {
  if (password === undefined) return text;
  return text.split(password).join('***').split(encodeURIComponent(password)).join('***');
}
