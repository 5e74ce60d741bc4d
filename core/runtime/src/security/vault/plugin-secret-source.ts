import { envValue } from '@dwc/sdk';
import type { SecretSource } from '../../plugin-host/plugin-host.js';
import type { AuditRecorder } from '../audit-recorder.js';
import type { SecretVault } from './secret-vault.js';

/**
 * The secrets the plugin host hands to plugins: the vault first, then an environment variable of
 * the same name. Every secret handed over is recorded as `secret.read` by `plugin:<name>` (the
 * value never is). The host asks only for the names a plugin's manifest declares. An empty or
 * blank value counts as unset, in the vault as in the environment.
 */
export function pluginSecretSource(options: { vault: SecretVault | undefined; audit: AuditRecorder | undefined; env?: NodeJS.ProcessEnv }): SecretSource {
  const env = options.env ?? process.env;
  return {
    async get(name, plugin) {
      const revealed = await options.vault?.reveal(name);
      const fromVault = revealed === undefined ? undefined : envValue({ [name]: revealed }, name);
      const value = fromVault ?? envValue(env, name);
      if (value === undefined) return undefined;
      await options.audit?.record({
        action: 'secret.read',
        outcome: 'success',
        actor: `plugin:${plugin}`,
        target: `secret:${name}`,
        detail: { source: fromVault === undefined ? 'environment' : 'vault' },
      });
      return value;
    },
  };
}
