import { LRUCache } from 'lru-cache';

type Entry = { name: string; readAt: number; reading: boolean };

/**
 * Workflow names for metric labels, read once and kept for the hot path: a bounded cache (a server
 * that created and deleted many workflows keeps only the recent ones), and a name older than
 * `refreshMs` is read again in the background while the old one is still answered, so a renamed
 * workflow's series move to its new name without any run being labelled `unknown` meanwhile.
 */
export function createWorkflowNames(
  read: (workflowId: string) => Promise<string | undefined>,
  options: { max?: number; refreshMs?: number; now?: () => number } = {},
): (workflowId: string) => string {
  const { max = 10_000, refreshMs = 5 * 60_000, now = Date.now } = options;
  const cache = new LRUCache<string, Entry>({ max });
  const reread = (workflowId: string, entry: Entry) => {
    entry.reading = true;
    read(workflowId).then(
      (name) => cache.set(workflowId, { name: name ?? 'unknown', readAt: now(), reading: false }),
      () => (entry.reading = false),
    );
  };
  return (workflowId) => {
    let entry = cache.get(workflowId);
    if (entry === undefined) {
      entry = { name: 'unknown', readAt: -Infinity, reading: false };
      cache.set(workflowId, entry);
    }
    if (!entry.reading && now() - entry.readAt >= refreshMs) reread(workflowId, entry);
    return entry.name;
  };
}
