import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** One error code found in the sources: where it is thrown (or where its catalogue is). */
export interface FoundCode {
  code: string;
  /** Path from the repository root, `/`-separated. */
  file: string;
  line: number;
}

const CODE = String.raw`'([a-z][a-z0-9_]*)'`;

/**
 * The shapes in which the code base gives an error its code. Each regex's first group is the code;
 * `prefix` is put before it (AiProviderError's reason `timeout` is the code `ai_timeout`).
 */
const PATTERNS: readonly { regex: RegExp; prefix?: string }[] = [
  // `new InputError(msg, { code: 'x' })`, stored `{ code: 'x', message }`, `Object.assign(e, { code: 'x' })`
  { regex: new RegExp(String.raw`\bcode:\s*${CODE}`, 'g') },
  // a class's default: `options.code ?? 'x'`
  { regex: new RegExp(String.raw`\bcode\s*\?\?\s*${CODE}`, 'g') },
  { regex: new RegExp(String.raw`new\s+DwcError\(\s*${CODE}`, 'g') },
  { regex: new RegExp(String.raw`\bsuper\(\s*${CODE}`, 'g') },
  { regex: new RegExp(String.raw`new\s+HttpStatusError\(\s*\d+\s*,\s*${CODE}`, 'g') },
  { regex: new RegExp(String.raw`new\s+PluginLoadError\(\s*[^,()]+,\s*${CODE}`, 'g') },
  { regex: new RegExp(String.raw`new\s+AiProviderError\(\s*[^,()]+,\s*${CODE}`, 'g'), prefix: 'ai_' },
  { regex: new RegExp(String.raw`\brefuseUpgrade\(\s*\w+\s*,\s*\d+\s*,\s*${CODE}`, 'g') },
  { regex: new RegExp(String.raw`\berrorBody\(\s*${CODE}`, 'g') },
];

/** `code: '…'` literals that are not error codes: file (suffix) -> codes, each with why. */
export const NOT_ERROR_CODES: readonly { file: string; code: string; why: string }[] = [
  { file: 'core/runtime/src/config/settings.ts', code: 'custom', why: 'zod issue code in ctx.addIssue' },
  { file: 'core/runtime/src/engine/workflow-definition.ts', code: 'custom', why: 'zod issue code in ctx.addIssue' },
  { file: 'plugins/ai-ollama/src/common/config.ts', code: 'custom', why: 'zod issue code in ctx.addIssue' },
  { file: 'core/sdk/src/issues/readable-issues.ts', code: 'invalid_union', why: 'zod issue code it reads' },
  { file: 'core/runtime/src/notify/outbox-store.ts', code: 'may_have_been_delivered', why: 'the outcome stored on an attempt cut short by a crash, never thrown' },
  { file: 'plugins/ai-local/src/analysis/language.ts', code: 'und', why: 'ISO 639 "undetermined" language code' },
];

/** Every error code `text` (the source of `file`) gives an error, with its line. */
export function findThrownCodes(text: string, file: string): FoundCode[] {
  const found: FoundCode[] = [];
  for (const { regex, prefix = '' } of PATTERNS) {
    for (const match of text.matchAll(regex)) {
      const code = `${prefix}${match[1]}`;
      if (NOT_ERROR_CODES.some((skip) => file.endsWith(skip.file) && skip.code === code)) continue;
      found.push({ code, file, line: text.slice(0, match.index).split('\n').length });
    }
  }
  return found;
}

/** A package of the workspace: its folder, name and the @dwc/* packages it depends on. */
export interface WorkspacePackage {
  dir: string;
  name: string;
  dwcDependencies: string[];
}

export function workspacePackages(root: string): WorkspacePackage[] {
  const packages: WorkspacePackage[] = [];
  for (const group of ['core', 'plugins', 'apps']) {
    for (const entry of readdirSync(join(root, group))) {
      const dir = join(group, entry);
      let manifest: { name: string; dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
      try {
        manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as typeof manifest;
      } catch {
        continue;
      }
      const deps = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }).filter((name) => name.startsWith('@dwc/'));
      packages.push({ dir: dir.split(sep).join('/'), name: manifest.name, dwcDependencies: deps });
    }
  }
  return packages;
}

/** The source files of a package that ship: `src/**\/*.ts` without tests and test support. */
export function sourceFiles(root: string, pkg: WorkspacePackage): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(root, dir))) {
      const path = `${dir}/${entry}`;
      if (statSync(join(root, path)).isDirectory()) {
        if (entry !== 'test-support' && entry !== 'node_modules') walk(path);
      } else if (entry.endsWith('.ts') && !entry.endsWith('.test.ts') && !entry.endsWith('.d.ts')) {
        files.push(path);
      }
    }
  };
  walk(`${pkg.dir}/src`);
  return files;
}

/** A catalogue as the check sees it: the package that declares it and its codes' statuses. */
export interface CatalogueCodes {
  scope: string;
  file: string;
  codes: Readonly<Record<string, { status: number }>>;
}

/**
 * The thrown codes no catalogue covers: a code thrown in a package must be in that package's
 * catalogue or in the catalogue of a @dwc package it depends on (directly or not).
 */
export function missingCodes(thrown: readonly FoundCode[], catalogues: readonly CatalogueCodes[], packages: readonly WorkspacePackage[]): FoundCode[] {
  const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
  const reachable = (name: string): Set<string> => {
    const seen = new Set<string>();
    const pending = [name];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      if (seen.has(next)) continue;
      seen.add(next);
      pending.push(...(byName.get(next)?.dwcDependencies ?? []));
    }
    return seen;
  };
  return thrown.filter((found) => {
    const pkg = packages.find((candidate) => found.file.startsWith(`${candidate.dir}/`));
    const scopes = pkg === undefined ? new Set<string>() : reachable(pkg.name);
    return !catalogues.some((catalogue) => scopes.has(catalogue.scope) && Object.hasOwn(catalogue.codes, found.code));
  });
}

/** Codes declared in several catalogues with different statuses: a code must mean one thing. */
export function conflictingCodes(catalogues: readonly CatalogueCodes[]): string[] {
  const statuses = new Map<string, Map<number, string[]>>();
  for (const catalogue of catalogues) {
    for (const [code, { status }] of Object.entries(catalogue.codes)) {
      const byStatus = statuses.get(code) ?? new Map<number, string[]>();
      byStatus.set(status, [...(byStatus.get(status) ?? []), catalogue.scope]);
      statuses.set(code, byStatus);
    }
  }
  return [...statuses]
    .filter(([, byStatus]) => byStatus.size > 1)
    .map(([code, byStatus]) => `${code}: ${[...byStatus].map(([status, scopes]) => `${status} in ${scopes.join(', ')}`).join('; ')}`);
}

/** `path` relative to `root`, `/`-separated. */
export function repoPath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}
