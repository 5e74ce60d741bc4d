// `npm run bench`: every benchmark in one run; each prints its table and writes bench/results/<name>.json.
await import('./startup.js');
await import('./executions.js');
await import('./retention.js');
await import('./webhook.js');
await import('./webhook-trigger.js');
await import('./audit.js');
await import('./ws-fanout.js');
await import('./cache.js');
await import('./ai-step.js');
await import('./auth.js');
await import('./expression-health.js');
await import('./notify.js');
await import('./scheduler.js');
await import('./metrics.js');
await import('./ui.js');
// A shorter engine run keeps the whole suite quick; `tsx bench/engine-cpu.ts` runs 20,000.
process.env.BENCH_ENGINE_EXECUTIONS ??= '10000';
await import('./engine-cpu.js');
await import('./desktop.js');
