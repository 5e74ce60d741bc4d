/** The URL scheme the app registers: `dwc://workflow/<id>` and `dwc://execution/<id>`. */
export const DEEP_LINK_SCHEME = 'dwc';

const ID = /^[A-Za-z0-9_-]{1,128}$/;

/** What a `dwc://` link opens. */
export type DeepLink = { kind: 'workflow'; id: string } | { kind: 'execution'; id: string };

/**
 * Reads a `dwc://` link; undefined for anything else or anything malformed (links come from other
 * programs, so only a known kind and a plain id are accepted).
 */
export function parseDeepLink(text: string): DeepLink | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return undefined;
  // `dwc://workflow/ID` puts the kind in the host; `dwc:workflow/ID` and `dwc:///workflow/ID` in the path.
  const parts = [url.hostname, ...url.pathname.split('/')].filter((part) => part !== '');
  if (parts.length !== 2) return undefined;
  const [kind, id] = parts as [string, string];
  const decoded = decodeURIComponent(id);
  if (!ID.test(decoded)) return undefined;
  if (kind === 'workflow' || kind === 'workflows') return { kind: 'workflow', id: decoded };
  if (kind === 'execution' || kind === 'executions' || kind === 'run' || kind === 'runs') return { kind: 'execution', id: decoded };
  return undefined;
}

/** The UI route of a link: the workflow editor or the run screen. */
export function deepLinkPath(link: DeepLink): string {
  return link.kind === 'workflow' ? `/workflows/${encodeURIComponent(link.id)}` : `/runs/${encodeURIComponent(link.id)}`;
}

/** The first `dwc://` link among command-line arguments (Windows and Linux pass links that way). */
export function deepLinkInArgv(argv: readonly string[]): DeepLink | undefined {
  for (const arg of argv) {
    if (arg.startsWith(`${DEEP_LINK_SCHEME}:`)) {
      const link = parseDeepLink(arg);
      if (link !== undefined) return link;
    }
  }
  return undefined;
}
