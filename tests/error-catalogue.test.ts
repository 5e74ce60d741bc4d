import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  conflictingCodes,
  findThrownCodes,
  missingCodes,
  sourceFiles,
  workspacePackages,
  type CatalogueCodes,
  type FoundCode,
} from './support/thrown-codes.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const packages = workspacePackages(root);

function scan(): { thrown: FoundCode[]; catalogueFiles: string[] } {
  const thrown: FoundCode[] = [];
  const catalogueFiles: string[] = [];
  for (const pkg of packages) {
    for (const file of sourceFiles(root, pkg)) {
      const text = readFileSync(join(root, file), 'utf8');
      thrown.push(...findThrownCodes(text, file));
      if (/\bdefineErrorCatalogue\(\s*'/.test(text)) catalogueFiles.push(file);
    }
  }
  return { thrown, catalogueFiles };
}

async function loadCatalogues(files: readonly string[]): Promise<CatalogueCodes[]> {
  const catalogues: CatalogueCodes[] = [];
  for (const file of files) {
    const module = (await import(join(root, file))) as Record<string, unknown>;
    for (const value of Object.values(module)) {
      if (typeof value === 'object' && value !== null && 'scope' in value && 'codes' in value) {
        const { scope, codes } = value as CatalogueCodes;
        catalogues.push({ scope, codes, file });
      }
    }
  }
  return catalogues;
}

const describeMissing = (missing: readonly FoundCode[]): string =>
  missing.map((found) => `${found.code} (${found.file}:${found.line})`).join('\n');

describe('error catalogues', () => {
  const { thrown, catalogueFiles } = scan();

  it('finds the codes thrown in every shape the code base uses', () => {
    const codes = new Set(thrown.map((found) => found.code));
    // One of each shape: an option, a class default, a PluginLoadError, an AiProviderError reason, an HttpStatusError, a WebSocket refusal.
    for (const code of ['master_key_missing', 'invalid_config', 'plugin_setup_timeout', 'ai_not_configured', 'method_not_allowed', 'connection_id_in_use', 'secret_integrity_failed']) {
      expect(codes, code).toContain(code);
    }
    expect(thrown.length).toBeGreaterThan(100);
  });

  it('lists every code the code base throws in a catalogue of its package or of a package it depends on', async () => {
    const catalogues = await loadCatalogues(catalogueFiles);
    const missing = missingCodes(thrown, catalogues, packages);
    expect(missing, `codes missing from the catalogues (add each to its package's errors.ts):\n${describeMissing(missing)}`).toEqual([]);
  });

  it('has at most one catalogue per package, scoped by the package name', async () => {
    const catalogues = await loadCatalogues(catalogueFiles);
    const owners = catalogues.map((catalogue) => ({ catalogue, pkg: packages.find((pkg) => catalogue.file.startsWith(`${pkg.dir}/`)) }));
    for (const { catalogue, pkg } of owners) expect(catalogue.scope, catalogue.file).toBe(pkg?.name);
    const scopes = catalogues.map((catalogue) => catalogue.scope);
    expect(scopes.length).toBe(new Set(scopes).size);
    for (const name of ['@dwc/sdk', '@dwc/runtime', '@dwc/api', '@dwc/server', '@dwc/plugin-action-http']) expect(scopes).toContain(name);
  });

  it('gives a code the same status in every catalogue that lists it', async () => {
    expect(conflictingCodes(await loadCatalogues(catalogueFiles))).toEqual([]);
  });

  it('fails naming the code and the file when a thrown code is in no catalogue', () => {
    const source = [
      "import { InputError } from '@dwc/sdk';",
      "throw new InputError('nope', { code: 'ai_unavailable' });",
      "throw new InputError('no such code anywhere', { code: 'frobnicator_jammed' });",
    ].join('\n');
    const file = 'plugins/action-http/src/common/made-up.ts';
    const catalogues: CatalogueCodes[] = [
      { scope: '@dwc/sdk', file: 'core/sdk/src/error-codes.ts', codes: { invalid_input: { status: 400 } } },
      { scope: '@dwc/runtime', file: 'core/runtime/src/errors.ts', codes: { ai_unavailable: { status: 502 } } },
    ];
    const missing = missingCodes(findThrownCodes(source, file), catalogues, packages);
    // `ai_unavailable` is the runtime's, which a plugin does not depend on: missing too.
    expect(describeMissing(missing)).toBe(`ai_unavailable (${file}:2)\nfrobnicator_jammed (${file}:3)`);
  });

  it('reports a code two catalogues give different statuses', () => {
    const conflicts = conflictingCodes([
      { scope: '@dwc/a', file: 'a', codes: { gone: { status: 404 } } },
      { scope: '@dwc/b', file: 'b', codes: { gone: { status: 410 } } },
    ]);
    expect(conflicts).toEqual(['gone: 404 in @dwc/a; 410 in @dwc/b']);
  });
});
