import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { SDK_API_VERSION, type ExporterDefinition, type MetricFamily, type PluginContext } from '@dwc/sdk';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import plugin from './index.js';
import { renderPrometheus } from './prometheus-exporter.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; dwc: { kinds: string[] } };

const families: MetricFamily[] = [
  {
    name: 'dwc_http_requests_total', help: 'HTTP requests by method, route template and status', type: 'counter',
    samples: [
      { labels: { method: 'GET', route: '/api/v3/workflows/{id}', status: '200' }, value: 42 },
      { labels: { method: 'POST', route: 'a "quoted" \\ back\nslash', status: '500' }, value: 1 },
    ],
  },
  { name: 'dwc_process_resident_memory_bytes', help: 'Resident memory of this process', type: 'gauge', unit: 'bytes', samples: [{ labels: {}, value: 123456789 }] },
  {
    name: 'dwc_step_duration_seconds', help: 'Step duration by action', type: 'histogram', unit: 'seconds',
    samples: [{ labels: { action: 'ai.generate' }, value: 6, histogram: { bounds: [0.1, 1, 10], counts: [1, 2, 2, 1], sum: 31.5, count: 6 } }],
  },
  {
    name: 'dwc_queue_wait_seconds', help: 'Time a job waited', type: 'histogram', unit: 'seconds',
    samples: [{ labels: {}, value: 4, histogram: { bounds: [0.5, 2], counts: [3, 0, 1], sum: 4.25, count: 4 } }],
  },
];

describe('@dwc/plugin-exporter-prometheus', () => {
  it('is an exporter plugin named after its package that registers the prometheus pull exporter', async () => {
    expect(plugin.name).toBe(pkg.name);
    expect(plugin.apiVersion).toBe(SDK_API_VERSION);
    expect(pkg.dwc.kinds).toEqual(['exporter']);
    const registered: ExporterDefinition[] = [];
    await plugin.setup({ name: pkg.name, config: {}, secrets: {}, exporters: { register: (d: ExporterDefinition) => registered.push(d) } } as unknown as PluginContext<never>);
    expect(registered.map((d) => [d.type, typeof d.render])).toEqual([['prometheus', 'function']]);
  });

  it('renders text that promtool accepts, with escaped label values and cumulative buckets', async () => {
    const { contentType, body } = await renderPrometheus(families);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const check = spawnSync('promtool', ['check', 'metrics'], { input: body, encoding: 'utf8' });
    expect(check.error).toBeUndefined();
    expect({ status: check.status, stderr: check.stderr, stdout: check.stdout }).toEqual({ status: 0, stderr: '', stdout: '' });
    expect(body).toContain('dwc_step_duration_seconds_bucket{action="ai.generate",le="1"} 3');
    expect(body).toContain('route="a \\"quoted\\" \\\\ back\\nslash"');
  });

  it('parses back to the same names, types, labels and values', async () => {
    const parsed = parsePrometheusTextFormat((await renderPrometheus(families)).body);
    const byName = Object.fromEntries(parsed.map((f) => [f.name, f]));
    expect(byName.dwc_http_requests_total).toMatchObject({ type: 'COUNTER', metrics: [{ value: '42', labels: { method: 'GET', route: '/api/v3/workflows/{id}', status: '200' } }, { value: '1', labels: { route: 'a "quoted" \\ back\nslash' } }] });
    expect(byName.dwc_process_resident_memory_bytes).toMatchObject({ type: 'GAUGE', metrics: [{ value: '123456789' }] });
    // The parser folds a histogram's lines into one sample and keeps labels, sum and count only for an unlabelled one.
    expect(byName.dwc_step_duration_seconds).toMatchObject({ type: 'HISTOGRAM', metrics: [{ buckets: { '0.1': '1', '1': '3', '10': '5', '+Inf': '6' } }] });
    expect(byName.dwc_queue_wait_seconds).toMatchObject({ type: 'HISTOGRAM', metrics: [{ buckets: { '0.5': '3', '2': '3', '+Inf': '4' }, count: '4', sum: '4.25' }] });
  });

  it('writes special values and escaped help that promtool accepts, and a series whose labels object is reused shows its new value', async () => {
    const labels = Object.freeze({ route: '/a "b"' });
    const family = (value: number): MetricFamily[] => [
      { name: 'dwc_widgets', help: 'Widgets \\ per\nline', type: 'gauge', samples: [{ labels, value }, { labels: { route: 'nan' }, value: Number.NaN }, { labels: { route: 'inf' }, value: Number.POSITIVE_INFINITY }] },
    ];
    const first = (await renderPrometheus(family(1))).body;
    const second = (await renderPrometheus(family(2))).body;
    expect(first).toContain('# HELP dwc_widgets Widgets \\\\ per\\nline\n');
    expect(second).toContain('dwc_widgets{route="/a \\"b\\""} 2\n');
    expect(second).toContain('dwc_widgets{route="nan"} NaN\ndwc_widgets{route="inf"} +Inf\n');
    const check = spawnSync('promtool', ['check', 'metrics'], { input: second, encoding: 'utf8' });
    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
