// Child process of bench/desktop.ts (plain JavaScript on the built bundle, so no loader adds to
// the figures): starts the embedded server exactly as the desktop main process does (user-data
// folder from argv, a master key as the keychain would hand it), prints one JSON line with its URL
// and secret, and runs until SIGTERM, when it shuts down as a quit does.
import { randomBytes } from 'node:crypto';

const userData = process.argv[2];
if (userData === undefined) throw new Error('usage: desktop-server-child.mjs <user-data folder> [bundle|dist]');
// `bundle` (the default) is what Electron runs (scripts/bundle.mjs; this entry shares main.js's
// chunks); `dist` is the tsc output as it ran before the bundle, for the figures beside.
const { startEmbeddedServer } = process.argv[3] === 'dist' ? await import('@dwc/desktop') : await import('../../apps/desktop/bundle/index.js');
const server = await startEmbeddedServer({ userDataDir: userData, masterKey: randomBytes(32).toString('base64'), env: { ...process.env, LOG_LEVEL: 'warn' } });
process.stdout.write(`${JSON.stringify({ url: server.url, secret: server.secret })}\n`);
process.once('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
