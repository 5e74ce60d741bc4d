import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';

const dir = mkdtempSync(join(tmpdir(), 'dwc-ai-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('AI settings', () => {
  it('reads the fallback chain and the price table from the environment', () => {
    const config = loadConfig({ env: { DWC_AI_FALLBACK: 'openai, ollama,local', DWC_AI_PRICES: '{"openai/gpt-4o-mini": {"input_per_1m": 0.15, "output_per_1m": 0.6}}' }, cwd: dir });
    expect(config.aiFallback).toEqual(['openai', 'ollama', 'local']);
    expect(config.aiPrices).toEqual({ 'openai/gpt-4o-mini': { input_per_1m: 0.15, output_per_1m: 0.6 } });
    expect(config.aiTimeoutMs).toBe(60_000);
  });

  it('takes the price table as an object in the config file', () => {
    const cwd = mkdtempSync(join(dir, 'file-'));
    writeFileSync(join(cwd, 'dwc.config.json'), JSON.stringify({ aiPrices: { 'ollama/*': { input_per_1m: 0, output_per_1m: 0 } } }));
    expect(loadConfig({ env: {}, cwd }).aiPrices).toEqual({ 'ollama/*': { input_per_1m: 0, output_per_1m: 0 } });
  });

  it.each([
    ['not JSON', '{openai'],
    ['a key without a model', '{"openai": {"input_per_1m": 1, "output_per_1m": 1}}'],
    ['a negative price', '{"openai/x": {"input_per_1m": -1, "output_per_1m": 1}}'],
    ['a misspelt field', '{"openai/x": {"input": 1, "output_per_1m": 1}}'],
  ])('refuses a price table with %s, naming the setting', (_what, value) => {
    expect(() => loadConfig({ env: { DWC_AI_PRICES: value }, cwd: dir })).toThrow(/DWC_AI_PRICES/);
  });
});
