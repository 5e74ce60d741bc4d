import { InputError } from '../errors.js';

/**
 * Where a plugin may connect when a URL comes from a user (or from settings): with
 * `denyPrivateNetworks`, loopback, private, link-local and metadata addresses are refused unless
 * the URL's host is in `allowedPrivateHosts`. The host gives its default as `ctx.host`.
 */
export interface NetworkPolicy {
  denyPrivateNetworks: boolean;
  /** Hosts exempt from `denyPrivateNetworks`, by the name (or IP literal) the URL gives, lower case. */
  allowedPrivateHosts: readonly string[];
}

/** Any address allowed: for tests and tools that talk to their own local servers. */
export const OPEN_NETWORK: NetworkPolicy = Object.freeze({ denyPrivateNetworks: false, allowedPrivateHosts: Object.freeze([]) });

/** The URL's host name in lower case, without IPv6 brackets or a trailing dot. */
export function hostOf(url: URL): string {
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Whether connections to `host` must refuse private addresses. */
export function privateDenied(host: string, policy: NetworkPolicy): boolean {
  const bare = host.toLowerCase().replace(/\.$/, '').replace(/^\[(.*)\]$/, '$1');
  return policy.denyPrivateNetworks && !policy.allowedPrivateHosts.includes(bare);
}

/** What the refusal tells the operator to change; plugins with their own setting say so. */
export const DEFAULT_PRIVATE_NETWORK_HINT =
  'private networks are denied on this server (DWC_DENY_PRIVATE_NETWORKS, on by default for a team server); an operator can allow this host by adding it to DWC_ALLOWED_PRIVATE_HOSTS';

/** The refusal of a private address: `address` is what `host` resolved to (the same for an IP literal). */
export function privateNetworkError(host: string, address: string, hint: string = DEFAULT_PRIVATE_NETWORK_HINT, redirectedTo?: URL): InputError {
  const resolved = host === address ? '' : ` resolves to ${address}, which`;
  const via = redirectedTo ? ` (reached by a redirect to ${redirectedTo.origin})` : '';
  return new InputError(`Host "${host}"${via}${resolved} is a loopback, private, link-local or other non-public address, and ${hint}.`, {
    code: 'private_network_denied',
    details: { host, address, setting: 'deny_private_networks' },
  });
}
