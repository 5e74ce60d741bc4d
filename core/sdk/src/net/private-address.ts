import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

/**
 * The IPv4 address an IPv6 address carries, where the IPv4 address decides where packets go:
 * IPv4-mapped (`::ffff:a.b.c.d`), IPv4-translated (RFC 6145), the well-known NAT64 prefix, 6to4,
 * and the deprecated IPv4-compatible form (`::a.b.c.d`, which also covers `::` and `::1`).
 */
function embeddedIPv4(ip: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const bytes = ip.toByteArray();
  const range = ip.range();
  if (range === 'ipv4Mapped' || range === 'rfc6145' || ip.match(NAT64_WELL_KNOWN)) return new ipaddr.IPv4(bytes.slice(12));
  if (range === '6to4') return new ipaddr.IPv4(bytes.slice(2, 6));
  if (bytes.slice(0, 12).every((byte) => byte === 0)) return new ipaddr.IPv4(bytes.slice(12));
  return undefined;
}

/**
 * True for an IP literal that is not a public unicast address: loopback, private (RFC 1918,
 * unique-local IPv6), link-local (169.254/16 with the cloud metadata endpoints, fe80::/10),
 * carrier-grade NAT, unspecified (0.0.0.0, ::), multicast, broadcast, reserved, documentation,
 * benchmarking, Teredo and local-use NAT64, and any IPv6 form carrying such an IPv4 address.
 * False for public addresses and for anything that is not an IP literal.
 */
export function isPrivateAddress(address: string): boolean {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (isIP(bare) === 0) return false;
  const ip = ipaddr.parse(bare);
  if (ip.kind() === 'ipv6') {
    const v4 = embeddedIPv4(ip as ipaddr.IPv6);
    if (v4) return v4.range() !== 'unicast';
  }
  return ip.range() !== 'unicast';
}
