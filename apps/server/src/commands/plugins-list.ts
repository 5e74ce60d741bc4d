import { createLogger, createRuntime } from '@dwc/runtime';
import { loadServerConfig } from '../load-server-config.js';

/** Loads the plugins as the server would and prints one line each (or JSON). */
export async function pluginsList(options: { json?: boolean }): Promise<void> {
  const config = loadServerConfig();
  const runtime = await createRuntime({ config, logger: createLogger({ level: 'silent' }), migrate: false, workers: false });
  try {
    const plugins = runtime.plugins.list();
    if (options.json) {
      console.log(JSON.stringify(plugins, null, 2));
      return;
    }
    if (plugins.length === 0) console.log(`no plugins found in ${config.pluginsDir ?? '(no plugins folder)'} or DWC_PLUGINS`);
    for (const plugin of plugins) {
      const capabilities = plugin.capabilities.map((c) => `${c.kind}:${c.type}`).join(', ');
      const detail = plugin.state === 'failed' ? plugin.error : capabilities || plugin.kinds.join(', ');
      console.log(`${plugin.state.padEnd(8)} ${plugin.name}@${plugin.version}  ${detail}`);
    }
  } finally {
    await runtime.close();
  }
}
