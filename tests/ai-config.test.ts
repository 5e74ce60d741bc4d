// A newcomer's AI set-up, over HTTP against the real server process: empty variables (as
// docker-compose passes unset ones) count as unset, a bad setting is named wherever the plugin's
// state shows, AI errors tell "not installed", "disabled" and "failed to load" apart, and the
// default chain uses what is set up (here a local Ollama) or lists what to set.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, startServer, stopServer, type ServerProcess } from '../bench/lib/server-process.js';
import { closedPortUrl } from './support/fake-vendors/call-context.js';
import { startFakeOllama, type FakeOllama } from './support/fake-vendors/ollama.js';

const TOKEN = 'ai-config-test-token-0123456789abcdef';
const OPENAI = '@dwc/plugin-ai-openai';
const run = promisify(execFile);

interface PluginWire {
  name: string;
  state: string;
  error?: string;
  error_code?: string;
  capabilities: { kind: string; type: string }[];
}

/** What these tests read from the answers they get. */
interface Reply {
  error: { code: string; message: string; details: { providers: { provider: string; hint: string }[] } };
  plugins: PluginWire[];
  items: { type: string; description: string; readiness: { state: string; hint?: string }; capabilities: { generation: boolean } }[];
  checks: { name: string; status: string; detail?: string }[];
  [field: string]: unknown;
}

const dirs: string[] = [];
/** No AI key set, every AI variable passed empty: what `docker compose` gives for unset `${VAR}`s. */
function environment(overrides: Record<string, string>): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'dwc-ai-config-'));
  dirs.push(dir);
  return {
    DWC_DATA_DIR: join(dir, 'data'),
    DATABASE_URL: '',
    DWC_API_TOKEN: TOKEN,
    DWC_ADMIN_EMAIL: '',
    DWC_ADMIN_PASSWORD: '',
    DWC_AI_FALLBACK: '',
    OPENAI_API_KEY: '',
    OPENAI_BASE_URL: '',
    ANTHROPIC_API_KEY: '',
    ANTHROPIC_BASE_URL: '',
    GEMINI_API_KEY: '',
    GOOGLE_API_KEY: '',
    GOOGLE_GEMINI_BASE_URL: '',
    LOG_LEVEL: 'info',
    ...overrides,
  };
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function api(server: ServerProcess) {
  const call = async (method: string, path: string, body?: object) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Reply };
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body?: object) => call('POST', path, body),
    plugin: async (name: string) => (await call('GET', '/api/v3/plugins')).body.plugins.find((p) => p.name === name),
  };
}

