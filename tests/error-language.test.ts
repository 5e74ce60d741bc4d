import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { errorCatalogues } from '@dwc/sdk';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noRateLimitEnv } from '../bench/lib/server-process.js';
import { startAuthTestApp, type AuthTestApp } from './support/auth-test-app.js';

// What a Spanish-speaking user reads when the API refuses: each catalogue's advice in Spanish, and
// the save-time step checks written in the request's language. No allow-list: a new code without
// its `es` text fails here, and the failure lists every missing one.
const ANSWERING = ['@dwc/sdk', '@dwc/runtime', '@dwc/api', '@dwc/server'];
const root = fileURLToPath(new URL('..', import.meta.url));
/** Every other package's catalogue (plugins, desktop), by its built module. */
const otherCatalogues = [...readdirSync(join(root, 'plugins')).map((dir) => join(root, 'plugins', dir)), join(root, 'apps', 'desktop')]
  .map((dir) => join(dir, 'dist', 'errors.js'))
  .filter((file) => existsSync(file));

describe('errors follow Accept-Language', () => {
  let testApp: AuthTestApp;
  beforeAll(async () => {
    testApp = await startAuthTestApp('sqlite', noRateLimitEnv);
  });
  afterAll(async () => {
    await testApp?.close();
  });

  const call = (method: 'get' | 'post', path: string, language?: string, body?: object) => {
    const req = request(testApp.app)[method](path).set({ authorization: `Bearer ${testApp.owner.token}` });
    const withLanguage = language === undefined ? req : req.set('accept-language', language);
    return body === undefined ? withLanguage : withLanguage.send(body);
  };

  it('has Spanish advice for every code of every catalogue: the API\'s, the server\'s, the plugins\' and the desktop app\'s', async () => {
    await import('@dwc/server');
    for (const file of otherCatalogues) await import(pathToFileURL(file).href);
    const scopes = errorCatalogues().map((c) => c.scope);
    for (const scope of [...ANSWERING, '@dwc/plugin-action-http', '@dwc/desktop']) expect(scopes, scope).toContain(scope);
    expect(otherCatalogues.length).toBeGreaterThanOrEqual(13);
    const missing = errorCatalogues()
      .filter((c) => !c.scope.startsWith('@dwc/test'))
      .flatMap((c) => Object.entries(c.codes).filter(([, entry]) => !entry.es?.trim()).map(([code]) => `${c.scope} ${code}`));
    expect(missing).toEqual([]);
  });

  it('answers a catalogue error in Spanish for es, with the values it was made with, and in English otherwise', async () => {
    const spanish = await call('get', '/api/v3/workflows/wf_missing', 'es-ES,es;q=0.9,en;q=0.5');
    expect(spanish.status).toBe(404);
    expect(spanish.body.error).toEqual({ code: 'workflow_not_found', message: 'No hay ningún flujo de trabajo con id "wf_missing"; GET /api/v3/workflows los lista.' });
    for (const language of ['en', undefined, 'fr']) {
      const english = await call('get', '/api/v3/workflows/wf_missing', language);
      expect(english.body.error.message).toBe('No workflow with id "wf_missing".');
    }
    // Without a token: the SDK's `unauthenticated`, answered before any route runs.
    const anonymous = await request(testApp.app).get('/api/v3/workflows').set('accept-language', 'es');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.message).toMatch(/^No hay credenciales válidas/);
  });

  it('writes the save-time step checks in Spanish, field messages included', async () => {
    const body = { name: 'Wait', steps: [{ id: 'wait', type: 'delay', input: { ms: 5 } }, { id: 'x', type: 'dealy', input: {} }] };
    const spanish = await call('post', '/api/v3/workflows', 'es', body);
    expect(spanish.status).toBe(400);
    expect(spanish.body.error.code).toBe('action_not_found');
    expect(spanish.body.error.message).toMatch(/^paso "x" \(dealy\), type: no hay ninguna acción "dealy" registrada .*¿querías decir "delay"\?; paso "wait" \(delay\), input\.ms: campo desconocido `ms`/);
    expect(spanish.body.error.details).toContainEqual({ step: 'wait', field: 'input.ms', message: expect.stringMatching(/^campo desconocido `ms`/) });
    expect(JSON.stringify(spanish.body.error)).not.toMatch(/unknown field|did you mean|step "/);

    const english = await call('post', '/api/v3/workflows', 'en', body);
    expect(english.body.error.message).toMatch(/^step "x" \(dealy\), type: no action "dealy" is registered .*; step "wait" \(delay\), input\.ms: unknown field `ms`/);
  });
});
