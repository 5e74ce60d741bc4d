import type { LookupAddress, LookupOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { privateDenied, privateNetworkError, type NetworkPolicy } from './network-policy.js';
import { isPrivateAddress } from './private-address.js';

/** Resolves a host name to its addresses: the system resolver by default; tests inject one. */
export type Resolver = (hostname: string) => Promise<readonly LookupAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  return lookup(bare, { all: true, verbatim: true });
};

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for `net.connect`/`tls.connect` (node:http's `lookup` option, undici's `connect.lookup`):
 * resolves the name once, refuses the connection when private networks are denied and any answer
 * is private, and hands the socket exactly the addresses it checked. The check and the connection
 * therefore use one DNS answer, so a name that changes its answer in between (DNS rebinding)
 * cannot lead to a private address. `hint` ends the refusal's message: which setting allows the host.
 */
export function guardedLookup(resolve: Resolver, policy: NetworkPolicy, hint?: string) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    const deny = privateDenied(hostname, policy);
    resolve(hostname).then(
      (answers) => {
        const denied = deny ? answers.find(({ address }) => isPrivateAddress(address)) : undefined;
        if (denied) return callback(privateNetworkError(hostname, denied.address, hint), '');
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

/**
 * Checks a URL before it is queued or called: refuses a private IP literal outright, and a host
 * name any of whose addresses is private. A name that does not resolve now passes (it may later);
 * the connection is checked again by `guardedLookup`.
 */
export async function assertPublicUrl(url: URL, policy: NetworkPolicy, options: { resolve?: Resolver; hint?: string } = {}): Promise<void> {
  const host = url.hostname.toLowerCase().replace(/\.$/, '').replace(/^\[(.*)\]$/, '$1');
  if (!privateDenied(host, policy)) return;
  if (isPrivateAddress(host)) throw privateNetworkError(host, host, options.hint);
  let answers: readonly LookupAddress[];
  try {
    answers = await (options.resolve ?? systemResolver)(host);
  } catch {
    return;
  }
  const denied = answers.find(({ address }) => isPrivateAddress(address));
  if (denied) throw privateNetworkError(host, denied.address, options.hint);
}