describe('a machine with no AI keys and no Ollama, every AI variable empty', () => {
  let server: ServerProcess;
  let ollamaUrl: string;
  beforeAll(async () => {
    ollamaUrl = await closedPortUrl();
    server = await startServer(environment({ OLLAMA_HOST: ollamaUrl }));
  });
  afterAll(() => stopServer(server.child));

  it('loads the openai plugin with the empty OPENAI_BASE_URL treated as unset (the default address)', async () => {
    const { get, plugin } = api(server);
    expect(await plugin(OPENAI)).toMatchObject({ state: 'active', capabilities: [{ kind: 'ai-provider', type: 'openai' }] });
    const providers = (await get('/api/v3/advanced/ai/providers')).body.items;
    expect(providers.find((p) => p.type === 'openai')).toMatchObject({
      description: expect.stringContaining('https://api.openai.com/v1'),
      readiness: { state: 'unconfigured', hint: expect.stringContaining('set OPENAI_API_KEY') },
    });
    expect(providers.find((p) => p.type === 'local')).toMatchObject({ readiness: { state: 'configured' }, capabilities: { generation: false } });
  });

  it('answers a bare generate with 503 ai_no_provider, listing each provider and what to set for it', async () => {
    const { status, body } = await api(server).post('/api/v3/advanced/ai/generate', { prompt: 'Hello' });
    expect(status).toBe(503);
    expect(body.error.code).toBe('ai_no_provider');
    const message = body.error.message;
    expect(message).toMatch(/^No AI provider is set up to generate text\. /);
    expect(message).toContain('openai: set OPENAI_API_KEY');
    expect(message).toContain('anthropic: set ANTHROPIC_API_KEY');
    expect(message).toContain('google: set GEMINI_API_KEY (or GOOGLE_API_KEY)');
    expect(message).toContain(`ollama: start Ollama at ${ollamaUrl} or correct host / OLLAMA_HOST`);
    expect(message).toContain('local: cannot generate text');
    expect(body.error.details.providers.map((p) => p.provider).sort()).toEqual(['anthropic', 'google', 'local', 'ollama', 'openai']);
  });

  it('analyses with the offline local analyser when nothing else is set up', async () => {
    const { status, body } = await api(server).post('/api/v3/advanced/ai/analyze', { text: 'What a wonderful, happy day!', tasks: ['sentiment'] });
    expect(status).toBe(200);
    expect(body).toMatchObject({ provider: 'local', sentiment: { label: 'positive' } });
  });

  it('says a named provider is disabled, and how to enable it', async () => {
    const { post } = api(server);
    expect((await post(`/api/v3/plugins/${encodeURIComponent('@dwc/plugin-ai-anthropic')}/disable`)).status).toBe(200);
    const { status, body } = await post('/api/v3/advanced/ai/generate', { prompt: 'Hello', provider: 'anthropic' });
    expect(status).toBe(503);
    expect(body.error).toMatchObject({
      code: 'ai_provider_disabled',
      message: 'AI provider "anthropic" is disabled: its plugin @dwc/plugin-ai-anthropic is disabled. Enable it with POST /api/v3/plugins/%40dwc%2Fplugin-ai-anthropic/enable (permission plugins:admin).',
    });
  });

  it('says a named provider no plugin provides is not installed', async () => {
    const { status, body } = await api(server).post('/api/v3/advanced/ai/generate', { prompt: 'Hello', provider: 'cohere' });
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: 'ai_provider_not_installed', message: expect.stringContaining('AI provider "cohere" is not installed: no plugin provides it') });
  });

  it('says what to set when the named provider has no key', async () => {
    const { body } = await api(server).post('/api/v3/advanced/ai/generate', { prompt: 'Hello', provider: 'openai' });
    expect(body.error).toMatchObject({ code: 'ai_not_configured', message: expect.stringContaining('OpenAI needs an API key: set OPENAI_API_KEY') });
  });
});

describe('a bad OPENAI_BASE_URL and a local Ollama answering', () => {
  const reason = 'Plugin @dwc/plugin-ai-openai: setting `base_url` (OPENAI_BASE_URL): must be an http(s) URL';
  let ollama: FakeOllama;
  let env: Record<string, string>;
  let server: ServerProcess;
  beforeAll(async () => {
    ollama = await startFakeOllama();
    // Health answers are not reused, so a probe slowed by a busy machine (the first one also loads the provider's code) is not remembered.
    env = environment({ OPENAI_BASE_URL: 'localhost:1234/v1', OLLAMA_HOST: ollama.url, DWC_AI_HEALTH_CACHE_MS: '0' });
    server = await startServer(env);
  });
  afterAll(async () => {
    await stopServer(server.child);
    await ollama.close();
  });

  it('names the setting, the variable and the reason in the plugin status, health, the log and `dwc plugins list`', async () => {
    const { get, plugin } = api(server);
    const openai = await plugin(OPENAI);
    expect(openai).toMatchObject({ state: 'failed', error_code: 'plugin_config_invalid' });
    expect(openai!.error).toBe(`${reason} such as http://127.0.0.1:1234/v1 (got "localhost:1234/v1")`);

    const health = (await get('/api/v3/health')).body;
    expect(health.checks.find((c) => c.name === 'plugins')).toMatchObject({ status: 'degraded', detail: expect.stringContaining(reason) });
    expect(server.output()).toContain(reason);

    const { stdout } = await run(process.execPath, [cliPath, 'plugins', 'list', '--json'], { env: { ...process.env, ...env, LOG_LEVEL: 'silent' } });
    expect((JSON.parse(stdout) as PluginWire[]).find((p) => p.name === OPENAI)?.error).toContain(reason);
  });

  it('says the named provider failed to load, with the reason', async () => {
    const { status, body } = await api(server).post('/api/v3/advanced/ai/generate', { prompt: 'Hello', provider: 'openai' });
    expect(status).toBe(503);
    expect(body.error).toMatchObject({ code: 'ai_provider_failed', message: expect.stringContaining(`AI provider "openai" failed to load: ${reason}`) });
  });

  it('answers a bare generate from the Ollama that answers its health check', async () => {
    const { status, body } = await api(server).post('/api/v3/advanced/ai/generate', { prompt: 'Say hello' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ provider: 'ollama', text: 'Hello from the fake Ollama.', attempts: [] });
    expect(ollama.requests.some((r) => r.path === '/api/version')).toBe(true);
  });
});
