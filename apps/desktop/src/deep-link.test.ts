import { describe, expect, it } from 'vitest';
import { deepLinkInArgv, deepLinkPath, parseDeepLink } from './deep-link.js';

describe('dwc:// links', () => {
  it('open a workflow or an execution', () => {
    expect(parseDeepLink('dwc://workflow/wf_123')).toEqual({ kind: 'workflow', id: 'wf_123' });
    expect(parseDeepLink('dwc://execution/9f2c-aa')).toEqual({ kind: 'execution', id: '9f2c-aa' });
    expect(parseDeepLink('dwc://runs/9f2c/')).toEqual({ kind: 'execution', id: '9f2c' });
    expect(parseDeepLink('dwc:workflow/abc')).toEqual({ kind: 'workflow', id: 'abc' });
  });

  it('route to the UI screens', () => {
    expect(deepLinkPath({ kind: 'workflow', id: 'wf_123' })).toBe('/workflows/wf_123');
    expect(deepLinkPath({ kind: 'execution', id: 'e1' })).toBe('/runs/e1');
  });

  it('refuse other schemes, kinds, extra path parts and ids that are not plain', () => {
    for (const link of ['https://workflow/abc', 'dwc://settings/abc', 'dwc://workflow/a/b', 'dwc://workflow/', 'dwc://workflow/..%2F..%2Fetc', 'dwc://workflow/a%20b', 'dwc://workflow/<script>', 'nonsense']) {
      expect(parseDeepLink(link), link).toBeUndefined();
    }
  });

  it('are found among command-line arguments (second launch on Windows and Linux)', () => {
    expect(deepLinkInArgv(['/usr/bin/dwc', '--no-sandbox', 'dwc://execution/e9'])).toEqual({ kind: 'execution', id: 'e9' });
    expect(deepLinkInArgv(['/usr/bin/dwc', 'dwc://bogus/x'])).toBeUndefined();
  });
});
