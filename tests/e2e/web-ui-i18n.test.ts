// Plugin texts in Spanish in a real browser against a real server on SQLite: the step palette, a
// step's input form (labels, help, choice labels) and a plugin's settings form read the Spanish the
// plugins declare, and the UI asks the server for Spanish messages (Accept-Language). axe-core and a
// screenshot of each screen in English/Spanish × light/dark under tests/e2e/screenshots/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ownerEnv } from '../../bench/lib/server-process.js';
import { everyVariant as everyVariantOf, screenshotIfFailed, startUiSession, type UiSession } from './support/ui-session.js';
import { signInInBrowser } from './support/sign-in.js';

const uiBuilt = existsSync(fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url)));

describe.runIf(uiBuilt)('plugin texts in Spanish, end to end in Chromium', { timeout: 180_000 }, () => {
  let session: UiSession;
  let page: Page;

  const language = (lang: 'en' | 'es') => page.getByLabel(/^(Language|Idioma)$/).first().selectOption(lang);
  const optionsOf = (name: string | RegExp) => page.getByRole('combobox', { name }).locator('option').allTextContents();

  beforeAll(async () => {
    session = await startUiSession({ viewport: { width: 1280, height: 800 }, env: { ...ownerEnv } });
    page = session.page;
    await signInInBrowser(page, session.server.url);
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  afterEach(async (context) => {
    await screenshotIfFailed(page, context.task);
  });

  it('shows the step palette and an HTTP step form in Spanish, and back in English', async () => {
    await page.goto(`${session.server.url}/workflows/new`);
    await page.getByRole('button', { name: 'Add step http.request' }).click();
    await expect.poll(() => page.getByRole('combobox', { name: 'method' }).isVisible()).toBe(true);
    expect(await optionsOf('response_type')).toEqual(['(auto)', 'auto', 'json', 'text']);

    await language('es');
    const palette = page.getByRole('complementary', { name: 'Pasos' });
    await expect.poll(() => palette.getByText('Petición HTTP').isVisible()).toBe(true);
    await expect.poll(() => palette.getByText('Transformar datos').isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('combobox', { name: 'Método' }).isVisible()).toBe(true);
    expect(await optionsOf('Tipo de respuesta')).toEqual(['(Automático)', 'Automático', 'JSON', 'Texto']);
    await expect.poll(() => page.getByText('La URL http:// o https:// a la que se llama.').isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('checkbox', { name: 'Fallar según el estado' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Llama a una URL HTTP(S) y devuelve el estado', { exact: false }).first().isVisible()).toBe(true);
    await everyVariantOf(page, 'i18n-http-step');

    await language('en');
    await expect.poll(() => page.getByRole('combobox', { name: 'method' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('The http:// or https:// URL to call.').isVisible()).toBe(true);
  });

  it('names the alternatives of a delay step in Spanish', async () => {
    await page.goto(`${session.server.url}/workflows/new`);
    await page.getByRole('button', { name: 'Add step delay' }).click();
    await language('es');
    await expect.poll(() => page.getByRole('option', { name: 'Esperar hasta una fecha y hora' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('textbox', { name: /^Duración \(ms\)/ }).isVisible()).toBe(true);
    await everyVariantOf(page, 'i18n-delay-step');
  });

  it('shows a plugin and its settings form in Spanish', async () => {
    await language('en');
    await page.goto(`${session.server.url}/operations`);
    await page.getByRole('link', { name: 'Plugins' }).click();
    await language('es');
    await expect.poll(() => page.getByText('Llamar a API HTTP desde un paso del flujo de trabajo').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Ajustes de @dwc/plugin-action-http' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ajustes de @dwc/plugin-action-http' });
    await expect.poll(() => dialog.getByText('Hosts permitidos', { exact: true }).isVisible()).toBe(true);
    await expect.poll(() => dialog.getByRole('checkbox', { name: 'Rechazar redes privadas' }).isVisible()).toBe(true);
    await everyVariantOf(page, 'i18n-plugin-settings');
    await page.keyboard.press('Escape');
  });

  it('asks the server for messages in Spanish (Accept-Language) once Spanish is chosen', async () => {
    await page.goto(`${session.server.url}/workflows`);
    await language('es');
    // A request the UI makes carries the chosen language (kept across a reload).
    const sent = page.waitForRequest((request) => request.url().includes('/api/v3/workflows'));
    await page.reload();
    expect((await sent).headers()['accept-language']).toBe('es');
    await language('en');
  });
});
