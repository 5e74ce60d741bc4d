import type { MetricFamily, MetricSample } from '@dwc/sdk';

/** The content type of the Prometheus text exposition format 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const NEEDS_ESCAPE = /[\\"\n]/;
const escapeLabelValue = (value: string) => (NEEDS_ESCAPE.test(value) ? value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') : value);
const escapeHelp = (help: string) => help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

/** A sample value as Prometheus writes it (Go's float syntax for the special values). */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

// Registries that hand out the same labels object for a series on every snapshot get its text made once.
const pairsCache = new WeakMap<Record<string, string>, string>();

/** `a="x",b="y"` (no braces), '' without labels. */
function labelPairs(labels: Record<string, string>): string {
  let out = pairsCache.get(labels);
  if (out !== undefined) return out;
  out = '';
  for (const name in labels) out += `${out === '' ? '' : ','}${name}="${escapeLabelValue(labels[name]!)}"`;
  if (Object.isFrozen(labels)) pairsCache.set(labels, out);
  return out;
}

function writeHistogram(lines: string[], name: string, sample: MetricSample, bounds: readonly string[]): void {
  const h = sample.histogram!;
  const pairs = labelPairs(sample.labels);
  const prefix = `${name}_bucket{${pairs === '' ? '' : `${pairs},`}le="`;
  let cumulative = 0;
  for (let i = 0; i < bounds.length; i++) {
    cumulative += h.counts[i]!;
    lines.push(`${prefix}${bounds[i]}"} ${cumulative}`);
  }
  lines.push(`${prefix}+Inf"} ${h.count}`);
  const braced = pairs === '' ? '' : `{${pairs}}`;
  lines.push(`${name}_sum${braced} ${formatValue(h.sum)}`);
  lines.push(`${name}_count${braced} ${h.count}`);
}

/**
 * Writes metric families in the Prometheus text format 0.0.4: HELP and TYPE lines, escaped label
 * values, cumulative histogram buckets ending in +Inf with _sum and _count. Written directly
 * (one string per line, joined once), since a 10,000-series scrape through a general registry
 * spends most of its time allocating per-line objects.
 */
export function prometheusText(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    const name = family.name;
    lines.push(`# HELP ${name} ${escapeHelp(family.help)}`, `# TYPE ${name} ${family.type}`);
    if (family.type === 'histogram') {
      let bounds: string[] | undefined;
      for (const sample of family.samples) {
        if (sample.histogram === undefined) continue;
        // Every series of a histogram shares its bounds: format them once.
        bounds ??= sample.histogram.bounds.map(formatValue);
        writeHistogram(lines, name, sample, bounds.length === sample.histogram.bounds.length ? bounds : sample.histogram.bounds.map(formatValue));
      }
      continue;
    }
    for (const sample of family.samples) {
      const pairs = labelPairs(sample.labels);
      lines.push(`${name}${pairs === '' ? '' : `{${pairs}}`} ${formatValue(sample.value)}`);
    }
  }
  lines.push('');
  return lines.join('\n');
}
