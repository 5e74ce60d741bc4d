import type { LookupAddress, LookupOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import type { HttpPolicy } from './config.js';
import { privateDenied, privateNetworkError } from './host-policy.js';
import { isPrivateAddress } from './private-address.js';

/** Resolves a host name to its addresses: the system resolver by default; tests inject one. */
export type Resolver = (hostname: string) => Promise<readonly LookupAddress[]>;

export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for `net.connect`/`tls.connect`: resolves the name once, refuses the connection when
 * private networks are denied and any answer is private, and hands the socket exactly the
 * addresses it checked. The check and the connection therefore use one DNS answer, so a name
 * that changes its answer in between (DNS rebinding) cannot lead to a private address.
 */
export function guardedLookup(resolve: Resolver, policy: Pick<HttpPolicy, 'denyPrivateNetworks' | 'allowedPrivateHosts'>) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    const deny = privateDenied(hostname.toLowerCase().replace(/\.$/, ''), policy);
    resolve(hostname).then(
      (answers) => {
        const denied = deny ? answers.find(({ address }) => isPrivateAddress(address)) : undefined;
        if (denied) return callback(privateNetworkError(hostname, denied.address), '');
        const family = options.family === 4 || options.family === 6 ? options.family : undefined;
        const usable = answers.filter((answer) => family === undefined || answer.family === family);
        const first = usable[0];
        if (first === undefined) {
          return callback(Object.assign(new Error(`${hostname} has no ${family ? `IPv${family} ` : ''}address`), { code: 'ENOTFOUND' }), '');
        }
        if (options.all) callback(null, usable.map(({ address, family: f }) => ({ address, family: f })));
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}
