import { statfs } from 'node:fs/promises';
import { freemem, loadavg, totalmem } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { MetricRegistry } from './metric-registry.js';

export interface SystemReading {
  cpuSecondsTotal: number;
  residentMemoryBytes: number;
  heapUsedBytes: number;
  eventLoopLagP99Seconds: number;
  eventLoopLagMaxSeconds: number;
  systemMemoryFreeBytes: number;
  systemMemoryTotalBytes: number;
  load1: number;
  disk: { freeBytes: number; totalBytes: number } | null;
  uptimeSeconds: number;
}

/**
 * Process and machine gauges: CPU seconds, memory, event-loop lag (perf_hooks histogram, reset at
 * each snapshot so it shows the lag since the last one), load, and the disk of the data folder
 * (fs.statfs, refreshed by `refreshDisk` since it is asynchronous).
 */
export function registerSystemMetrics(registry: MetricRegistry, options: { dataDir: string; enabled: boolean }) {
  const loop = monitorEventLoopDelay({ resolution: 20 });
  if (options.enabled) loop.enable();
  let disk: SystemReading['disk'] = null;
  let lagP99 = 0;
  let lagMax = 0;

  const read = (): SystemReading => {
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    return {
      cpuSecondsTotal: (cpu.user + cpu.system) / 1e6,
      residentMemoryBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      eventLoopLagP99Seconds: lagP99,
      eventLoopLagMaxSeconds: lagMax,
      systemMemoryFreeBytes: freemem(),
      systemMemoryTotalBytes: totalmem(),
      load1: loadavg()[0]!,
      disk,
      uptimeSeconds: process.uptime(),
    };
  };

  const sampleLoop = () => {
    if (loop.count > 0) {
      lagP99 = loop.percentile(99) / 1e9;
      lagMax = loop.max / 1e9;
    }
    loop.reset();
  };

  registry.counter({ name: 'dwc_process_cpu_seconds_total', help: 'CPU time this process used (user + system)', unit: 'seconds', collect: () => setValue(registry, 'dwc_process_cpu_seconds_total', read().cpuSecondsTotal) });
  registry.gauge({ name: 'dwc_process_resident_memory_bytes', help: 'Resident memory of this process', unit: 'bytes', collect: () => setValue(registry, 'dwc_process_resident_memory_bytes', process.memoryUsage.rss()) });
  registry.gauge({ name: 'dwc_process_heap_used_bytes', help: 'V8 heap in use', unit: 'bytes', collect: () => setValue(registry, 'dwc_process_heap_used_bytes', process.memoryUsage().heapUsed) });
  registry.gauge({
    name: 'dwc_event_loop_lag_seconds',
    help: 'Event-loop delay since the previous reading (p99 and max)',
    unit: 'seconds',
    labelNames: ['stat'],
    trustedLabels: true,
    collect: () => {
      sampleLoop();
      const lag = registry.get('dwc_event_loop_lag_seconds')!;
      lag.set(['p99'], lagP99);
      lag.set(['max'], lagMax);
    },
  });
  registry.gauge({ name: 'dwc_system_memory_free_bytes', help: 'Free memory of the machine', unit: 'bytes', collect: () => setValue(registry, 'dwc_system_memory_free_bytes', freemem()) });
  registry.gauge({ name: 'dwc_system_load1', help: 'Load average over one minute', collect: () => setValue(registry, 'dwc_system_load1', loadavg()[0]!) });
  registry.gauge({
    name: 'dwc_data_disk_free_bytes',
    help: 'Free space on the disk of the data folder',
    unit: 'bytes',
    collect: () => disk && setValue(registry, 'dwc_data_disk_free_bytes', disk.freeBytes),
  });
  registry.gauge({ name: 'dwc_data_disk_size_bytes', help: 'Size of the disk of the data folder', unit: 'bytes', collect: () => disk && setValue(registry, 'dwc_data_disk_size_bytes', disk.totalBytes) });

  return {
    read,
    /** Reads the data folder's disk (fs.statfs); an unreadable folder leaves the last reading. */
    async refreshDisk(): Promise<void> {
      try {
        const stats = await statfs(options.dataDir);
        disk = { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
      } catch {
        // The folder may not exist yet (Postgres without local state): no disk gauge.
      }
    },
    stop: () => loop.disable(),
  };
}

function setValue(registry: MetricRegistry, name: string, value: number): void {
  registry.get(name)!.set([], value);
}
