import { z } from '@dwc/sdk';

const HOST_PATTERN = /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$|^\[?[0-9a-f:.]+\]?$/;

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
      .default(false)
      .describe('Refuse loopback, private and link-local addresses, including host names that resolve to them (SSRF protection).'),
  })
  .strict();

export type HttpConfig = z.output<typeof httpConfigSchema>;
