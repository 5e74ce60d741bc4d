import { createRequire } from 'node:module';
import type * as Ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { lazyRequire } from './lazy-require.js';

const require = createRequire(import.meta.url);

describe('lazyRequire', () => {
  it('loads nothing until first called, then returns the real module, the same one every time', () => {
    const resolved = require.resolve('ipaddr.js');
    delete require.cache[resolved];
    const load = lazyRequire<typeof Ipaddr>(import.meta.url, 'ipaddr.js');
    expect(require.cache[resolved]).toBeUndefined();
    const ipaddr = load();
    expect(require.cache[resolved]).toBeDefined();
    expect(ipaddr).toBe(require('ipaddr.js'));
    expect(ipaddr.parse('127.0.0.1').kind()).toBe('ipv4');
    expect(load()).toBe(ipaddr);
  });

  it('resolves the specifier from the module that asks, and says which one is missing', () => {
    const load = lazyRequire(import.meta.url, 'dwc-no-such-package');
    expect(load).toThrow(/Cannot find module 'dwc-no-such-package'/);
  });
});
