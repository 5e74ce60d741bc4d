import { describe, expect, it } from 'vitest';
import { AiProviderError } from './ai-provider.js';
import { aiErrorFromStatus, aiErrorFromTransport, retryAfterMs } from './ai-provider-errors.js';

const hints = { vendor: 'Acme AI', keySetting: 'ACME_KEY', host: 'http://acme:1', hostSetting: 'ACME_URL' };

describe('retryAfterMs', () => {
  it('reads seconds, an HTTP date and retry-after-ms', () => {
    expect(retryAfterMs('7')).toBe(7000);
    expect(retryAfterMs('1.5')).toBe(1500);
    expect(retryAfterMs('Wed, 21 Oct 2026 07:28:10 GMT', null, Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(10_000);
    expect(retryAfterMs('7', '250')).toBe(250);
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});

describe('aiErrorFromStatus', () => {
  it.each([
    [401, 'unauthorized', false],
    [403, 'unauthorized', false],
    [408, 'timeout', true],
    [429, 'rate_limited', true],
    [500, 'server_error', true],
    [503, 'server_error', true],
    [529, 'server_error', true],
    [400, 'bad_request', false],
    [422, 'bad_request', false],
  ] as const)('maps HTTP %i to %s', (status, reason, retryable) => {
    const error = aiErrorFromStatus('acme', status, hints);
    expect(error).toBeInstanceOf(AiProviderError);
    expect([error.reason, error.retryable, error.status, error.code]).toEqual([reason, retryable, status, `ai_${reason}`]);
  });

  it('names the key setting on 401 and the model on 404', () => {
    expect(aiErrorFromStatus('acme', 401, { ...hints, detail: 'bad key' }).message).toBe('Acme AI refused the credentials (HTTP 401): bad key. Check ACME_KEY.');
    const missing = aiErrorFromStatus('acme', 404, { ...hints, model: 'big-1' });
    expect([missing.reason, missing.message]).toEqual(['model_not_found', 'Acme AI has no model "big-1" at http://acme:1 (HTTP 404).']);
    expect(aiErrorFromStatus('acme', 404, hints).reason).toBe('bad_request');
  });

  it('carries Retry-After on 429', () => {
    const error = aiErrorFromStatus('acme', 429, { ...hints, retryAfterMs: 3000 });
    expect(error.retryAfterMs).toBe(3000);
    expect(error.message).toContain('Retry after 3 s');
  });
});

describe('aiErrorFromTransport', () => {
  const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
  const reset = Object.assign(new TypeError('terminated'), { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });

  it('maps refused and reset connections to connection, naming the host and its setting', () => {
    const error = aiErrorFromTransport('acme', refused, hints);
    expect([error.reason, error.retryable]).toEqual(['connection', true]);
    expect(error.message).toBe('Cannot reach Acme AI at http://acme:1 (set by ACME_URL): connection refused; is the server running?');
    expect(aiErrorFromTransport('acme', reset, hints).message).toContain('connection lost (UND_ERR_SOCKET)');
  });

  it('maps an aborted call signal or our own timeout to timeout', () => {
    const controller = new AbortController();
    controller.abort(new DOMException('step deadline', 'TimeoutError'));
    expect(aiErrorFromTransport('acme', reset, { ...hints, signal: controller.signal }).reason).toBe('timeout');
    expect(aiErrorFromTransport('acme', new Error('whatever'), { ...hints, timedOut: true }).message).toContain('no answer in time');
  });

  it('passes an AiProviderError through unchanged', () => {
    const original = new AiProviderError('acme', 'not_configured', 'set ACME_KEY');
    expect(aiErrorFromTransport('acme', original, hints)).toBe(original);
  });
});
