import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webpush from 'web-push';
import { afterEach, describe, expect, it } from 'vitest';
import { loadVapidKeys } from './vapid-keys.js';

describe('loadVapidKeys', () => {
  const dirs: string[] = [];
  const scratch = () => {
    const dir = mkdtempSync(join(tmpdir(), 'dwc-vapid-'));
    dirs.push(dir);
    return join(dir, 'plugins', 'push');
  };
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('generates a pair into the data folder on first start (mode 0600) and reads the same pair afterwards', () => {
    const dir = scratch();
    const first = loadVapidKeys({}, dir);
    expect(first.source).toBe('generated');
    expect(statSync(join(dir, 'vapid-keys.json')).mode & 0o777).toBe(0o600);
    const again = loadVapidKeys({}, dir);
    expect(again).toEqual({ publicKey: first.publicKey, privateKey: first.privateKey, source: 'data folder' });
    expect(JSON.parse(readFileSync(join(dir, 'vapid-keys.json'), 'utf8'))).toEqual({ publicKey: first.publicKey, privateKey: first.privateKey });
  });

  it('prefers VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY, and refuses half a pair or a malformed one', () => {
    const keys = webpush.generateVAPIDKeys();
    expect(loadVapidKeys({ VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey }, undefined)).toEqual({ ...keys, source: 'environment' });
    expect(() => loadVapidKeys({ VAPID_PUBLIC_KEY: keys.publicKey }, scratch())).toThrow(/VAPID_PRIVATE_KEY/);
    expect(() => loadVapidKeys({ VAPID_PUBLIC_KEY: 'abc', VAPID_PRIVATE_KEY: keys.privateKey }, undefined)).toThrow(/P-256/);
  });

  it('asks for the keys when the host has no data folder', () => {
    expect(() => loadVapidKeys({}, undefined)).toThrow(/VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY/);
  });
});
