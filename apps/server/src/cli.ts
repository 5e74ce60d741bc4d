import { Command } from 'commander';
import { DwcError } from '@dwc/sdk';
import { productVersion } from './paths.js';

/** A command's action that imports its module when the command runs, so `dwc serve` loads no other command. */
function lazy<A extends unknown[], R>(load: () => Promise<(...args: A) => R>) {
  return async (...args: A): Promise<Awaited<R>> => await (await load())(...args);
}
const commands = {
  audit: () => import('./commands/audit.js'),
  doctor: () => import('./commands/doctor.js'),
  migrate: () => import('./commands/migrate.js'),
  pluginsList: () => import('./commands/plugins-list.js'),
  secrets: () => import('./commands/secrets.js'),
  serve: () => import('./commands/serve.js'),
  usersList: () => import('./commands/users-list.js'),
};

const program = new Command('dwc')
  .description('Document Workflow Chain: durable AI and automation workflows over documents')
  .version(productVersion)
  .showHelpAfterError();

program.command('serve').description('run the headless server (default port 8000)').action(lazy(async () => (await commands.serve()).serve));
program
  .command('migrate')
  .description('apply pending database migrations')
  .option('--status', 'list pending migrations without applying them')
  .action(lazy(async () => (await commands.migrate()).migrate));
program
  .command('plugins')
  .description('inspect plugins')
  .command('list')
  .description('list discovered plugins with their state and capabilities')
  .option('--json', 'print JSON')
  .action(lazy(async () => (await commands.pluginsList()).pluginsList));
const audit = program.command('audit').description('check and export the tamper-evident audit log');
audit
  .command('verify')
  .description('check the hash chain; exit 1 naming the first edited, deleted or reordered record')
  .action(async () => {
    process.exitCode = await (await commands.audit()).auditVerify();
  });
audit
  .command('export')
  .description('write the audit log (oldest first) as CSV or JSON')
  .option('--format <format>', 'csv or json', 'json')
  .option('-o, --output <file>', 'write to this file (mode 0600) instead of standard output')
  .option('--actor <actor>', 'only this actor')
  .option('--action <action>', 'only this action, or a prefix such as auth.*')
  .option('--from <time>', 'records at or after this ISO-8601 time')
  .option('--to <time>', 'records before this ISO-8601 time')
  .action(lazy(async () => (await commands.audit()).auditExport));
const secrets = program.command('secrets').description('manage the encrypted secrets vault');
secrets.command('set <name>').description('store a secret; the value is read from standard input').action(lazy(async () => (await commands.secrets()).secretsSet));
secrets.command('list').description('list secret names, key ids and timestamps (never values)').option('--json', 'print JSON').action(lazy(async () => (await commands.secrets()).secretsList));
secrets.command('delete <name>').description('delete a secret').action(lazy(async () => (await commands.secrets()).secretsDelete));
secrets
  .command('rotate-key')
  .description('re-encrypt every secret under a new master key; reads keep working meanwhile')
  .option('--new-key <key>', 'the new key (32 bytes, hex or base64); generated when left out')
  .option('--batch-size <n>', 'rows re-encrypted per batch', '100')
  .action(lazy(async () => (await commands.secrets()).secretsRotateKey));
program
  .command('users')
  .description('inspect user accounts')
  .command('list')
  .description('list users with their role')
  .option('--json', 'print JSON')
  .action(lazy(async () => (await commands.usersList()).usersList));
program
  .command('doctor')
  .description('check configuration, database and plugins, and say how to fix problems')
  .action(async () => {
    process.exitCode = await (await commands.doctor()).doctor();
  });

try {
  await program.parseAsync();
} catch (error) {
  console.error(`dwc: ${error instanceof DwcError || error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
