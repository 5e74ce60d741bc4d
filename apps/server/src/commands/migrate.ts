import { withRuntime } from './with-runtime.js';

/** Applies pending migrations (or, with `status`, lists them) and prints what it did. */
export async function migrate(options: { status?: boolean }): Promise<void> {
  await withRuntime({ migrate: false }, async ({ database }) => {
    const where = `${database.dialect} ${database.describe()}`;
    if (options.status) {
      const pending = await database.pendingMigrations();
      console.log(pending.length === 0 ? `${where}: up to date` : `${where}: ${pending.length} pending: ${pending.join(', ')}`);
      return;
    }
    const applied = await database.migrate();
    console.log(applied.length === 0 ? `${where}: already up to date` : `${where}: applied ${applied.join(', ')}`);
  });
}
