import { withRuntime } from './with-runtime.js';

/** Loads the plugins as the server would and prints one line each (or JSON). */
export async function pluginsList(options: { json?: boolean }): Promise<void> {
  await withRuntime({ migrate: false, plugins: true, quiet: true }, async (runtime) => {
    const plugins = runtime.plugins.list();
    if (options.json) {
      console.log(JSON.stringify(plugins, null, 2));
      return;
    }
    if (plugins.length === 0) console.log(`no plugins found in ${runtime.config.pluginsDir ?? '(no plugins folder)'} or DWC_PLUGINS`);
    for (const plugin of plugins) {
      const capabilities = plugin.capabilities.map((c) => `${c.kind}:${c.type}`).join(', ');
      const detail = plugin.state === 'failed' ? plugin.error : capabilities || plugin.kinds.join(', ');
      console.log(`${plugin.state.padEnd(8)} ${plugin.name}@${plugin.version}  ${detail}`);
    }
  });
}
