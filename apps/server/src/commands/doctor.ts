import { createServer } from 'node:net';
import { ConfigError } from '@dwc/sdk';
import type { DwcConfig } from '@dwc/runtime';
import { loadServerConfig } from '../load-server-config.js';
import { withRuntime } from './with-runtime.js';

interface Finding {
  ok: boolean;
  what: string;
  fix?: string;
}

/** Checks config, port, database, migrations and plugins; prints each finding and how to fix it. Exit code 1 on any problem. */
export async function doctor(): Promise<number> {
  const findings: Finding[] = [];
  let config: DwcConfig;
  try {
    config = loadServerConfig();
    findings.push({ ok: true, what: 'configuration is valid' });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const problems = (error.details as { problems?: string[] } | undefined)?.problems ?? [error.message];
    for (const problem of problems) findings.push({ ok: false, what: problem, fix: 'correct the environment variable or dwc.config.json (see the README configuration table)' });
    return report(findings);
  }

  findings.push(await checkPort(config));
  try {
    await withRuntime({ config, migrate: false, plugins: true, quiet: true }, async (runtime) => {
      const ping = await runtime.database.ping();
      findings.push({ ok: ping.ok, what: `database ${runtime.database.dialect} ${runtime.database.describe()} ${ping.ok ? `answers (${ping.latencyMs} ms)` : `does not answer: ${ping.error}`}` });
      const pending = await runtime.database.pendingMigrations();
      findings.push(pending.length === 0
        ? { ok: true, what: 'database schema is up to date' }
        : { ok: false, what: `${pending.length} migration(s) pending: ${pending.join(', ')}`, fix: 'run `dwc migrate` (the server also applies them at start)' });
      for (const plugin of runtime.plugins.list()) {
        findings.push(plugin.state === 'failed'
          ? { ok: false, what: plugin.error ?? `plugin ${plugin.name} failed`, fix: 'fix or remove the plugin; the others still load' }
          : { ok: true, what: `plugin ${plugin.name}@${plugin.version} ${plugin.state}` });
      }
    });
  } catch (error) {
    findings.push({ ok: false, what: (error as Error).message, fix: config.databaseUrl ? 'check DATABASE_URL and that Postgres is running' : 'check that DWC_DATA_DIR is writable' });
  }
  return report(findings);
}

function checkPort(config: DwcConfig): Promise<Finding> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      resolve({ ok: false, what: `port ${config.port} is not free (${error.code})`, fix: 'stop what uses it or set PORT to another port' }));
    probe.listen({ port: config.port, host: config.host }, () => probe.close(() => resolve({ ok: true, what: `port ${config.port} is free` })));
  });
}

function report(findings: Finding[]): number {
  for (const finding of findings) {
    console.log(`${finding.ok ? 'ok  ' : 'FAIL'} ${finding.what}${finding.fix ? `\n     fix: ${finding.fix}` : ''}`);
  }
  const problems = findings.filter((f) => !f.ok).length;
  console.log(problems === 0 ? 'no problems found' : `${problems} problem(s) found`);
  return problems === 0 ? 0 : 1;
}
