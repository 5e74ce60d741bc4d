import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noRateLimitEnv } from '../bench/lib/server-process.js';
import { startAuthTestApp, type AuthTestApp } from './support/auth-test-app.js';

// The same refusal in the language the request asks for: zod's own words through its Spanish
// locale for this request only, and dwc's readable messages (missing, unknown, alternatives).
describe('validation messages follow Accept-Language', () => {
  let testApp: AuthTestApp;
  beforeAll(async () => {
    testApp = await startAuthTestApp('sqlite', noRateLimitEnv);
  });
  afterAll(async () => {
    await testApp?.close();
  });

  const post = (path: string, body: object, language?: string) => {
    const call = request(testApp.app).post(path).set({ authorization: `Bearer ${testApp.owner.token}` });
    return (language === undefined ? call : call.set('accept-language', language)).send(body);
  };

  it('answers a missing field, a wrong type, a wrong choice and an unknown field in Spanish for es, and in English otherwise', async () => {
    const body = { email: 'not-an-email', role: 'boss', surprise: 1 };
    const spanish = await post('/api/v3/auth/users', body, 'es-ES,es;q=0.9,en;q=0.5');
    expect(spanish.status).toBe(400);
    expect(spanish.body.error.message).toMatch(/^Petición no válida: /);
    const details = spanish.body.error.details as Record<string, string[]>;
    expect(details['body.password']).toEqual([expect.stringMatching(/^falta el campo obligatorio `password`/)]);
    expect(details['body.surprise']).toEqual([expect.stringMatching(/^campo desconocido `surprise`; se esperaba uno de `email`, `password`/)]);
    expect(details['body.role']).toEqual(['Opción inválida: se esperaba una de "viewer"|"editor"|"admin"|"owner"']);
    // A message the schema writes itself (`must be an e-mail address`) stays as written.
    expect(details['body.email']).toEqual(['must be an e-mail address']);
    expect(JSON.stringify(details)).not.toMatch(/missing|expected|unknown field|Invalid|string/);

    for (const language of ['en-GB,en;q=0.9', undefined, 'fr']) {
      const english = await post('/api/v3/auth/users', body, language);
      expect(english.status).toBe(400);
      expect(english.body.error.message).toMatch(/^Invalid request: /);
      const fields = english.body.error.details as Record<string, string[]>;
      expect(fields['body.password']).toEqual([expect.stringMatching(/^missing required field `password`/)]);
      expect(fields['body.surprise']).toEqual([expect.stringMatching(/^unknown field `surprise`; expected one of /)]);
    }
  });

  it('says what a workflow lacks in Spanish, type names included', async () => {
    const response = await post('/api/v3/workflows', { steps: 'none' }, 'es');
    expect(response.body.error.details).toEqual({ 'body.name': ['falta el campo obligatorio `name` (texto)'], 'body.steps': ['se esperaba arreglo, recibido texto'] });
  });

  it('keeps each request in its own language when they interleave', async () => {
    const body = { name: 7 };
    const [es, en] = await Promise.all([post('/api/v3/workflows', body, 'es'), post('/api/v3/workflows', body, 'en')]);
    expect(es.body.error.details['body.name']).toEqual(['se esperaba texto, recibido número']);
    expect(en.body.error.details['body.name']).toEqual(['expected string, received number']);
  });
});
