import type { HttpGate } from './http-gate.js';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** True when `host` (the address a server listens on) is reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_NAMES.has(host.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(host);
}

/** `host[:port]` of a Host header or an origin's authority, lower-cased, with the port made explicit. */
function authority(value: string, defaultPort: number): { name: string; port: number } | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(value.trim());
  if (match === null) return undefined;
  return { name: match[1]!.toLowerCase(), port: match[2] === undefined ? defaultPort : Number(match[2]) };
}

function originAuthority(origin: string): { scheme: string; name: string; port: number } | undefined {
  const match = /^(https?):\/\/([^/]+)$/i.exec(origin.trim());
  if (match === null) return undefined;
  const scheme = match[1]!.toLowerCase();
  const parts = authority(match[2]!, scheme === 'https' ? 443 : 80);
  return parts === undefined ? undefined : { scheme, ...parts };
}

export interface HostGuardOptions {
  /** Host names the server answers to (lower case; IPv6 in brackets). */
  names: readonly string[];
  /** The port it listens on. */
  port: number;
  /** Other origins a browser page may call from (DWC_CORS_ORIGINS); `*` is not honoured here. */
  extraOrigins?: readonly string[];
}

/**
 * Refuses a request whose `Host` is not one of the server's own names on its port (421), and one
 * whose `Origin` is neither the server itself nor an allowed origin (403). A web page that
 * rebinds a DNS name to 127.0.0.1 sends its own name as Host and Origin, so it is turned away
 * (the class of CVE-2024-28224). Requests without Origin (curl, scripts) pass the Origin check.
 */
export function hostGuard(options: HostGuardOptions): HttpGate {
  const names = new Set(options.names.map((name) => name.toLowerCase()));
  const extra = new Set((options.extraOrigins ?? []).filter((o) => o !== '*').map((o) => o.toLowerCase().replace(/\/$/, '')));
  const ownHost = (value: string | undefined, defaultPort: number): boolean => {
    if (value === undefined) return false;
    const parts = authority(value, defaultPort);
    return parts !== undefined && names.has(parts.name) && parts.port === options.port;
  };
  return (req) => {
    if (!ownHost(req.headers.host, 80)) {
      return {
        status: 421,
        code: 'host_header_refused',
        message: `This server answers only to ${[...names].map((n) => `${n}:${options.port}`).join(', ')}; the Host header "${req.headers.host ?? ''}" is not one of them.`,
      };
    }
    const origin = req.headers.origin;
    if (origin === undefined) return undefined;
    if (extra.has(origin.toLowerCase())) return undefined;
    const parts = originAuthority(origin);
    if (parts !== undefined && parts.scheme === 'http' && names.has(parts.name) && parts.port === options.port) return undefined;
    return { status: 403, code: 'origin_not_allowed', message: `Requests from the page at "${origin}" are refused; only this server's own pages (and DWC_CORS_ORIGINS) may call it.` };
  };
}

/** The guard of a server listening on loopback only: it answers to 127.0.0.1, localhost and [::1] on its port. */
export function loopbackHostGuard(port: number, extraOrigins: readonly string[] = []): HttpGate {
  return hostGuard({ names: ['127.0.0.1', 'localhost', '[::1]'], port, extraOrigins });
}
