import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Stack traces through the bundled server (files under `bundleDirs`) name the TypeScript files
 * and lines again. A file's source map is read the first time a stack passes through it: Node's
 * own source maps (`--enable-source-maps`) read and parse every map at load, which on Node 20
 * cost ~25 MB of RSS and a few hundred ms of CPU at each start for maps most processes never use.
 * Does nothing when Node's source maps are on already.
 */
export function mapBundleStackTraces(...bundleDirs: string[]): void {
  if (process.sourceMapsEnabled) return;
  const prefixes = bundleDirs.map((dir) => pathToFileURL(dir).href.replace(/\/?$/, '/'));
  const maps = new Map<string, SourceMap | undefined>();
  const mapOf = (fileUrl: string): SourceMap | undefined => {
    if (!maps.has(fileUrl)) maps.set(fileUrl, readMap(fileUrl));
    return maps.get(fileUrl);
  };
  const mapFrame = (frame: NodeJS.CallSite): string => {
    const text = String(frame);
    const file = frame.getFileName();
    const line = frame.getLineNumber();
    const column = frame.getColumnNumber();
    if (file === null || !prefixes.some((prefix) => file.startsWith(prefix)) || line === null || column === null) return text;
    const entry = mapOf(file)?.findEntry(line - 1, column - 1);
    if (!entry || !('originalSource' in entry)) return text;
    const source = fileURLToPath(new URL(entry.originalSource, file));
    return text.replace(`${file}:${line}:${column}`, `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`);
  };
  Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) => `${header(error)}${frames.map((frame) => `\n    at ${mapFrame(frame)}`).join('')}`;
}

function readMap(fileUrl: string): SourceMap | undefined {
  try {
    return new SourceMap(JSON.parse(readFileSync(new URL(`${fileUrl}.map`), 'utf8')) as ConstructorParameters<typeof SourceMap>[0]);
  } catch {
    return undefined;
  }
}

/** The first line V8 writes: `Name: message`. */
function header(error: unknown): string {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return '<error>';
  }
}
