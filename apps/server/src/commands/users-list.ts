import { withRuntime } from './with-runtime.js';

/** Prints the users with their role, MFA and disabled state (or JSON). */
export async function usersList(options: { json?: boolean }): Promise<void> {
  await withRuntime({ migrate: false }, async (runtime) => {
    const users = await runtime.security.accounts.list();
    if (options.json) {
      console.log(JSON.stringify(users, null, 2));
      return;
    }
    if (users.length === 0) console.log('no users yet: start the server and use the setup token it shows, or set DWC_ADMIN_EMAIL and DWC_ADMIN_PASSWORD');
    for (const user of users) {
      const flags = [user.mfa_enabled ? 'mfa' : '', user.disabled ? 'disabled' : ''].filter(Boolean).join(',');
      console.log(`${user.role.padEnd(7)} ${user.email}  ${user.id}${flags ? `  (${flags})` : ''}`);
    }
  });
}
