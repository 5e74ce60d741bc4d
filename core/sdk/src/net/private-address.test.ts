import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from './private-address.js';

describe('isPrivateAddress', () => {
  it.each([
    ['loopback', ['127.0.0.1', '127.8.9.10', '::1', '[::1]']],
    ['private IPv4', ['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1']],
    ['link-local and cloud metadata', ['169.254.169.254', '169.254.0.1', 'fe80::1', 'febf::1', 'fd00:ec2::254']],
    ['unique-local IPv6', ['fc00::1', 'fd12:3456::1']],
    ['unspecified', ['0.0.0.0', '0.1.2.3', '::']],
    ['IPv4-mapped and other IPv6 forms of private IPv4', ['::ffff:7f00:1', '::ffff:127.0.0.1', '::ffff:169.254.169.254', '::ffff:0:a9fe:a9fe', '64:ff9b::a9fe:a9fe', '2002:a9fe:a9fe::1', '::7f00:1']],
    ['carrier-grade NAT (Alibaba metadata 100.100.100.200)', ['100.64.0.1', '100.100.100.200']],
    ['reserved, documentation, benchmarking, broadcast and multicast', ['192.0.0.192', '192.0.2.1', '198.18.0.1', '240.0.0.1', '255.255.255.255', '224.0.0.1', 'ff02::1', '2001:db8::1']],
    ['Teredo, local-use NAT64 and site-local', ['2001:0:4136:e378:8000:63bf:3fff:fdd2', '64:ff9b:1::a00:1', 'fec0::1']],
  ])('treats %s as private', (_kind, addresses) => {
    for (const address of addresses) expect(isPrivateAddress(address), address).toBe(true);
  });

  it.each(['8.8.8.8', '172.32.0.1', '1.1.1.1', '93.184.215.14', '2606:4700:4700::1111', '::ffff:808:808', '64:ff9b::808:808', '2002:808:808::1'])('treats %s as public', (address) =>
    expect(isPrivateAddress(address)).toBe(false),
  );

  it.each(['example.com', 'localhost', '1', ''])('does not call %j an IP address', (text) => expect(isPrivateAddress(text)).toBe(false));
});
