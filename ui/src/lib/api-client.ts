import i18next from 'i18next';
import { useAuth, type TokenReply } from './auth-store';

/** An error reply of the API: `{"error": {"code", "message", "details"}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
  /** Send the access token (default true). */
  auth?: boolean;
}

function url(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function readError(res: Response): Promise<ApiError> {
  let code = 'http_error';
  let message = `${res.status} ${res.statusText}`;
  let details: unknown = null;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    if (body.error) {
      code = body.error.code ?? code;
      message = body.error.message ?? message;
      details = body.error.details ?? null;
    }
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(res.status, code, message, details);
}

let refreshing: Promise<boolean> | null = null;

/**
 * Trades the HttpOnly refresh cookie for a new access token. One request at a time: parallel
 * callers share it, since each refresh token works once.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const res = await fetch('/api/v3/auth/refresh', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      if (!res.ok) {
        useAuth.getState().signedOut();
        return false;
      }
      useAuth.getState().signedIn((await res.json()) as TokenReply);
      return true;
    } catch {
      useAuth.getState().signedOut();
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** The UI's language, so the server writes its validation messages in it (`Accept-Language`). */
export function languageHeader(): Record<string, string> {
  return i18next.language ? { 'accept-language': i18next.language } : {};
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...languageHeader() };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const token = useAuth.getState().accessToken;
  if (options.auth !== false && token) headers.authorization = `Bearer ${token}`;
  return fetch(url(path, options.query), {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
    credentials: 'same-origin',
  });
}

/** Calls one route of the API contract; a 401 triggers one silent refresh and a retry. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let res = await send(path, options);
  if (res.status === 401 && options.auth !== false && (await refreshSession())) res = await send(path, options);
  if (!res.ok) throw await readError(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}
