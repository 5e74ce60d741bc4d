import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { SDK_API_VERSION, type ExporterDefinition, type Logger, type MetricFamily, type PluginContext } from '@dwc/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin, { metricsUrl } from './index.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; dwc: { kinds: string[] } };
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => silent } as unknown as Logger;

const families: MetricFamily[] = [
  { name: 'dwc_executions_total', help: 'Executions that ended', type: 'counter', samples: [{ labels: { workflow: 'Daily digest', status: 'succeeded' }, value: 7 }] },
  { name: 'dwc_process_resident_memory_bytes', help: 'Resident memory', type: 'gauge', unit: 'bytes', samples: [{ labels: {}, value: 1024 }] },
  {
    name: 'dwc_step_duration_seconds', help: 'Step duration', type: 'histogram', unit: 'seconds',
    samples: [{ labels: { action: 'transform' }, value: 3, histogram: { bounds: [0.1, 1], counts: [1, 1, 1], sum: 2.65, count: 3 } }],
  },
];

/** An OTLP/HTTP receiver: keeps each decoded JSON export request sent to /v1/metrics. */
function startReceiver(): Promise<{ server: Server; url: string; requests: { contentType: string | undefined; body: OtlpRequest }[] }> {
  const requests: { contentType: string | undefined; body: OtlpRequest }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/metrics') requests.push({ contentType: req.headers['content-type'], body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpRequest });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests })));
}

interface OtlpDataPoint { attributes?: { key: string; value: { stringValue?: string } }[]; asDouble?: number; count?: string | number; sum?: number; bucketCounts?: (string | number)[]; explicitBounds?: number[] }
interface OtlpMetric { name: string; unit?: string; description?: string; sum?: { dataPoints: OtlpDataPoint[]; isMonotonic?: boolean; aggregationTemporality?: number }; gauge?: { dataPoints: OtlpDataPoint[] }; histogram?: { dataPoints: OtlpDataPoint[] } }
interface OtlpRequest { resourceMetrics: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeMetrics: { metrics: OtlpMetric[] }[] }[] }

describe('@dwc/plugin-exporter-otlp', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => (receiver = await startReceiver()));
  afterAll(() => new Promise<void>((resolve) => receiver.server.close(() => resolve())));

  const setup = async (secrets: Record<string, string>) => {
    const registered: ExporterDefinition[] = [];
    const ctx = { name: pkg.name, config: plugin.config.parse({ interval_ms: 60_000, service_name: 'dwc-test' }), secrets, log: silent, exporters: { register: (d: ExporterDefinition) => registered.push(d) } };
    await plugin.setup(ctx as unknown as PluginContext<ReturnType<typeof plugin.config.parse>>);
    return registered;
  };

  it('is an exporter plugin that stays off until OTEL_EXPORTER_OTLP_ENDPOINT is set', async () => {
    expect(plugin.name).toBe(pkg.name);
    expect(plugin.apiVersion).toBe(SDK_API_VERSION);
    expect(pkg.dwc.kinds).toEqual(['exporter']);
    expect(await setup({})).toEqual([]);
    expect(metricsUrl('http://collector:4318/')).toBe('http://collector:4318/v1/metrics');
  });

  it('pushes counters, gauges and histograms to the receiver with their names, units and values', async () => {
    const [exporter] = await setup({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    expect(exporter?.type).toBe('otlp');
    const stop = await exporter!.start!({ log: silent, snapshot: () => families });
    await stop(); // the last push happens on stop

    expect(receiver.requests.length).toBeGreaterThanOrEqual(1);
    const { contentType, body } = receiver.requests.at(-1)!;
    expect(contentType).toMatch(/application\/json/);
    const resource = body.resourceMetrics[0]!.resource.attributes.find((a) => a.key === 'service.name');
    expect(resource?.value.stringValue).toBe('dwc-test');
    const metrics = Object.fromEntries(body.resourceMetrics[0]!.scopeMetrics.flatMap((s) => s.metrics).map((m) => [m.name, m]));

    const executions = metrics.dwc_executions!;
    expect(executions.unit).toBe('1');
    expect(executions.sum).toMatchObject({ isMonotonic: true, aggregationTemporality: 2 });
    expect(executions.sum!.dataPoints[0]!.asDouble).toBe(7);
    expect(Object.fromEntries(executions.sum!.dataPoints[0]!.attributes!.map((a) => [a.key, a.value.stringValue]))).toEqual({ workflow: 'Daily digest', status: 'succeeded' });

    expect(metrics.dwc_process_resident_memory_bytes).toMatchObject({ unit: 'By', gauge: { dataPoints: [{ asDouble: 1024 }] } });

    const steps = metrics.dwc_step_duration_seconds!;
    expect(steps.unit).toBe('s');
    const point = steps.histogram!.dataPoints[0]!;
    expect(point.explicitBounds).toEqual([0.1, 1]);
    expect(point.bucketCounts!.map(Number)).toEqual([1, 1, 1]);
    expect(Number(point.count)).toBe(3);
    expect(point.sum).toBeCloseTo(2.65);
  });
});
