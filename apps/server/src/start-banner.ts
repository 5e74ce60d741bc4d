import { styleText } from 'node:util';

/** What the start banner tells a person at the terminal. */
export interface StartInfo {
  version: string;
  /** Where to open the server (see `openUrl`). */
  url: string;
  database: { dialect: 'sqlite' | 'postgres'; where: string };
  plugins: readonly { name: string; state: string; error?: string }[];
  /** Issued at this start because no owner exists yet. */
  setupToken?: string;
}

/**
 * The URL a person opens: `localhost` when listening on every interface (no HOST, `::` or
 * `0.0.0.0`), else the HOST given; with the port actually bound.
 */
export function openUrl(host: string | undefined, port: number): string {
  const name = host === undefined || host === '::' || host === '0.0.0.0' ? 'localhost' : host;
  return `http://${name.includes(':') ? `[${name}]` : name}:${port}`;
}

/** The database as a person names it: the SQLite file, or Postgres host:port/database (never the password). */
export function describeDatabase(database: StartInfo['database']): string {
  return `${database.dialect === 'sqlite' ? 'SQLite' : 'Postgres'} ${database.where}`;
}

/** Loaded and failed plugins in a few words; failed ones are named with their reason below. */
function pluginSummary(plugins: StartInfo['plugins']): { line: string; failures: string[] } {
  const count = (state: string) => plugins.filter((p) => p.state === state).length;
  const failed = plugins.filter((p) => p.state === 'failed');
  const parts = [`${count('active')} loaded`, ...(count('disabled') > 0 ? [`${count('disabled')} disabled`] : []), ...(failed.length > 0 ? [`${failed.length} failed`] : [])];
  return { line: parts.join(', '), failures: failed.map((p) => `${p.name}: ${p.error ?? 'failed to load'}`) };
}

/** The lines printed once when `dwc serve` is ready, on a terminal. `color` adds ANSI styles. */
export function startBanner(info: StartInfo, options: { color?: boolean } = {}): string {
  const paint = (format: Parameters<typeof styleText>[0], text: string) => (options.color ? styleText(format, text) : text);
  const plugins = pluginSummary(info.plugins);
  const lines = [
    '',
    `  ${paint('bold', `dwc ${info.version}`)} is ready`,
    '',
    `  Open       ${paint(['bold', 'cyan'], info.url)}`,
    `  API docs   ${info.url}/docs`,
    `  Database   ${describeDatabase(info.database)}`,
    `  Plugins    ${plugins.line}`,
    ...plugins.failures.map((failure) => `             ${paint('red', `✗ ${failure}`)}`),
  ];
  if (info.setupToken !== undefined) {
    lines.push(
      '',
      `  ${paint(['bold', 'yellow'], 'First start:')} no owner account exists yet. Create yours with this one-time setup token:`,
      '',
      `    ${paint('bold', info.setupToken)}`,
      '',
      `    curl -X POST ${info.url}/api/v3/auth/setup -H 'content-type: application/json' \\`,
      `      -d '{"setup_token": "${info.setupToken}", "email": "you@example.com", "password": "<a strong one>"}'`,
      '',
      `  ${paint('dim', 'Or restart with DWC_ADMIN_EMAIL and DWC_ADMIN_PASSWORD set. A new token is printed at each start until an owner exists.')}`,
    );
  }
  lines.push('', `  ${paint('dim', 'Ctrl-C stops the server.')}`, '', '');
  return lines.join('\n');
}
