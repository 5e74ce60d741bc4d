import type { EventBus } from '@dwc/sdk';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { AuditRecorder } from '../audit-recorder.js';
import { LOGIN_FAILED_ACTION, SECURITY_ALERT_ACTION } from './audit-queries.js';
import type { AuditRecord } from './audit-record.js';

export interface BruteForceThresholds {
  /** Failed logins from one IP within the window that raise an alert. */
  perIp: number;
  /** Failed logins for one username within the window that raise an alert. */
  perUser: number;
  windowMs: number;
}

/** Payload of a `security.alert` event (and the `detail` of its audit record). */
export interface SecurityAlert {
  kind: 'brute_force_ip' | 'brute_force_user';
  ip?: string;
  username?: string;
  count: number;
  window_seconds: number;
}

interface Track {
  times: number[];
  /** When the current alert window of this key ends; no second alert before. */
  quietUntil: number;
}

const MAX_TRACKED = 50_000;

/** The username a failed login was for: `detail.username`, else the actor label. */
function usernameOf(record: AuditRecord): string | undefined {
  const fromDetail = record.detail?.username;
  if (typeof fromDetail === 'string' && fromDetail !== '') return fromDetail.toLowerCase();
  return record.actorLabel === null || record.actorLabel === '' ? undefined : record.actorLabel.toLowerCase();
}

/**
 * Watches committed `auth.login_failed` records and keeps a sliding window of their times per IP
 * and per username. When a key reaches its threshold it raises one alert for that window: the
 * alert is recorded in the audit log (`security.alert`) and then emitted on the event bus as
 * `security.alert`, which the WebSocket gateway delivers.
 *
 * Only the process that recorded the failures raises the alert; other processes receive the bus
 * event through the Postgres event bridge but never record it, so an alert is written once. Each
 * process counts the failures it recorded itself (with several processes behind a balancer the
 * thresholds apply per process).
 */
export function startBruteForceDetector(options: {
  audit: AuditRecorder & { onRecorded(listener: (record: AuditRecord) => void): () => void };
  events: EventBus;
  thresholds: BruteForceThresholds;
  logger: Logger;
  now?: () => number;
}): () => void {
  const { thresholds } = options;
  const now = options.now ?? Date.now;
  // Bounded by size (one per key) rather than `max`: lru-cache allocates `max` slots up front,
  // 50,000 of them cost ~8 ms and a megabyte at every start for a map that is usually empty.
  const tracks = new LRUCache<string, Track>({ maxSize: MAX_TRACKED, sizeCalculation: () => 1 });

  const observe = (key: string, threshold: number, alert: Omit<SecurityAlert, 'count' | 'window_seconds'>): void => {
    const at = now();
    let track = tracks.get(key);
    if (track === undefined) tracks.set(key, (track = { times: [], quietUntil: 0 }));
    track.times.push(at);
    const since = at - thresholds.windowMs;
    while (track.times.length > 0 && track.times[0]! <= since) track.times.shift();
    // Only whether the threshold is reached matters: keep at most that many times per key.
    if (track.times.length > threshold) track.times.shift();
    if (track.times.length < threshold || at < track.quietUntil) return;
    track.quietUntil = at + thresholds.windowMs;
    const payload: SecurityAlert = { ...alert, count: track.times.length, window_seconds: Math.round(thresholds.windowMs / 1000) };
    options.audit
      .record({
        action: SECURITY_ALERT_ACTION,
        outcome: 'failure',
        actor: 'system',
        ip: payload.ip ?? null,
        target: payload.ip !== undefined ? `ip:${payload.ip}` : `username:${payload.username}`,
        detail: { ...payload },
      })
      .catch((error: unknown) => options.logger.error({ err: error }, 'could not record a security alert'));
    options.logger.warn(payload, 'security alert: repeated failed logins');
    options.events.emit(SECURITY_ALERT_ACTION, { ...payload });
  };

  return options.audit.onRecorded((record) => {
    if (record.action !== LOGIN_FAILED_ACTION) return;
    if (record.ip !== null && record.ip !== '') observe(`ip:${record.ip}`, thresholds.perIp, { kind: 'brute_force_ip', ip: record.ip });
    const username = usernameOf(record);
    if (username !== undefined) observe(`user:${username}`, thresholds.perUser, { kind: 'brute_force_user', username });
  });
}
