import { z } from '@dwc/sdk';

const HOST_PATTERN = /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$|^\[?[0-9a-f:.]+\]?$/;
const EXACT_HOST_PATTERN = /^[a-z0-9-]+(\.[a-z0-9-]+)*$|^\[?[0-9a-f:.]+\]?$/;

/** Settings of the http plugin; they limit where every `http.request` step may connect. */
export const httpConfigSchema = z
  .object({
    allowed_hosts: z
      .array(
        z
          .string()
          .trim()
          .toLowerCase()
          .regex(HOST_PATTERN, 'a host name such as "api.example.com", a wildcard such as "*.example.com", or an IP address'),
      )
      .default([])
      .describe('Hosts requests may go to: exact names or "*.example.com" for any subdomain. Empty allows any host.'),
    deny_private_networks: z
      .boolean()
      .optional()
      .describe(
        'Refuse loopback, private and link-local addresses (cloud metadata endpoints included), also when a host name resolves to one (SSRF protection). ' +
          'Unset follows the server: on for a team server on Postgres, off on the desktop/SQLite shape so local tools such as Ollama stay reachable (DWC_DENY_PRIVATE_NETWORKS changes that default).',
      ),
    allowed_private_hosts: z
      .array(
        z
          .string()
          .trim()
          .toLowerCase()
          .regex(EXACT_HOST_PATTERN, 'an exact host name such as "ollama.internal" or an IP address (no wildcards)')
          .transform((host) => host.replace(/^\[(.*)\]$/, '$1')),
      )
      .default([])
      .describe('Hosts that may be private even while private networks are denied, e.g. an internal API: exact names or IP addresses as written in the URL.'),
  })
  .strict();

export type HttpConfig = z.output<typeof httpConfigSchema>;

/** Where requests may go, with the server's default filled in. */
export interface HttpPolicy {
  allowedHosts: readonly string[];
  denyPrivateNetworks: boolean;
  /** Hosts exempt from `denyPrivateNetworks`, by the name the URL gives. */
  allowedPrivateHosts: readonly string[];
}

/** The plugin's setting wins; unset takes the host's default (`ctx.host.denyPrivateNetworks`); the host's allowed private hosts (DWC_ALLOWED_PRIVATE_HOSTS) add to the plugin's. */
export function httpPolicy(config: HttpConfig, host: { denyPrivateNetworks: boolean; allowedPrivateHosts?: readonly string[] }): HttpPolicy {
  return {
    allowedHosts: config.allowed_hosts,
    denyPrivateNetworks: config.deny_private_networks ?? host.denyPrivateNetworks,
    allowedPrivateHosts: [...new Set([...config.allowed_private_hosts, ...(host.allowedPrivateHosts ?? [])])],
  };
}
