import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const helper = pathToFileURL(join(import.meta.dirname, '..', 'dist', 'bundle-stack-traces.js')).href;

describe('mapBundleStackTraces', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dwc-stack-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Bundles a TypeScript module (minified, like the server) and prints the stack of the error it makes, in a fresh Node. */
  async function stackFrom(options: { map: boolean; nodeArgs?: string[] }): Promise<string> {
    writeFileSync(join(dir, 'make-error.ts'), ['export function makeError(): Error {', '  const where: string = "here";', '  return new Error(`made ${where}`);', '}', ''].join('\n'));
    await build({ entryPoints: [join(dir, 'make-error.ts')], outdir: join(dir, 'bundle'), bundle: true, format: 'esm', platform: 'node', minify: true, keepNames: true, sourcemap: 'linked', logLevel: 'silent' });
    const script = [
      options.map ? `const { mapBundleStackTraces } = await import(${JSON.stringify(helper)}); mapBundleStackTraces(${JSON.stringify(join(dir, 'bundle'))});` : '',
      `const { makeError } = await import(${JSON.stringify(pathToFileURL(join(dir, 'bundle', 'make-error.js')).href)});`,
      'console.log(makeError().stack);',
    ].join('\n');
    return execFileSync(process.execPath, [...(options.nodeArgs ?? []), '--input-type=module', '-e', script], { encoding: 'utf8' });
  }

  it('names the TypeScript file and line where the error was made, and keeps the message', async () => {
    const stack = await stackFrom({ map: true });
    expect(stack).toMatch(/^Error: made here\n/);
    expect(stack).toContain(`at makeError (${join(dir, 'make-error.ts')}:3:10)`);
  });

  it('without it, the frame points into the bundle (what the helper fixes)', async () => {
    expect(await stackFrom({ map: false })).toContain(join(dir, 'bundle', 'make-error.js'));
  });

  it("leaves Node's own source maps in charge when they are on", async () => {
    expect(await stackFrom({ map: true, nodeArgs: ['--enable-source-maps'] })).toContain(`${join(dir, 'make-error.ts')}:3:10`);
  });
});
