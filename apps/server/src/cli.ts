import { Command } from 'commander';
import { DwcError } from '@dwc/sdk';
import { doctor } from './commands/doctor.js';
import { migrate } from './commands/migrate.js';
import { pluginsList } from './commands/plugins-list.js';
import { serve } from './commands/serve.js';
import { usersList } from './commands/users-list.js';
import { productVersion } from './paths.js';

const program = new Command('dwc')
  .description('Document Workflow Chain: durable AI and automation workflows over documents')
  .version(productVersion)
  .showHelpAfterError();

program.command('serve').description('run the headless server (default port 8000)').action(serve);
program
  .command('migrate')
  .description('apply pending database migrations')
  .option('--status', 'list pending migrations without applying them')
  .action(migrate);
program
  .command('plugins')
  .description('inspect plugins')
  .command('list')
  .description('list discovered plugins with their state and capabilities')
  .option('--json', 'print JSON')
  .action(pluginsList);
program
  .command('users')
  .description('inspect user accounts')
  .command('list')
  .description('list users with their role')
  .option('--json', 'print JSON')
  .action(usersList);
program
  .command('doctor')
  .description('check configuration, database and plugins, and say how to fix problems')
  .action(async () => {
    process.exitCode = await doctor();
  });

try {
  await program.parseAsync();
} catch (error) {
  console.error(`dwc: ${error instanceof DwcError || error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
