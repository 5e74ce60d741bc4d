// Plugin texts in Spanish in a real browser against a real server on SQLite: the step palette, a
// step's input form (labels, help, choice labels) and a plugin's settings form read the Spanish the
// plugins declare, and the UI asks the server for Spanish messages (Accept-Language). axe-core and a
// screenshot of each screen in English/Spanish × light/dark under tests/e2e/screenshots/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ownerEnv } from '../../bench/lib/server-process.js';
import { screenshot, seriousViolations } from './support/browser.js';
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
    // The first plugin list took 0.9 s at load 7 (2 cores), past expect.poll's default 1 s in this test.
    await expect.poll(() => page.getByText('Llamar a API HTTP desde un paso del flujo de trabajo').isVisible(), { timeout: 15_000 }).toBe(true);
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

  // The server writes these in the language the UI asks for, so each variant loads them afresh.
  it('shows the server\'s refusals in the chosen language: a missing workflow, and a step input refused at save', async () => {
    const problems: string[] = [];
    const look = async (name: string) => {
      await screenshot(page, name);
      for (const v of await seriousViolations(page)) problems.push(`${name}: ${v.id} (${v.impact}) ${v.help} at ${JSON.stringify(v.nodes)}`);
    };
    const texts = {
      en: { missing: 'No workflow with id "wf_missing".', duration: /^Milliseconds/, refused: 'The server refused the workflow', field: /must be|Too small|expected/ },
      es: { missing: 'No hay ningún flujo de trabajo con id "wf_missing"; GET /api/v3/workflows los lista.', duration: /^Duración \(ms\)/, refused: 'El servidor rechazó el flujo', field: /Demasiado pequeño|se esperaba/ },
    } as const;
    for (const lang of ['en', 'es'] as const) {
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme });
        await page.goto(`${session.server.url}/workflows`);
        await language(lang);
        await page.goto(`${session.server.url}/workflows/wf_missing`);
        await expect.poll(() => page.getByRole('alert').first().textContent()).toBe(texts[lang].missing);
        await look(`i18n-error-missing-workflow-${lang}-${theme}`);

        await page.goto(`${session.server.url}/workflows/new`);
        await page.getByRole('button', { name: `${lang === 'es' ? 'Añadir paso' : 'Add step'} delay` }).click();
        await page.getByRole('textbox', { name: texts[lang].duration }).fill('-5');
        await page.getByRole('button', { name: lang === 'es' ? 'Guardar' : 'Save', exact: true }).click();
        await expect.poll(() => page.getByRole('alert').first().textContent()).toContain(texts[lang].refused);
        const fieldError = page.locator('.step-panel .field[data-field="duration_ms"] .field-error');
        await expect.poll(() => fieldError.textContent()).toMatch(texts[lang].field);
        if (lang === 'es') expect(await fieldError.textContent()).not.toMatch(/Too small|expected|must be/);
        await look(`i18n-error-step-input-${lang}-${theme}`);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await language('en');
    expect(problems).toEqual([]);
  });
});

