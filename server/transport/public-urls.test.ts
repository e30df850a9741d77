import { describe, expect, it } from 'vitest';
import { isLoopbackHost, joinBase, networkBaseUrls, type Interfaces } from './public-urls.ts';

const lan: Interfaces = {
  lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
  eth0: [
    { address: '192.168.1.20', netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: '192.168.1.20/24' },
    { address: 'fe80::1', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '02:00:00:00:00:01', internal: false, cidr: 'fe80::1/64', scopeid: 2 },
  ],
  wlan0: [{ address: '10.0.0.7', netmask: '255.0.0.0', family: 'IPv4', mac: '02:00:00:00:00:02', internal: false, cidr: '10.0.0.7/8' }],
};

describe('join links', () => {
  it('recognises loopback names', () => {
    for (const h of ['localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '[::1]', 'app.localhost']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['192.168.1.20', 'tabletop.example.org', 'localhost.example.org']) expect(isLoopbackHost(h)).toBe(false);
  });

  it('lists the IPv4 network addresses of a server bound to every interface, in order', () => {
    expect(networkBaseUrls('0.0.0.0', 3000, lan)).toEqual(['http://192.168.1.20:3000', 'http://10.0.0.7:3000']);
    expect(networkBaseUrls('127.0.0.1', 3000, lan)).toEqual([]);
    expect(networkBaseUrls('10.0.0.7', 3000, lan)).toEqual(['http://10.0.0.7:3000']);
  });

  it('replaces a loopback request host with the first network address and offers the others', () => {
    const networkUrls = networkBaseUrls('0.0.0.0', 3000, lan);
    expect(joinBase('localhost:3000', { networkUrls })).toEqual({ baseUrl: 'http://192.168.1.20:3000', source: 'network-address', alternatives: ['http://10.0.0.7:3000'] });
    expect(joinBase('[::1]:3000', { networkUrls }).baseUrl).toBe('http://192.168.1.20:3000');
  });

  it('keeps an address people can reach, and PUBLIC_URL wins over everything', () => {
    const networkUrls = networkBaseUrls('0.0.0.0', 3000, lan);
    expect(joinBase('10.0.0.7:3000', { networkUrls })).toEqual({ baseUrl: 'http://10.0.0.7:3000', source: 'request', alternatives: ['http://192.168.1.20:3000'] });
    expect(joinBase('localhost:3000', { networkUrls, publicUrl: 'https://tabletop.example.org' })).toEqual({ baseUrl: 'https://tabletop.example.org', source: 'public-url', alternatives: [] });
  });

  it('says so when only loopback can reach the server', () => {
    expect(joinBase('127.0.0.1:3000', { networkUrls: [] })).toEqual({ baseUrl: 'http://127.0.0.1:3000', source: 'loopback-only', alternatives: [] });
  });
});
